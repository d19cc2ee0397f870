import { words } from '../names';
import { resources } from '@tap/synth';
import { defineRule } from './define';

/** Words in a parameter's name or description that say it holds a secret. */
const SECRET_WORDS = ['secret', 'token', 'password', 'passwd', 'credential', 'credentials', 'apikey', 'private', 'signing'];

/** TAP-SSM-02 secrets live only in SecureString parameters — anchors: CKV2_AWS_34. */
export const ssmSecretType = defineRule(
  {
    id: 'TAP-SSM-02',
    severity: 'error',
    description: 'An aws_ssm_parameter whose name or description says secret/token/password/credential/key is a SecureString (error); any other String parameter is a warning',
    anchors: ['CKV2_AWS_34'],
  },
  (ctx, report) => {
    for (const p of resources(ctx.stack.json, 'aws_ssm_parameter')) {
      if (p.body.type === 'SecureString') continue;
      const text = `${typeof p.body.name === 'string' ? p.body.name : ''} ${typeof p.body.description === 'string' ? p.body.description : ''}`;
      const w = words(text);
      const hit = SECRET_WORDS.find((s) => w.includes(s)) ?? (w.includes('api') && w.includes('key') ? 'api key' : undefined);
      if (hit) {
        report(p.address, `type ${String(p.body.type ?? 'String')} for a parameter that holds a ${hit}: it is stored and returned unencrypted, readable by anyone with ssm:GetParameter and shown in the console. Fix: type = "SecureString" with key_id = the stack's CMK and value_wo.`);
      } else {
        report(p.address, `type ${String(p.body.type ?? 'String')}: not encrypted at rest. Fine for plain configuration; if it ever holds a secret, make it a SecureString.`, 'warning');
      }
    }
  },
);
