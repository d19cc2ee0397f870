import { literalPart, resources, strings } from '@tap/synth';
import { defineRule } from './define';

/** Text that marks a value someone meant to replace. */
export const PLACEHOLDER = /REPLACE[_ -]?(WITH|ME)|CHANGE[_ -]?ME|\bTODO\b|\bFIXME\b|placeholder|<\s*(your|insert)[^>]*>|\bYOUR[_-][A-Z0-9_]*HERE\b|\bdummy[-_ ]?(secret|password|token|key)\b/i;
/** Keys (any depth) that hold secrets. */
const SECRET_KEY = /password|secret|token|api_?key|credential|private_key|value_wo|^value$|insecure_value|secret_string/i;
const SECRET_TYPES = new Set(['aws_ssm_parameter', 'aws_secretsmanager_secret_version', 'aws_api_gateway_api_key']);

/** TAP-SECRET-01 no placeholder secrets — anchors: CKV_AWS_45 (no secrets in Lambda env) (PIPE-07 REPLACE_WITH_ACTUAL_TOKEN). */
export const placeholderSecrets = defineRule(
  {
    id: 'TAP-SECRET-01',
    severity: 'error',
    description: 'No placeholder secret values (REPLACE_WITH, CHANGEME, TODO, placeholder, ...) in secret-bearing attributes',
    anchors: ['CKV_AWS_45'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json)) {
      for (const leaf of strings(r.body)) {
        const secretish = SECRET_TYPES.has(r.type) || SECRET_KEY.test(leaf.key) || leaf.path.startsWith('environment');
        if (!secretish || leaf.key === 'description') continue;
        const m = PLACEHOLDER.exec(literalPart(leaf.value));
        if (m) {
          report(r.address, `${leaf.path} is the placeholder "${leaf.value}" (matched "${m[0]}"); it deploys and then fails authentication, or ships a guessable secret. Fix: generate it at deploy time (ephemeral aws_secretsmanager_random_password written through value_wo) or read it at run time from SSM/Secrets Manager.`);
        }
      }
    }
  },
);
