import { AwsError } from '../aws/protocol';

/** A parameter as declared by aws_ssm_parameter (value already resolved or generated). */
export interface ParameterSpec {
  readonly name: string;
  readonly type: 'String' | 'StringList' | 'SecureString';
  readonly value: string;
  readonly arn: string;
}

interface Stored extends ParameterSpec {
  version: number;
  modified: Date;
}

/** SSM Parameter Store: GetParameter(s) and PutParameter, with versions and overwrite rules. */
export class SsmStore {
  private readonly params = new Map<string, Stored>();

  constructor(private readonly arnPrefix: string) {}

  define(spec: ParameterSpec): void {
    this.params.set(spec.name, { ...spec, version: 1, modified: new Date() });
  }

  get(name: string, withDecryption: boolean): Record<string, unknown> {
    const p = this.params.get(name);
    if (!p) throw new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
    // Without decryption SSM returns the ciphertext of a SecureString, never the value.
    const value = p.type === 'SecureString' && !withDecryption ? Buffer.from(`local-kms-ciphertext:${p.name}`).toString('base64') : p.value;
    return { Name: p.name, Type: p.type, Value: value, Version: p.version, ARN: p.arn, DataType: 'text', LastModifiedDate: p.modified.getTime() / 1000 };
  }

  put(name: string, value: string, type: string | undefined, overwrite: boolean): { Version: number; Tier: string } {
    const existing = this.params.get(name);
    if (existing && !overwrite) throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    const resolvedType = (type ?? existing?.type ?? 'String') as ParameterSpec['type'];
    const version = (existing?.version ?? 0) + 1;
    const arn = existing?.arn ?? `${this.arnPrefix}${name.startsWith('/') ? name : `/${name}`}`;
    this.params.set(name, { name, type: resolvedType, value, arn, version, modified: new Date() });
    return { Version: version, Tier: 'Standard' };
  }
}
