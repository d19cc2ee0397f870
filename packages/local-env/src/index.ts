export * from './flatten';
export * from './environment';
export { extractZip, readZipEntries, type ZipEntry } from './zip';
export { matches as matchesEventPattern } from './aws/events';
export type { InvokeResult } from './lambda/runtime';
export { DynamoTransactions } from './aws/dynamo-transact';
export { createTables, startDynalite, type TableSpec } from './aws/dynamo';
export { ApiAccess, localClients, verifySigV4, type LocalClient } from './apigw/auth';
