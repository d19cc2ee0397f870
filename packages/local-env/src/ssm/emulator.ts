import { arnAt, generatedSecret, physicalName } from '../attributes';
import type { Emulator, EmulatedType } from '../emulator';
import { ssmProtocol } from './protocol';

/** What `${aws_ssm_parameter.<name>.<attribute>}` resolves to (`value` only for a plain literal). */
export interface ParameterAttributes {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly type: unknown;
  readonly version: number;
  readonly value?: string;
}

export const ssmParameter: EmulatedType<ParameterAttributes> = {
  type: 'aws_ssm_parameter',
  attributes: (r, at, text) => {
    const c = r.config;
    const name = physicalName(r, text);
    const literal = c.type !== 'SecureString' && typeof c.value === 'string' ? { value: text(c.value) } : {};
    return { id: name, name, arn: arnAt(at, 'ssm', `parameter${name.startsWith('/') ? '' : '/'}${name}`), type: c.type ?? 'String', version: 1, ...literal };
  },
};

/** SSM Parameter Store: the store (store.ts) behind the AWS endpoint. */
export const ssm: Emulator = {
  service: 'SSM',
  types: [ssmParameter],
  doc: {
    declared: '`aws_ssm_parameter`',
    locally: '`GetParameter(s)` (SecureString only with decryption), `PutParameter`; a value written from an ephemeral random password is generated at start-up',
  },
  start: (c) => {
    c.endpoint.register(ssmProtocol(c.state.ssm));
    return (p) => {
      // A write-only value from an ephemeral password gets a local random value.
      for (const r of p.all('aws_ssm_parameter')) {
        const a = ssmParameter.attributes(r, p.at, (v) => p.resolver.text(r.stack, v)) as ParameterAttributes;
        const source = r.config.value ?? r.config.value_wo ?? r.config.insecure_value;
        const value = source === undefined ? generatedSecret(`${r.stack}|ssm|${r.name}`, 32) : p.resolver.text(r.stack, source);
        p.state.ssm.define({ name: a.name, arn: a.arn, type: (r.config.type as 'String') ?? 'String', value });
      }
    };
  },
};
