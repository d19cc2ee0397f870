import { SecureBucket, type BaseStack } from '@tap/constructs';

/** The REST API's data bucket in the deploy region, encrypted with the stack key. */
export function dataBucket(stack: BaseStack, kmsKeyArn: string): SecureBucket {
  return new SecureBucket(stack, 'data-bucket', { bucketName: stack.naming.bucket('rest-api-data', stack.accountId), kmsKeyArn });
}
