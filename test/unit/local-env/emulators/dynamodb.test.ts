import { request } from 'node:http';
import { AwsEndpoint } from '../../../../packages/local-env/src/aws/endpoint';
import { dynamodb, dynamodbTable } from '../../../../packages/local-env/src/dynamodb/emulator';
import { DynamoProtocol } from '../../../../packages/local-env/src/dynamodb/protocol';
import { Faults } from '../../../../packages/local-env/src/faults';
import { AT, resource, text } from './support';

function post(port: number, target: string, body: unknown): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('DynamoDB emulator', () => {
  it('provisions aws_dynamodb_table with its synthesized name, ARN and keys', () => {
    expect(dynamodb.types.map((t) => t.type)).toEqual(['aws_dynamodb_table']);
    expect(dynamodbTable.attributes(resource('aws_dynamodb_table', 't', { name: 'items-dev', hash_key: 'pk' }), AT, text)).toEqual({
      id: 'items-dev',
      name: 'items-dev',
      arn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/items-dev',
      stream_arn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/items-dev/stream/local',
      hash_key: 'pk',
      range_key: '',
    });
  });

  it('answers TimeToLive itself and refuses a faulted table with the injected error, without dynalite', async () => {
    const faults = new Faults(new Map());
    const protocol = new DynamoProtocol(1, faults);
    protocol.setTimeToLive('items-dev', 'expiresAt', true);
    const endpoint = new AwsEndpoint({ protocols: [protocol], faults });
    const port = await endpoint.start();
    try {
      const ttl = await post(port, 'DynamoDB_20120810.DescribeTimeToLive', { TableName: 'items-dev' });
      expect(JSON.parse(ttl.body)).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' } });
      faults.dynamoErrors.set('items-dev', 'ProvisionedThroughputExceededException');
      const refused = await post(port, 'DynamoDB_20120810.GetItem', { TableName: 'items-dev', Key: {} });
      expect([refused.status, JSON.parse(refused.body).__type]).toEqual([400, 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException']);
    } finally {
      await endpoint.stop();
    }
  });
});
