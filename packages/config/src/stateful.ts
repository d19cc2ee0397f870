/**
 * Resource types that hold data or keys a redeploy cannot bring back: destroying or replacing one loses
 * data (tables, buckets, recovery points) or makes data unreadable (KMS keys). One list for the whole repo:
 * the stacks put `lifecycle.prevent_destroy` on these in profiles that ask for it, and the plan summary
 * highlights their destroys and replacements.
 */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = ['aws_dynamodb_table', 'aws_s3_bucket', 'aws_kms_key', 'aws_backup_vault'];

/** Whether a Terraform resource type is stateful (see `STATEFUL_RESOURCE_TYPES`). */
export function isStatefulResourceType(type: string): boolean {
  return STATEFUL_RESOURCE_TYPES.includes(type);
}
