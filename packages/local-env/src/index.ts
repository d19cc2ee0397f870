export * from './flatten';
export * from './environment';
export * from './terraform';
export { extractZip, readZipEntries, type ZipEntry } from './zip';
export { matches as matchesEventPattern } from './events/bus';
export type { InvokeResult } from './lambda/runtime';
export { DynamoTransactions } from './dynamodb/transactions';
export { ApiAccess, localClients, verifySigV4, type LocalClient } from './apigw/auth';
