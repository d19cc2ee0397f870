import { dynamodbEncryption, kmsRotation, logsKms, logsRetention, s3Encryption, s3PublicAccess, s3TlsOnly, snsEncryption, sqsDlq, sqsEncryption, sqsVisibility } from '@tap/preflight';
import { check, goodFunction, stack, title } from './helpers';

describe(title(dynamodbEncryption), () => {
  it('compliant: SSE object (or one-element list) with a CMK', () => {
    const k = { aws_kms_key: { k: { enable_key_rotation: true } } };
    expect(check(dynamodbEncryption, stack({ resource: { ...k, aws_dynamodb_table: { t: { server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.k.arn}' } } } } }))).toEqual([]);
    expect(check(dynamodbEncryption, stack({ resource: { ...k, aws_dynamodb_table: { t: { server_side_encryption: [{ enabled: true, kms_key_arn: '${aws_kms_key.k.arn}' }] } } } }))).toEqual([]);
  });
  it('the AWS-managed key is an error; a key it cannot resolve is a warning naming it', () => {
    expect(check(dynamodbEncryption, stack({ resource: { aws_dynamodb_table: { t: { server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/dynamodb' } } } } }))).toMatchObject([{ severity: 'error' }]);
    expect(check(dynamodbEncryption, stack({ resource: { aws_dynamodb_table: { t: { server_side_encryption: { enabled: true, kms_key_arn: 'x' } } } } }))).toMatchObject([{ severity: 'warning', message: expect.stringContaining('"x"') }]);
  });
  it('REST-01: SSE missing, or enabled without a key, is an error', () => {
    expect(check(dynamodbEncryption, stack({ resource: { aws_dynamodb_table: { t: {} } } }))).toHaveLength(1);
    expect(check(dynamodbEncryption, stack({ resource: { aws_dynamodb_table: { t: { server_side_encryption: { enabled: true } } } } }))).toHaveLength(1);
  });
});

describe(title(sqsEncryption), () => {
  it('compliant: KMS key or SQS-managed SSE', () => {
    expect(check(sqsEncryption, stack({ resource: { aws_sqs_queue: { a: { kms_master_key_id: 'k' }, b: { sqs_managed_sse_enabled: true } } } }))).toEqual([]);
  });
  it('PIPE-11: a queue without encryption is an error', () => {
    expect(check(sqsEncryption, stack({ resource: { aws_sqs_queue: { q: { name: 'q-dev' } } } }))).toHaveLength(1);
  });
});

describe(title(snsEncryption), () => {
  const key = { aws_kms_key: { k: { enable_key_rotation: true } }, aws_kms_alias: { a: { name: 'alias/app-dev', target_key_id: '${aws_kms_key.k.key_id}' } } };
  it('compliant: kms_master_key_id is the stack key, directly or through its alias', () => {
    expect(check(snsEncryption, stack({ resource: { ...key, aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_key.k.arn}' } } } }))).toEqual([]);
    expect(check(snsEncryption, stack({ resource: { ...key, aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_alias.a.arn}' } } } }))).toEqual([]);
  });
  it('a topic without KMS, or with the AWS-managed key, is an error; an unresolved key a warning', () => {
    expect(check(snsEncryption, stack({ resource: { aws_sns_topic: { t: {} } } }))).toHaveLength(1);
    expect(check(snsEncryption, stack({ resource: { aws_sns_topic: { t: { kms_master_key_id: 'alias/aws/sns' } } } }))).toMatchObject([{ severity: 'error', message: expect.stringContaining('alias/aws/sns') }]);
    expect(check(snsEncryption, stack({ resource: { aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_key.gone.arn}' } } } }))).toMatchObject([{ severity: 'warning', message: expect.stringContaining('aws_kms_key.gone') }]);
  });
});

const bucketRef = '${aws_s3_bucket.b.id}';
const tlsPolicy = JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['x'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
const goodBucket = {
  aws_s3_bucket: { b: { bucket: 'tap-data-dev', force_destroy: true } },
  aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: bucketRef, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'k' } }] } },
  aws_s3_bucket_public_access_block: { p: { bucket: bucketRef, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
  aws_s3_bucket_policy: { tls: { bucket: bucketRef, policy: tlsPolicy } },
};
const without = (type: string) => stack({ resource: Object.fromEntries(Object.entries(goodBucket).filter(([t]) => t !== type)) });

describe(title(s3Encryption), () => {
  it('compliant: an aws:kms SSE configuration for the bucket', () => expect(check(s3Encryption, stack({ resource: goodBucket }))).toEqual([]));
  it('a bucket without SSE configuration is an error; SSE-S3 only is a warning', () => {
    expect(check(s3Encryption, without('aws_s3_bucket_server_side_encryption_configuration'))).toMatchObject([{ severity: 'error' }]);
    const aes = stack({ resource: { ...goodBucket, aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: bucketRef, rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } } } } });
    expect(check(s3Encryption, aes)).toMatchObject([{ severity: 'warning' }]);
  });
});

describe(title(s3PublicAccess), () => {
  it('compliant: all four flags true', () => expect(check(s3PublicAccess, stack({ resource: goodBucket }))).toEqual([]));
  it('missing block, or one flag false, is an error', () => {
    expect(check(s3PublicAccess, without('aws_s3_bucket_public_access_block'))).toHaveLength(1);
    const partial = stack({ resource: { ...goodBucket, aws_s3_bucket_public_access_block: { p: { bucket: bucketRef, block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true } } } });
    expect(check(s3PublicAccess, partial)).toHaveLength(1);
  });
});

describe(title(s3TlsOnly), () => {
  it('compliant: a Deny on aws:SecureTransport=false (JSON or policy document)', () => {
    expect(check(s3TlsOnly, stack({ resource: goodBucket }))).toEqual([]);
    const viaDoc = stack({
      data: { aws_iam_policy_document: { tls: { statement: [{ effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }] } } },
      resource: { ...goodBucket, aws_s3_bucket_policy: { tls: { bucket: bucketRef, policy: '${data.aws_iam_policy_document.tls.json}' } } },
    });
    expect(check(s3TlsOnly, viaDoc)).toEqual([]);
  });
  it('a bucket without a TLS-only policy is an error', () => expect(check(s3TlsOnly, without('aws_s3_bucket_policy'))).toHaveLength(1));
});

describe(title(logsRetention), () => {
  it('compliant: retention set', () => expect(check(logsRetention, stack({ resource: { aws_cloudwatch_log_group: { l: { retention_in_days: 7 } } } }))).toEqual([]));
  it('no retention (or 0 = never expire) is an error', () => {
    expect(check(logsRetention, stack({ resource: { aws_cloudwatch_log_group: { l: {}, m: { retention_in_days: 0 } } } }))).toHaveLength(2);
  });
});

describe(title(logsKms), () => {
  it('compliant: kms_key_id', () => expect(check(logsKms, stack({ resource: { aws_cloudwatch_log_group: { l: { kms_key_id: 'k' } } } }))).toEqual([]));
  it('no kms_key_id is a warning', () => expect(check(logsKms, stack({ resource: { aws_cloudwatch_log_group: { l: {} } } }))).toMatchObject([{ severity: 'warning' }]));
});

describe(title(kmsRotation), () => {
  it('compliant: rotation on; asymmetric keys exempt', () => {
    expect(check(kmsRotation, stack({ resource: { aws_kms_key: { k: { enable_key_rotation: true }, sign: { customer_master_key_spec: 'ECC_NIST_P256' } } } }))).toEqual([]);
  });
  it('a symmetric key without rotation is an error', () => expect(check(kmsRotation, stack({ resource: { aws_kms_key: { k: {} } } }))).toHaveLength(1));
});

const queue = (extra: Record<string, unknown> = {}) => ({ name: 'events-dev', kms_master_key_id: 'k', ...extra });

describe(title(sqsDlq), () => {
  it('compliant: queue with redrive to a DLQ; the DLQ itself needs none', () => {
    const s = stack({ resource: { aws_sqs_queue: { dlq: queue({ name: 'events-dlq-dev' }), q: queue({ redrive_policy: JSON.stringify({ deadLetterTargetArn: '${aws_sqs_queue.dlq.arn}', maxReceiveCount: 3 }) }) } } });
    expect(check(sqsDlq, s)).toEqual([]);
  });
  it('compliant: a DLQ recognised by reference even without "dlq" in its name', () => {
    const s = stack({ resource: { aws_sqs_queue: { failures: queue({ name: 'failures-dev' }), q: queue({ redrive_policy: '{"deadLetterTargetArn":"${aws_sqs_queue.failures.arn}","maxReceiveCount":3}' }) } } });
    expect(check(sqsDlq, s)).toEqual([]);
  });
  it('PAY-07: a queue without a DLQ is an error', () => {
    expect(check(sqsDlq, stack({ resource: { aws_sqs_queue: { audit: queue() } } }))).toMatchObject([{ address: 'aws_sqs_queue.audit' }]);
  });
});

describe(title(sqsVisibility), () => {
  const s = (visibility: number | undefined, timeout: number) =>
    stack({
      resource: {
        aws_sqs_queue: { q: queue(visibility === undefined ? {} : { visibility_timeout_seconds: visibility }) },
        aws_lambda_function: { consumer: goodFunction('consumer-dev', { timeout }) },
        aws_lambda_event_source_mapping: { m: { event_source_arn: '${aws_sqs_queue.q.arn}', function_name: '${aws_lambda_function.consumer.arn}' } },
      },
    });
  it('compliant: visibility = 6 x consumer timeout', () => expect(check(sqsVisibility, s(180, 30))).toEqual([]));
  it('visibility below 6 x timeout (including the 30 s default) is an error', () => {
    expect(check(sqsVisibility, s(60, 30))).toHaveLength(1);
    expect(check(sqsVisibility, s(undefined, 30))[0].message).toMatch(/30 < 6 x aws_lambda_function.consumer timeout 30 s = 180/);
  });
  const viaAlias = (functionName: string, extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    stack({
      resource: {
        aws_sqs_queue: { q: queue({ visibility_timeout_seconds: 60 }) },
        aws_lambda_function: { consumer: goodFunction('consumer-dev', { timeout: 30 }) },
        aws_lambda_alias: { live: { name: 'live', function_name: '${aws_lambda_function.consumer.function_name}', function_version: '${aws_lambda_function.consumer.version}' } },
        aws_lambda_event_source_mapping: { m: { event_source_arn: '${aws_sqs_queue.q.arn}', function_name: functionName } },
        ...extra,
      },
    });
  it('the consumer is found through the live alias (the wiring every caller uses)', () => {
    expect(check(sqsVisibility, viaAlias('${aws_lambda_alias.live.arn}'))).toMatchObject([{ severity: 'error', address: 'aws_sqs_queue.q', message: expect.stringContaining('aws_lambda_alias.live → aws_lambda_function.consumer') }]);
  });
  it('the consumer is found through a literal qualified ARN and a literal name', () => {
    expect(check(sqsVisibility, viaAlias('arn:aws:lambda:us-east-1:123456789012:function:consumer-dev:live'))).toMatchObject([{ severity: 'error' }]);
    expect(check(sqsVisibility, viaAlias('consumer-dev'))).toMatchObject([{ severity: 'error' }]);
  });
  it('a consumer it cannot resolve is a warning naming the reference, never a silent pass', () => {
    expect(check(sqsVisibility, viaAlias('${aws_lambda_alias.gone.arn}'))).toMatchObject([{ severity: 'warning', address: 'aws_lambda_event_source_mapping.m', message: expect.stringContaining('aws_lambda_alias.gone') }]);
    expect(check(sqsVisibility, viaAlias('someone-elses-fn'))).toMatchObject([{ severity: 'warning', message: expect.stringContaining('"someone-elses-fn"') }]);
  });
  it('a non-SQS event source is not its concern', () => {
    const s2 = stack({ resource: { aws_lambda_event_source_mapping: { m: { event_source_arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', function_name: 'x' } } } });
    expect(check(sqsVisibility, s2)).toEqual([]);
  });
});
