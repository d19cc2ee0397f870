import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real local DynamoDB (dynalite) on a free loopback port. */
export interface LocalDynamo {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The environment a handler module needs to reach the local DynamoDB with the real SDK. */
export function localDynamoEnv(endpoint: string): Record<string, string> {
  return { AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', POWERTOOLS_LOG_LEVEL: 'SILENT' };
}
