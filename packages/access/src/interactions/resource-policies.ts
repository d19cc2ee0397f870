import { ACCOUNT_ID } from '../arns';
import { policyJson, type AppModel, type Res } from '../model';
import type { NamedPolicy } from '../simulate';

/** A queue's policy: `aws_sqs_queue_policy` on its URL, or the queue's own `policy` argument. */
export function queuePolicy(model: AppModel, queue: Res): NamedPolicy | undefined {
  const url = model.attrs(queue)?.url;
  const separate = model.ofType('aws_sqs_queue_policy').find((p) => model.attrs(p)?.queue_url === url);
  const doc = policyJson(model.attrs(separate ?? queue)?.policy);
  return separate && doc ? { name: `${separate.stack}:${separate.address}`, policy: doc } : doc ? { name: `${queue.stack}:${queue.address}.policy`, policy: doc } : undefined;
}

/** A topic's policy (`aws_sns_topic_policy` or the topic's `policy`). */
export function topicPolicy(model: AppModel, topic: Res): NamedPolicy | undefined {
  const arn = model.attrs(topic)?.arn;
  const separate = model.ofType('aws_sns_topic_policy').find((p) => model.attrs(p)?.arn === arn);
  const doc = policyJson(model.attrs(separate ?? topic)?.policy);
  return doc ? { name: `${(separate ?? topic).stack}:${(separate ?? topic).address}`, policy: doc } : undefined;
}

/** A bucket's policy. */
export function bucketPolicy(model: AppModel, bucket: Res): NamedPolicy | undefined {
  const id = model.attrs(bucket)?.id;
  const p = model.ofType('aws_s3_bucket_policy', true).find((x) => model.attrs(x)?.bucket === id);
  const doc = p ? policyJson(model.attrs(p)?.policy) : undefined;
  return p && doc ? { name: `${p.stack}:${p.address}`, policy: doc } : undefined;
}

/** A bus's resource policy: `aws_cloudwatch_event_bus_policy`, plus one statement per `aws_cloudwatch_event_permission`. */
export function busPolicy(model: AppModel, bus: Res): NamedPolicy | undefined {
  const ba = model.attrs(bus) ?? {};
  const statements: unknown[] = [];
  const names: string[] = [];
  for (const p of model.ofType('aws_cloudwatch_event_bus_policy')) {
    const a = model.attrs(p) ?? {};
    const doc = policyJson(a.policy);
    if ((a.event_bus_name ?? 'default') === ba.name && doc) {
      statements.push(...(Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]));
      names.push(`${p.stack}:${p.address}`);
    }
  }
  for (const p of model.ofType('aws_cloudwatch_event_permission')) {
    const a = model.attrs(p) ?? {};
    if ((a.event_bus_name ?? 'default') !== ba.name) continue;
    const principal = String(a.principal);
    statements.push({ Sid: a.statement_id, Effect: 'Allow', Principal: principal === '*' ? '*' : { AWS: /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal }, Action: a.action ?? 'events:PutEvents', Resource: ba.arn });
    names.push(`${p.stack}:${p.address}`);
  }
  return statements.length ? { name: names.join('+'), policy: { Version: '2012-10-17', Statement: statements } } : undefined;
}

/**
 * A function's resource policy as AWS assembles it from `aws_lambda_permission`s: one statement per
 * permission, on the function ARN or (with a qualifier) the alias/version ARN it names.
 */
export function lambdaPolicy(model: AppModel, fn: Res): NamedPolicy | undefined {
  const fa = model.attrs(fn) ?? {};
  const statements: unknown[] = [];
  for (const p of model.ofType('aws_lambda_permission')) {
    const a = model.attrs(p) ?? {};
    if (a.function_name !== fa.function_name && a.function_name !== fa.arn) continue;
    const principal = String(a.principal);
    const condition: Record<string, Record<string, string>> = {};
    if (a.source_arn) condition.ArnLike = { 'AWS:SourceArn': String(a.source_arn) };
    if (a.source_account) condition.StringEquals = { 'AWS:SourceAccount': String(a.source_account) };
    statements.push({
      Sid: a.statement_id ?? p.name,
      Effect: 'Allow',
      Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal },
      Action: a.action,
      Resource: a.qualifier ? `${String(fa.arn)}:${String(a.qualifier)}` : String(fa.arn),
      ...(Object.keys(condition).length ? { Condition: condition } : {}),
    });
  }
  return statements.length ? { name: `${fn.stack}:lambda permissions of ${String(fa.function_name)}`, policy: { Version: '2012-10-17', Statement: statements } } : undefined;
}

/** The context every service-principal delivery in this account carries. */
export function serviceContext(sourceArn: string): Record<string, string> {
  return { 'aws:SourceAccount': ACCOUNT_ID, 'aws:SourceArn': sourceArn, 'aws:SecureTransport': 'true' };
}
