import { rehearsalAvailability } from '@tap/rehearsal';
import { rehearseAndReport, reportSkip, synthApp } from './helpers';

// Every stack of the app, profile "dev", through terraform init + validate + mocked plan/apply.
const availability = rehearsalAvailability();
const rehearse = availability.ok ? it : it.skip;
reportSkip(availability);

const { root, stacks } = synthApp('app-dev', { suffix: 'rh-dev', profile: 'dev' });

describe('deploy rehearsal, profile dev', () => {
  it('synthesizes the app', () => expect(stacks.length).toBeGreaterThan(0));
  for (const dir of stacks) {
    rehearse(`${dir.split('/').pop()} validates and survives a mocked plan/apply`, () => {
      const result = rehearseAndReport(dir, root, availability);
      expect(result.message).not.toMatch(/^SKIPPED/);
      expect({ stack: result.stack, status: result.status, detail: result.status === 'passed' ? '' : result.message.slice(0, 4000) }).toEqual({ stack: result.stack, status: 'passed', detail: '' });
    });
  }
});
