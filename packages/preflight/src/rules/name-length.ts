import { minimumLength, NAME_ATTRIBUTES } from '../names';
import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-NAME-02 physical names fit their AWS length limit — no public anchor (FND-09: Lambda/IAM role 64, S3 63, ALB/target group 32, SQS 80). */
export const nameLength = defineRule(
  {
    id: 'TAP-NAME-02',
    severity: 'error',
    description: 'Physical names fit their AWS length limit (type → attribute → limit table)',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, ...Object.keys(NAME_ATTRIBUTES))) {
      for (const [attr, limit] of Object.entries(NAME_ATTRIBUTES[r.type])) {
        const name = r.body[attr];
        if (typeof name !== 'string') continue;
        const length = minimumLength(name);
        if (length > limit) {
          report(r.address, `${attr} "${name}" is at least ${length} characters, over the ${r.type} limit of ${limit}; the apply fails. Fix: shorten the base name or the suffix (the suffix is ${ctx.suffix ? ctx.suffix.length : '?'} characters).`);
        }
      }
    }
  },
);
