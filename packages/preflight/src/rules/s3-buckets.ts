import { refersTo, resources, type TfResource, type StackJson } from '@tap/synth';

/** The bucket-level resources (`aws_s3_bucket_*`) of the stack that point at bucket `b`. */
export function forBucket(json: StackJson, type: string, bucket: TfResource): TfResource[] {
  return resources(json, type).filter(
    (r) => refersTo(r.body.bucket, 'aws_s3_bucket', bucket.name) || (typeof r.body.bucket === 'string' && r.body.bucket === bucket.body.bucket),
  );
}
