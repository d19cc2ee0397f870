import { blocks, dataSources, refs, resources, type TfResource, type StackJson } from '@tap/synth';

/** One IAM statement, normalized from a JSON policy string or an `aws_iam_policy_document` data source. */
export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
  /** Principal as written (`*`, `{ AWS: ... }`, `{ Service: ... }`); undefined in identity policies. */
  readonly principal?: unknown;
  readonly condition?: unknown;
}

/** A policy document attached to a resource attribute. */
export interface PolicyDoc {
  readonly resource: TfResource;
  /** Attribute holding it, e.g. `policy` or `inline_policy[0].policy`. */
  readonly attribute: string;
  /** identity (who may do what), resource (who may use this), key (KMS key policy), trust (assume role). */
  readonly kind: 'identity' | 'resource' | 'key' | 'trust';
  /** Parsed statements; undefined when the document could not be read (e.g. `jsonencode(...)`). */
  readonly statements?: Statement[];
}

/** Where policies live, by resource type → attribute → kind. */
const POLICY_ATTRIBUTES: Record<string, { attr: string; kind: PolicyDoc['kind'] }[]> = {
  aws_iam_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_role_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_user_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_group_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_role: [{ attr: 'assume_role_policy', kind: 'trust' }],
  aws_kms_key: [{ attr: 'policy', kind: 'key' }],
  aws_kms_key_policy: [{ attr: 'policy', kind: 'key' }],
  aws_sqs_queue: [{ attr: 'policy', kind: 'resource' }],
  aws_sqs_queue_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_sns_topic: [{ attr: 'policy', kind: 'resource' }],
  aws_sns_topic_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_s3_bucket_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_secretsmanager_secret_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_cloudwatch_event_bus_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_cloudwatch_log_resource_policy: [{ attr: 'policy_document', kind: 'resource' }],
  aws_api_gateway_rest_api_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_api_gateway_rest_api: [{ attr: 'policy', kind: 'resource' }],
  aws_ecr_repository_policy: [{ attr: 'policy', kind: 'resource' }],
};

const asList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function fromJson(doc: unknown): Statement[] | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : undefined;
  if (!list) return undefined;
  return list
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    .map((s) => ({
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: asList(s.Action),
      notActions: asList(s.NotAction),
      resources: asList(s.Resource),
      notResources: asList(s.NotResource),
      principal: s.Principal,
      condition: s.Condition,
    }));
}

function fromPolicyDocument(json: StackJson, name: string): Statement[] | undefined {
  const data = dataSources(json, 'aws_iam_policy_document').find((d) => d.name === name);
  if (!data) return undefined;
  return blocks(data.body.statement).map((s) => {
    const principals = blocks(s.principals);
    return {
      sid: typeof s.sid === 'string' ? s.sid : undefined,
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: asList(s.actions),
      notActions: asList(s.not_actions),
      resources: asList(s.resources),
      notResources: asList(s.not_resources),
      principal: principals.length
        ? Object.fromEntries(principals.map((p) => [String(p.type), p.identifiers]))
        : undefined,
      condition: conditionObject(s.condition),
    };
  });
}

/** `condition { test, variable, values }` blocks → the JSON form `{ test: { variable: values } }`. */
function conditionObject(value: unknown): Record<string, Record<string, string[]>> | undefined {
  const list = blocks(value);
  if (list.length === 0) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of list) {
    const test = String(c.test);
    out[test] = { ...(out[test] ?? {}), [String(c.variable)]: asList(c.values) };
  }
  return out;
}

/** Parses a policy attribute value: JSON text, a JSON object, or a reference to a policy document data source. */
export function parsePolicy(value: unknown, json: StackJson): Statement[] | undefined {
  if (value && typeof value === 'object') return fromJson(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      return fromJson(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
  const doc = refs(text).find((r) => r.data && r.type === 'aws_iam_policy_document');
  return doc ? fromPolicyDocument(json, doc.name) : undefined;
}

/** Every policy document in the stack, with its kind. */
export function policies(json: StackJson): PolicyDoc[] {
  const out: PolicyDoc[] = [];
  for (const resource of resources(json, ...Object.keys(POLICY_ATTRIBUTES))) {
    for (const { attr, kind } of POLICY_ATTRIBUTES[resource.type]) {
      const value = resource.body[attr];
      if (value === undefined) continue;
      out.push({ resource, attribute: attr, kind, statements: parsePolicy(value, json) });
    }
    if (resource.type === 'aws_iam_role') {
      blocks(resource.body.inline_policy).forEach((inline, i) => {
        if (inline.policy !== undefined) {
          out.push({ resource, attribute: `inline_policy[${i}].policy`, kind: 'identity', statements: parsePolicy(inline.policy, json) });
        }
      });
    }
  }
  return out;
}
