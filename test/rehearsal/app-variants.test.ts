import { describeAppRehearsal } from './helpers';

// Optional features that no profile turns on by default still have to deploy: replication, a custom
// domain, account-wide singletons, provisioned capacity, an alert email and the S3 backend.
describeAppRehearsal('deploy rehearsal, every option on', 'variant-options-on', {
  suffix: 'rh-opts',
  profile: 'production',
  replication: true,
  replicationRegion: 'us-west-2',
  customDomainName: 'events.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  accountSingletons: true,
  alertEmail: 'oncall@example.com',
  stateBucket: 'tf-state-example',
  overrides: { dynamodb: { billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 5 } },
});
