import { ssm, ssmParameter } from '../../../../packages/local-env/src/ssm/emulator';
import { ssmProtocol } from '../../../../packages/local-env/src/ssm/protocol';
import { SsmStore } from '../../../../packages/local-env/src/ssm/store';
import { AT, resource, text } from './support';

describe('SSM emulator', () => {
  it('provisions aws_ssm_parameter: its ARN, and a literal value only when it is not a SecureString', () => {
    expect(ssm.types.map((t) => t.type)).toEqual(['aws_ssm_parameter']);
    expect(ssmParameter.attributes(resource('aws_ssm_parameter', 'p', { name: '/app/flag', type: 'String', value: 'on' }), AT, text)).toEqual({ id: '/app/flag', name: '/app/flag', arn: 'arn:aws:ssm:eu-west-1:000000000000:parameter/app/flag', type: 'String', version: 1, value: 'on' });
    expect(ssmParameter.attributes(resource('aws_ssm_parameter', 's', { name: '/app/token', type: 'SecureString', value: 'x' }), AT, text)).not.toHaveProperty('value');
  });

  it('speaks AmazonSSM over the store: GetParameters splits found and invalid names', async () => {
    const store = new SsmStore('arn:aws:ssm:eu-west-1:000000000000:parameter');
    store.define({ name: '/a', arn: 'arn:a', type: 'String', value: '1' });
    const protocol = ssmProtocol(store);
    const got = (await protocol.handle({ operation: 'GetParameters', raw: Buffer.from(JSON.stringify({ Names: ['/a', '/missing'] })) } as Parameters<typeof protocol.handle>[0])) as { Parameters: { Value: string }[]; InvalidParameters: string[] };
    expect([got.Parameters.map((p) => p.Value), got.InvalidParameters]).toEqual([['1'], ['/missing']]);
  });
});
