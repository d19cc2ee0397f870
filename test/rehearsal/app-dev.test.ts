import { describeAppRehearsal } from './helpers';

// Every stack of the app, profile "dev", through terraform init + validate + mocked plan/apply.
describeAppRehearsal('deploy rehearsal, profile dev', 'app-dev', { suffix: 'rh-dev', profile: 'dev' });
