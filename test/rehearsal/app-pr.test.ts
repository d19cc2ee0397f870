import { describeAppRehearsal } from './helpers';

// Every stack of the app, profile "pr", through terraform init + validate + mocked plan/apply.
describeAppRehearsal('deploy rehearsal, profile pr', 'app-pr', { suffix: 'rh-pr', profile: 'pr' });
