import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreateTableCommandInput, Projection } from '@aws-sdk/client-dynamodb';
import { block, blocks } from '@tap/synth';
import { postJson, type JsonAnswer } from '../post-json';

/** A raw answer of dynalite (status and parsed JSON body). */
export type DynamoAnswer = JsonAnswer;

/** A table definition read from aws_dynamodb_table (attribute names already resolved). */
export interface TableSpec {
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** Starts dynalite (a real DynamoDB implementation on LevelDB, in memory unless a path is given). */
export async function startDynalite(path?: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** CreateTable input for a synthesized table: keys, attributes, GSIs, LSIs, billing and streams. */
export function createTableInput(spec: TableSpec): CreateTableCommandInput {
  const c = spec.config;
  const provisioned = c.billing_mode === undefined || c.billing_mode === 'PROVISIONED';
  const throughput = (r: unknown, w: unknown) => ({ ReadCapacityUnits: Number(r ?? 1), WriteCapacityUnits: Number(w ?? 1) });
  const keys = (hash: unknown, range: unknown) => [{ AttributeName: String(hash), KeyType: 'HASH' as const }, ...(range ? [{ AttributeName: String(range), KeyType: 'RANGE' as const }] : [])];
  const projection = (i: Record<string, unknown>): Projection => ({
    ProjectionType: (i.projection_type as Projection['ProjectionType']) ?? 'ALL',
    ...(Array.isArray(i.non_key_attributes) && i.non_key_attributes.length > 0 ? { NonKeyAttributes: i.non_key_attributes as string[] } : {}),
  });
  const gsis = blocks(c.global_secondary_index);
  const lsis = blocks(c.local_secondary_index);
  const stream = c.stream_enabled === true;
  return {
    TableName: spec.name,
    AttributeDefinitions: blocks(c.attribute).map((a) => ({ AttributeName: String(a.name), AttributeType: String(a.type) as 'S' | 'N' | 'B' })),
    KeySchema: keys(c.hash_key, c.range_key),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned ? { ProvisionedThroughput: throughput(c.read_capacity, c.write_capacity) } : {}),
    ...(gsis.length > 0
      ? { GlobalSecondaryIndexes: gsis.map((g) => ({ IndexName: String(g.name), KeySchema: keys(g.hash_key, g.range_key), Projection: projection(g), ...(provisioned ? { ProvisionedThroughput: throughput(g.read_capacity, g.write_capacity) } : {}) })) }
      : {}),
    ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis.map((l) => ({ IndexName: String(l.name), KeySchema: keys(c.hash_key, l.range_key), Projection: projection(l) })) } : {}),
    ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: (c.stream_view_type as 'NEW_AND_OLD_IMAGES') ?? 'NEW_AND_OLD_IMAGES' } } : {}),
  };
}

/**
 * One call to dynalite in its JSON protocol. dynalite checks that a request carries a SigV4 signature,
 * not what it signs, so a fixed one does; no SDK client is needed (loading one costs start-up a few
 * tenths of a second).
 */
export function callDynalite(port: number, operation: string, body: object, region = 'us-east-1'): Promise<DynamoAnswer> {
  return postJson(
    `http://127.0.0.1:${port}/`,
    {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=local/20200101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=local`,
      'x-amz-date': '20200101T000000Z',
    },
    body,
  );
}

/** Creates the tables in dynalite; returns the TTL settings to register with the endpoint. */
export async function createTables(port: number, region: string, tables: readonly TableSpec[]): Promise<{ table: string; attribute: string; enabled: boolean }[]> {
  const ttl: { table: string; attribute: string; enabled: boolean }[] = [];
  for (const table of tables) {
    const answer = await callDynalite(port, 'CreateTable', createTableInput(table), region);
    if (answer.status !== 200) {
      const type = String(answer.body.__type ?? 'error').split('#').pop();
      throw new Error(`creating table ${table.name} from its synthesized definition failed: ${type}: ${String(answer.body.message ?? answer.body.Message ?? `status ${answer.status}`)}`);
    }
    const t = block(table.config.ttl);
    if (t?.attribute_name) ttl.push({ table: table.name, attribute: String(t.attribute_name), enabled: t.enabled !== false });
  }
  return ttl;
}
