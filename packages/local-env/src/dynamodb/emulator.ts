import { arnAt, physicalName } from '../attributes';
import type { Emulator, EmulatedType } from '../emulator';
import { createTables, startDynalite } from './dynalite';
import { DynamoProtocol } from './protocol';

/** What `${aws_dynamodb_table.<name>.<attribute>}` resolves to. */
export interface TableAttributes {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly stream_arn: string;
  readonly hash_key: unknown;
  readonly range_key: unknown;
}

export const dynamodbTable: EmulatedType<TableAttributes> = {
  type: 'aws_dynamodb_table',
  attributes: (r, at, text) => {
    const name = physicalName(r, text);
    const arn = arnAt(at, 'dynamodb', `table/${name}`);
    return { id: name, name, arn, stream_arn: `${arn}/stream/local`, hash_key: r.config.hash_key, range_key: r.config.range_key ?? '' };
  },
};

/** DynamoDB: dynalite (a real DynamoDB implementation on LevelDB) behind the AWS endpoint. */
export const dynamodb: Emulator = {
  service: 'DynamoDB',
  types: [dynamodbTable],
  doc: {
    declared: '`aws_dynamodb_table`',
    locally:
      'a table in dynalite (a real DynamoDB implementation): keys, attributes, GSIs, LSIs, billing, streams flag; TTL answered by Describe/UpdateTimeToLive; `TransactWriteItems` emulated on top (all or nothing, cancellation reasons, client request tokens; writes serialized, reads not isolated from a transaction in flight: `dynamodb/transactions.ts`)',
  },
  start: async (c) => {
    const dynalite = await startDynalite(c.options.dynamoPath);
    c.onStop(dynalite.stop);
    const protocol = new DynamoProtocol(dynalite.port, c.state.faults);
    c.endpoint.register(protocol);
    return async (p) => {
      const tables = p.all('aws_dynamodb_table').map((t) => ({ name: p.resolver.text(t.stack, `\${aws_dynamodb_table.${t.name}.name}`), config: p.resolver.value(t.stack, t.config, true) as Record<string, unknown> }));
      for (const t of await createTables(dynalite.port, p.region, tables)) protocol.setTimeToLive(t.table, t.attribute, t.enabled);
    };
  },
};
