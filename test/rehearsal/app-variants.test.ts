import { rehearsalAvailability } from '@tap/rehearsal';
import { rehearseAndReport, reportSkip, synthApp } from './helpers';

// Optional features that no profile turns on by default still have to deploy: replication, a custom
// domain, account-wide singletons, provisioned capacity, and the S3 backend.
const availability = rehearsalAvailability();
const rehearse = availability.ok ? it : it.skip;
reportSkip(availability);

const variants = {
  'options-on': {
    suffix: 'rh-opts',
    profile: 'production',
    replication: true,
    replicationRegion: 'us-west-2',
    customDomainName: 'events.example.com',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    accountSingletons: true,
    alertEmail: 'oncall@example.com',
    stateBucket: 'tf-state-example',
    overrides: { dynamodb: { billingMode: 'PROVISIONED' as const, readCapacity: 5, writeCapacity: 5 } },
  },
};

for (const [name, input] of Object.entries(variants)) {
  const { root, stacks } = synthApp(`variant-${name}`, input);
  describe(`deploy rehearsal, variant ${name}`, () => {
    for (const dir of stacks) {
      rehearse(`${dir.split('/').pop()} validates and survives a mocked plan/apply`, () => {
        const result = rehearseAndReport(dir, root, availability);
        expect({ stack: result.stack, status: result.status, detail: result.status === 'passed' ? '' : result.message.slice(0, 4000) }).toEqual({ stack: result.stack, status: 'passed', detail: '' });
      });
    }
  });
}
