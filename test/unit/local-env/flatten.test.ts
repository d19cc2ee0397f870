import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlattenError, flattenOutputs, sensitiveOutputs } from '@tap/local-env';

describe('flat outputs (cfn-outputs/flat-outputs.json)', () => {
  it('nested stack → output → value becomes one sorted object with the values unchanged', () => {
    const { flat, omittedSensitive } = flattenOutputs({
      'payment-api': { paymentApiUrl: 'https://x.execute-api.us-east-1.amazonaws.com/api', paymentApiTableName: 'payments-pr1' },
      vpc: { vpcId: 'vpc-123', vpcAzCount: 3, vpcNatEnabled: false },
    });
    expect(flat).toEqual({ paymentApiTableName: 'payments-pr1', paymentApiUrl: 'https://x.execute-api.us-east-1.amazonaws.com/api', vpcAzCount: 3, vpcId: 'vpc-123', vpcNatEnabled: false });
    expect(Object.keys(flat)).toEqual([...Object.keys(flat)].sort());
    expect(omittedSensitive).toEqual([]);
  });

  it('a key defined by two stacks is an error naming both stacks', () => {
    expect(() => flattenOutputs({ 'rest-api': { apiUrl: 'a' }, 'payment-api': { apiUrl: 'b' } })).toThrow(/"apiUrl" is defined by both stack "rest-api" and stack "payment-api"/);
  });

  it('PIPE-20 nested outputs: a list or object value is an error naming stack and key, never stringified', () => {
    expect(() => flattenOutputs({ vpc: { vpcSubnetIds: ['a', 'b'] } })).toThrow(FlattenError);
    expect(() => flattenOutputs({ vpc: { vpcSubnetIds: ['a', 'b'] } })).toThrow(/stack "vpc" output "vpcSubnetIds" is a list; outputs must be scalars/);
    expect(() => flattenOutputs({ vpc: { vpcInfo: { id: 'x' } } })).toThrow(/stack "vpc" output "vpcInfo" is an object/);
    expect(() => flattenOutputs({ vpc: { vpcNothing: null } })).toThrow(/is null/);
    expect(() => flattenOutputs(['not', 'an', 'object'])).toThrow(/keyed by stack id/);
  });

  it('sensitive outputs are left out unless asked, read from output.<id>.sensitive of the synthesized JSON', () => {
    const out = mkdtempSync(join(tmpdir(), 'flatten-'));
    mkdirSync(join(out, 'stacks', 'rest-api'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'rest-api', 'cdk.tf.json'), JSON.stringify({ output: { restApiUrl: { value: 'x' }, restApiKeyValue: { value: '${aws_api_gateway_api_key.k.value}', sensitive: true } } }));
    const nested = { 'rest-api': { restApiUrl: 'https://u', restApiKeyValue: 'secret-key' } };
    const sensitive = sensitiveOutputs(out, ['rest-api']);
    expect([...sensitive['rest-api']]).toEqual(['restApiKeyValue']);

    const without = flattenOutputs(nested, { sensitive });
    expect(without.flat).toEqual({ restApiUrl: 'https://u' });
    expect(without.omittedSensitive).toEqual(['rest-api.restApiKeyValue']);
    expect(flattenOutputs(nested, { sensitive, includeSensitive: true }).flat).toEqual({ restApiKeyValue: 'secret-key', restApiUrl: 'https://u' });
  });

  it('refuses to guess sensitivity when the synthesized stack is missing', () => {
    const out = mkdtempSync(join(tmpdir(), 'flatten-'));
    expect(() => sensitiveOutputs(out, ['event-pipeline'])).toThrow(/cannot tell which outputs of stack "event-pipeline" are sensitive/);
  });
});
