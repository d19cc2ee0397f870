import { ACCOUNT_ID } from '../arns';
import { keyOf, keyPolicy, rolePolicies, roleOf, trustPolicy } from '../identity';
import { awsProviders } from '@tap/synth';
import { blocks, type AppModel, type Res } from '../model';
import type { AccessRequest } from '../simulate';
import type { Interaction } from '../types';
import { bucketPolicy, lambdaPolicy, queuePolicy, serviceContext, topicPolicy } from './resource-policies';

const kmsAs = (model: AppModel, principal: string, key: Res, actions: string[], context: Record<string, string>, why: string): AccessRequest[] =>
  actions.map((action) => ({ principal, action, resource: String(model.attrs(key)?.arn), identity: [], resourcePolicy: keyPolicy(model, key), context, why }));

/** CloudWatch Logs encrypting a log group with a CMK: the key policy must let the Regional logs principal use it. */
export function logsCmk(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const group of model.ofType('aws_cloudwatch_log_group')) {
    const key = keyOf(model, group.stack, group.body.kms_key_id);
    if (!key) continue;
    const ga = model.attrs(group) ?? {};
    const principal = `logs.${model.region}.amazonaws.com`;
    out.push({
      kind: 'logs-cmk', stack: group.stack, summary: `CloudWatch Logs encrypts ${String(ga.name)} with ${key.address}`,
      requests: kmsAs(model, principal, key, ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], { 'kms:EncryptionContext:aws:logs:arn': String(ga.arn), 'aws:SourceAccount': ACCOUNT_ID }, 'CloudWatch Logs uses the key for the group'),
    });
  }
  return out;
}

/** CloudWatch alarms publishing to their SNS topics (topic policy) and through the topic's key. */
export function alarmTopics(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const alarm of model.ofType('aws_cloudwatch_metric_alarm')) {
    const aa = model.attrs(alarm) ?? {};
    const actions = new Set([...list(aa.alarm_actions), ...list(aa.ok_actions), ...list(aa.insufficient_data_actions)]);
    for (const topicArn of actions) {
      const topic = model.ofType('aws_sns_topic').find((t) => model.attrs(t)?.arn === topicArn);
      if (!topic) continue;
      const ctx = serviceContext(String(aa.arn));
      const requests: AccessRequest[] = [{ principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: topicArn, identity: [], resourcePolicy: topicPolicy(model, topic), context: ctx, why: 'the alarm notification' }];
      const key = keyOf(model, topic.stack, topic.body.kms_master_key_id);
      if (key) requests.push(...kmsAs(model, 'cloudwatch.amazonaws.com', key, ['kms:GenerateDataKey', 'kms:Decrypt'], ctx, 'SNS encrypts the notification with the topic key on behalf of CloudWatch'));
      out.push({ kind: 'alarm-topic', stack: alarm.stack, summary: `alarm ${String(aa.alarm_name)} notifies ${String(model.attrs(topic)?.name)}`, requests });
    }
  }
  return out;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/** EventBridge rule targets: an SQS queue (queue policy + the queue key for events.amazonaws.com) or a function. */
