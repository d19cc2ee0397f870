import { describeAppRehearsal } from './helpers';

// Every stack of the app, profile "production", through terraform init + validate + mocked plan/apply.
describeAppRehearsal('deploy rehearsal, profile production', 'app-production', { suffix: 'rh-production', profile: 'production' });
