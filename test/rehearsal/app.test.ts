import { describeAppRehearsals } from './helpers';

// Every stack of the app in every profile, and once more with every optional feature on, through
// terraform init + validate + mocked plan/apply: all of them modules of one Terraform root, so Terraform
// loads the provider once per step for the lot. Each stack of each profile is still its own test.
describeAppRehearsals([
  { title: 'deploy rehearsal, profile dev', name: 'dev', input: { suffix: 'rh-dev', profile: 'dev' } },
  { title: 'deploy rehearsal, profile pr', name: 'pr', input: { suffix: 'rh-pr', profile: 'pr' } },
  { title: 'deploy rehearsal, profile production', name: 'production', input: { suffix: 'rh-production', profile: 'production' } },
  // Optional features that no profile turns on by default still have to deploy: replication, a custom
  // domain, account-wide singletons, provisioned capacity, an alert email and the S3 backend.
  {
    title: 'deploy rehearsal, every option on',
    name: 'options-on',
    input: {
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
    },
  },
]);