export function eventTargets(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const target of model.ofType('aws_cloudwatch_event_target')) {
    const ta = model.attrs(target) ?? {};
    const rule = model.target(target.stack, target.body.rule);
    const ruleArn = rule ? String(model.attrs(rule)?.arn) : 'unresolved:rule';
    const ctx = serviceContext(ruleArn);
    const deliveries: { arn: string; what: string }[] = [{ arn: String(ta.arn), what: 'target' }];
    const dlq = blocks(ta.dead_letter_config)[0];
    if (dlq?.arn) deliveries.push({ arn: String(dlq.arn), what: 'dead-letter queue' });
    for (const { arn, what } of deliveries) {
      const queue = model.ofType('aws_sqs_queue').find((q) => model.attrs(q)?.arn === arn);
      const fn = model.ofType('aws_lambda_function').find((f) => arn.startsWith(String(model.attrs(f)?.arn)));
      const summary = `rule ${String(rule ? model.attrs(rule)?.name : ta.rule)} delivers to its ${what} ${arn.split(':').pop()}`;
      if (ta.role_arn) {
        const role = roleOf(model, target.stack, target.body.role_arn);
        if (!role) { out.push({ kind: 'eventbridge-target', stack: target.stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: 'the target role is not created by this app' } }); continue; }
        const rp = rolePolicies(model, role);
        out.push({ kind: 'eventbridge-target', stack: target.stack, summary: `${summary} (role)`, requests: [{ principal: 'events.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context: ctx }] });
      }
      if (queue) {
        const requests: AccessRequest[] = [{ principal: 'events.amazonaws.com', action: 'sqs:SendMessage', resource: arn, identity: [], resourcePolicy: queuePolicy(model, queue), context: ctx, why: 'the delivery' }];
        const key = keyOf(model, queue.stack, queue.body.kms_master_key_id);
        // The KMS request EventBridge's delivery causes carries the queue's encryption context but not
        // aws:SourceArn / aws:SourceAccount (AWS documents those as unsupported in a key policy for
        // EventBridge delivery): a key statement conditioned on them denies every delivery.
        if (key) requests.push(...kmsAs(model, 'events.amazonaws.com', key, ['kms:GenerateDataKey', 'kms:Decrypt'], { 'kms:EncryptionContext:aws:sqs:arn': arn }, 'SQS encrypts the delivered message with the queue key on behalf of EventBridge'));
        out.push({ kind: 'eventbridge-target', stack: target.stack, summary, requests });
      } else if (fn) {
        out.push({ kind: 'eventbridge-target', stack: target.stack, summary, requests: [{ principal: 'events.amazonaws.com', action: 'lambda:InvokeFunction', resource: arn, identity: [], resourcePolicy: lambdaPolicy(model, fn), context: ctx }] });
      } else {
        out.push({ kind: 'eventbridge-target', stack: target.stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: `target ${arn} is not a queue or function of this app` } });
      }
    }
  }
  return out;
}

/** VPC flow logs delivered to CloudWatch Logs through their role. */
export function flowLogs(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const flow of model.ofType('aws_flow_log')) {
    const fa = model.attrs(flow) ?? {};
    if ((fa.log_destination_type ?? 'cloud-watch-logs') !== 'cloud-watch-logs') continue;
    const role = roleOf(model, flow.stack, flow.body.iam_role_arn);
    const summary = `VPC flow logs deliver to ${String(fa.log_destination)}`;
    if (!role) { out.push({ kind: 'flow-log', stack: flow.stack, summary, requests: [], preset: { decision: 'DENY', reason: 'the flow log has no delivery role of this app' } }); continue; }
    const rp = rolePolicies(model, role);
    const ctx = serviceContext(String(fa.arn));
    const stream = `${String(fa.log_destination)}:log-stream:eni-0123456789abcdef0-all`;
    out.push({
      kind: 'flow-log', stack: flow.stack, summary,
      requests: [
        { principal: 'vpc-flow-logs.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context: ctx, why: 'the service assumes the delivery role' },
        ...['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'].map((action) => ({ principal: rp.arn, action, resource: stream, identity: rp.policies, context: { 'aws:SecureTransport': 'true' } })),
      ],
    });
  }
  return out;
}

/** AWS Backup: the service assumes the backup role, backs up each selected table, and grants itself the vault key. */
export function backups(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const sel of model.ofType('aws_backup_selection')) {
    const sa = model.attrs(sel) ?? {};
    const role = roleOf(model, sel.stack, sel.body.iam_role_arn);
    if (!role) { out.push({ kind: 'backup', stack: sel.stack, summary: `backup selection ${String(sa.name)}`, requests: [], preset: { decision: 'UNKNOWN', reason: 'the backup role is not created by this app' } }); continue; }
    const rp = rolePolicies(model, role);
    const plan = model.target(sel.stack, sel.body.plan_id);
    const vaultName = plan ? blocks(model.attrs(plan)?.rule).map((r) => String(r.target_vault_name))[0] : undefined;
    const vault = model.ofType('aws_backup_vault').find((v) => model.attrs(v)?.name === vaultName);
    const vaultKey = vault ? keyOf(model, vault.stack, vault.body.kms_key_arn) : undefined;
    for (const tableArn of list(sa.resources)) {
      const requests: AccessRequest[] = [
        { principal: 'backup.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context: { 'aws:SourceAccount': ACCOUNT_ID }, why: 'AWS Backup assumes the role' },
        { principal: rp.arn, action: 'dynamodb:CreateBackup', resource: tableArn, identity: rp.policies, context: { 'aws:SecureTransport': 'true' } },
      ];
      if (vaultKey) requests.push({ principal: rp.arn, action: 'kms:CreateGrant', resource: String(model.attrs(vaultKey)?.arn), identity: rp.policies, resourcePolicy: keyPolicy(model, vaultKey), context: { 'kms:GrantIsForAWSResource': 'true', 'kms:ViaService': `backup.${model.region}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT_ID }, why: 'the vault key encrypts the recovery point' });
      out.push({ kind: 'backup', stack: sel.stack, summary: `AWS Backup backs up ${tableArn.split('/').pop()} into ${vaultName ?? 'its vault'}`, requests, ...(rp.unknownManaged.length ? { preset: { decision: 'UNKNOWN' as const, reason: `managed policies not in the offline catalog: ${rp.unknownManaged.join(', ')}` } } : {}) });
    }
  }
  return out;
}

/** S3 replication: S3 assumes the role, reads source versions (source key), writes replicas (replica key). */
export function replication(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const cfg of model.ofType('aws_s3_bucket_replication_configuration')) {
    const ca = model.attrs(cfg) ?? {};
    const source = model.ofType('aws_s3_bucket').find((b) => model.attrs(b)?.id === ca.bucket);
    const role = roleOf(model, cfg.stack, cfg.body.role);
    if (!source || !role) { out.push({ kind: 's3-replication', stack: cfg.stack, summary: `replication of ${String(ca.bucket)}`, requests: [], preset: { decision: 'UNKNOWN', reason: 'source bucket or role not created by this app' } }); continue; }
    const rp = rolePolicies(model, role);
    const srcArn = String(model.attrs(source)?.arn);
    const sse = model.ofType('aws_s3_bucket_server_side_encryption_configuration').find((s) => model.attrs(s)?.bucket === ca.bucket);
    const sseRule = sse ? blocks(sse.body.rule)[0] : undefined;
    const srcKey = sseRule ? keyOf(model, cfg.stack, blocks(sseRule.apply_server_side_encryption_by_default)[0]?.kms_master_key_id) : undefined;
    const srcBucketKey = sseRule?.bucket_key_enabled === true;
    for (const [i, rule] of blocks(cfg.body.rule).entries()) {
      const dest = blocks(rule.destination)[0] ?? {};
      const destArn = model.str(cfg.stack, dest.bucket);
      const destBucket = model.ofType('aws_s3_bucket').find((b) => model.attrs(b)?.arn === destArn);
      const destKey = keyOf(model, cfg.stack, blocks(dest.encryption_configuration)[0]?.replica_kms_key_id);
      const destRegion = destBucket ? providerRegion(model, destBucket) : model.region;
      const destSse = destBucket ? model.ofType('aws_s3_bucket_server_side_encryption_configuration').find((s) => model.attrs(s)?.bucket === model.attrs(destBucket)?.id) : undefined;
      const destBucketKey = destSse ? blocks(destSse.body.rule)[0]?.bucket_key_enabled === true : false;
      const obj = 'data/object.json';
      const base = { identity: rp.policies, context: { 'aws:SecureTransport': 'true' } };
      const requests: AccessRequest[] = [
        { principal: 's3.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context: { 'aws:SourceAccount': ACCOUNT_ID, 'aws:SourceArn': srcArn }, why: 'S3 assumes the replication role' },
        ...['s3:GetReplicationConfiguration', 's3:ListBucket'].map((action) => ({ principal: rp.arn, action, resource: srcArn, resourcePolicy: bucketPolicy(model, source), ...base })),
        ...['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'].map((action) => ({ principal: rp.arn, action, resource: `${srcArn}/${obj}`, resourcePolicy: bucketPolicy(model, source), ...base })),
        ...['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'].map((action) => ({ principal: rp.arn, action, resource: `${destArn}/${obj}`, ...(destBucket ? { resourcePolicy: bucketPolicy(model, destBucket) } : {}), ...base })),
      ];
      // With S3 Bucket Keys the encryption context is the bucket ARN, otherwise the object ARN.
      if (srcKey) requests.push({ principal: rp.arn, action: 'kms:Decrypt', resource: String(model.attrs(srcKey)?.arn), identity: rp.policies, resourcePolicy: keyPolicy(model, srcKey), context: { 'kms:ViaService': `s3.${model.region}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT_ID, 'kms:EncryptionContext:aws:s3:arn': srcBucketKey ? srcArn : `${srcArn}/${obj}` }, why: 'read the source object (source key)' });
      if (destKey) for (const action of ['kms:Encrypt']) requests.push({ principal: rp.arn, action, resource: String(model.attrs(destKey)?.arn), identity: rp.policies, resourcePolicy: keyPolicy(model, destKey), context: { 'kms:ViaService': `s3.${destRegion}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT_ID, 'kms:EncryptionContext:aws:s3:arn': destBucketKey ? destArn : `${destArn}/${obj}` }, why: 'write the replica (replica key)' });
      out.push({ kind: 's3-replication', stack: cfg.stack, summary: `S3 replicates ${String(ca.bucket)} to ${destArn.replace('arn:aws:s3:::', '')} (rule ${String(rule.id ?? i)})`, requests });
    }
  }
  return out;
}

/** Region of a resource's provider (an aliased provider for replica resources). */
function providerRegion(model: AppModel, r: Res): string {
  const alias = typeof r.body.provider === 'string' ? r.body.provider.replace(/^aws\./, '') : undefined;
  const stack = model.stacks.find((s) => s.name === r.stack);
  const provider = stack ? awsProviders(stack.json).find((p) => (alias ? p.alias === alias : !p.alias)) : undefined;
  return typeof provider?.region === 'string' ? provider.region : model.region;
}
