import { policies } from '@tap/preflight';
import { block, refs, resources, type StackDoc, type TfResource } from '@tap/synth';

/** What a box in the picture is. */
export type NodeKind = 'api' | 'function' | 'table' | 'queue' | 'bus' | 'parameter' | 'bucket' | 'topic' | 'network' | 'endpoint' | 'logs';

export interface GraphNode {
  /** The resource address, e.g. `aws_sqs_queue.audit-queue_2A389D5B`. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** Address of the KMS key that encrypts it, if any. */
  readonly key?: string;
  /** Whether it runs inside a VPC (functions) or belongs to the network (subnets, endpoints). */
  readonly inNetwork?: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Dashed: not a call on the request path (dead letters, an authorizer check, logs). */
  readonly dashed?: boolean;
}

export interface StackGraph {
  readonly stack: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** KMS key address → label (alias name when there is one). */
  readonly keys: ReadonlyMap<string, string>;
  /** Network label when the stack has one (its own VPC or a VPC found by tag). */
  readonly network?: string;
  /** What the key groups encrypt besides the drawn boxes (function environments, log groups). */
  readonly keyNotes: ReadonlyMap<string, string[]>;
}

const KIND_OF: Record<string, NodeKind> = {
  aws_api_gateway_rest_api: 'api',
  aws_lambda_function: 'function',
  aws_dynamodb_table: 'table',
  aws_sqs_queue: 'queue',
  aws_cloudwatch_event_bus: 'bus',
  aws_ssm_parameter: 'parameter',
  aws_s3_bucket: 'bucket',
  aws_sns_topic: 'topic',
  aws_vpc_endpoint: 'endpoint',
};

/** A readable name: the literal physical name when the synth has one, else the construct name. */
function labelOf(r: TfResource): string {
  // com.amazonaws.<region>.sqs: the service is the last part, whatever the region token.
  if (typeof r.body.service_name === 'string') return r.body.service_name.split('.').pop() ?? r.body.service_name;
  for (const attr of ['function_name', 'name', 'bucket']) {
    const v = r.body[attr];
    if (typeof v === 'string' && v !== '' && !v.includes('${')) return v;
  }
  const tagName = (r.body.tags as Record<string, unknown> | undefined)?.Name;
  if (typeof tagName === 'string' && !tagName.includes('${')) return tagName;
  return r.name.replace(/_[0-9A-F]{8}$/, '');
}

const addressOf = (ref: { type: string; name: string }): string => `${ref.type}.${ref.name}`;

/** Short verbs of the actions granted on a resource: `dynamodb:PutItem` → `PutItem`. */
function verbs(actions: readonly string[]): string {
  const short = [...new Set(actions.map((a) => a.split(':').pop() ?? a))].sort();
  return short.length > 3 ? `${short.slice(0, 3).join(', ')} +${short.length - 3}` : short.join(', ');
}

/** An integration's HTTP method: literal, or read from the aws_api_gateway_method it references. */
function methodOf(json: StackDoc['json'], value: unknown): string {
  const ref = refs(value).find((r) => r.type === 'aws_api_gateway_method');
  const method = ref ? (json.resource?.aws_api_gateway_method as Record<string, Record<string, unknown>> | undefined)?.[ref.name]?.http_method : value;
  return String(method);
}

/** A method's path, from its aws_api_gateway_resource chain. */
function pathOf(json: StackDoc['json'], resourceId: unknown): string {
  const parts: string[] = [];
  let ref = refs(resourceId).find((r) => r.type === 'aws_api_gateway_resource');
  for (let depth = 0; ref && depth < 20; depth++) {
    const res = (json.resource?.aws_api_gateway_resource as Record<string, Record<string, unknown>> | undefined)?.[ref.name];
    if (!res) break;
    parts.unshift(String(res.path_part));
    ref = refs(res.parent_id).find((r) => r.type === 'aws_api_gateway_resource');
  }
  return `/${parts.join('/')}`;
}

/**
 * The graph of one stack, read from its synthesized JSON alone: integrations (API → function),
 * authorizers, IAM grants of each function's role (function → table / queue / bus / parameter /
 * bucket / topic, labelled with the granted actions), event source mappings (queue → consumer),
 * EventBridge rules and targets (bus → target), redrive policies (queue → DLQ), the KMS key of each
 * resource and whether a function runs in a VPC.
 */
export function stackGraph(doc: StackDoc): StackGraph {
  const json = doc.json;
  const all = resources(json);
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const keys = new Map<string, string>();
  const keyNotes = new Map<string, string[]>();
  const note = (key: string, what: string): void => {
    keyNotes.set(key, [...(keyNotes.get(key) ?? []), what]);
  };

  for (const k of resources(json, 'aws_kms_key')) keys.set(k.address, labelOf(k));
  for (const a of resources(json, 'aws_kms_alias')) {
    const target = refs(a.body.target_key_id).find((r) => r.type === 'aws_kms_key');
    if (target && typeof a.body.name === 'string') keys.set(addressOf(target), a.body.name);
  }
  const keyOf = (r: TfResource): string | undefined => {
    for (const attr of ['kms_key_arn', 'kms_master_key_id', 'kms_key_id', 'kms_key_identifier', 'key_id', 'server_side_encryption']) {
      const ref = refs(r.body[attr]).find((x) => x.type === 'aws_kms_key');
      if (ref) return addressOf(ref);
    }
    return undefined;
  };
  // Bucket encryption lives in its own resource.
  const bucketKeys = new Map<string, string>();
  for (const sse of resources(json, 'aws_s3_bucket_server_side_encryption_configuration')) {
    const bucket = refs(sse.body.bucket).find((r) => r.type === 'aws_s3_bucket');
    const key = refs(sse.body.rule).find((r) => r.type === 'aws_kms_key');
    if (bucket && key) bucketKeys.set(addressOf(bucket), addressOf(key));
  }

  for (const r of all) {
    const kind = KIND_OF[r.type];
    if (!kind) continue;
    const vpc = r.type === 'aws_lambda_function' && block(r.body.vpc_config) !== undefined;
    const key = r.type === 'aws_s3_bucket' ? bucketKeys.get(r.address) : r.type === 'aws_lambda_function' ? undefined : keyOf(r);
    nodes.set(r.address, { id: r.address, kind, label: labelOf(r), ...(key ? { key } : {}), ...(vpc || kind === 'endpoint' ? { inNetwork: true } : {}) });
    if (r.type === 'aws_lambda_function') {
      const envKey = keyOf(r);
      if (envKey) note(envKey, `environment of ${labelOf(r)}`);
    }
  }
  for (const lg of resources(json, 'aws_cloudwatch_log_group')) {
    const key = keyOf(lg);
    if (key) note(key, 'log groups');
  }

  // A function reference may go through an alias (qualified invoke ARN) or a permission.
  const functionOf = (value: unknown): string | undefined => {
    for (const ref of refs(value)) {
      if (ref.type === 'aws_lambda_function') return addressOf(ref);
      if (ref.type === 'aws_lambda_alias') {
        const alias = (json.resource?.aws_lambda_alias as Record<string, Record<string, unknown>> | undefined)?.[ref.name];
        const fn = alias ? refs(alias.function_name).find((x) => x.type === 'aws_lambda_function') : undefined;
        if (fn) return addressOf(fn);
      }
    }
    return undefined;
  };

  // API → function, one edge per method (labelled METHOD /path).
  const byPair = new Map<string, string[]>();
  for (const i of resources(json, 'aws_api_gateway_integration')) {
    const api = refs(i.body.rest_api_id).find((r) => r.type === 'aws_api_gateway_rest_api');
    const fn = functionOf(i.body.uri);
    if (!api || !fn) continue;
    const pair = `${addressOf(api)}|${fn}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), `${methodOf(json, i.body.http_method)} ${pathOf(json, i.body.resource_id)}`]);
  }
  for (const [pair, labels] of byPair) {
    const [from, to] = pair.split('|');
    edges.push({ from, to, label: [...new Set(labels)].sort().join('<br/>') });
  }
  for (const a of resources(json, 'aws_api_gateway_authorizer')) {
    const api = refs(a.body.rest_api_id).find((r) => r.type === 'aws_api_gateway_rest_api');
    const fn = functionOf(a.body.authorizer_uri);
    if (api && fn) edges.push({ from: addressOf(api), to: fn, label: `${String(a.body.type ?? 'TOKEN').toLowerCase()} authorizer`, dashed: true });
  }

  // Function → what its role may touch (identity policies of the role).
  const roleOfFunction = new Map<string, string>();
  for (const f of resources(json, 'aws_lambda_function')) {
    const role = refs(f.body.role).find((r) => r.type === 'aws_iam_role');
    if (role) roleOfFunction.set(addressOf(role), f.address);
  }
  const grants = new Map<string, string[]>();
  for (const p of policies(json)) {
    if (p.kind !== 'identity' || !p.statements) continue;
    const roleRef = p.resource.type === 'aws_iam_role' ? { type: 'aws_iam_role', name: p.resource.name } : refs(p.resource.body.role).find((r) => r.type === 'aws_iam_role');
    const fn = roleRef ? roleOfFunction.get(addressOf(roleRef)) : undefined;
    if (!fn) continue;
    for (const s of p.statements.filter((x) => x.effect === 'Allow')) {
      for (const target of s.resources.flatMap((res) => refs(res))) {
        const to = addressOf(target);
        if (!nodes.has(to) || to === fn || nodes.get(to)?.kind === 'function' && s.actions.every((a) => a.startsWith('lambda:'))) continue;
        const k = `${fn}|${to}`;
        grants.set(k, [...(grants.get(k) ?? []), ...s.actions]);
      }
    }
  }
  for (const [pair, actions] of grants) {
    const [from, to] = pair.split('|');
    // A consumer's receive permission is drawn as the queue triggering it (below), not as a call.
    if (nodes.get(to)?.kind === 'queue' && actions.every((a) => /^sqs:(ReceiveMessage|DeleteMessage|GetQueueAttributes|ChangeMessageVisibility)$/.test(a))) continue;
    edges.push({ from, to, label: verbs(actions) });
  }

  // Queue → consumer.
  for (const m of resources(json, 'aws_lambda_event_source_mapping')) {
    const source = refs(m.body.event_source_arn).find((r) => nodes.has(addressOf(r)));
    const fn = functionOf(m.body.function_name);
    if (source && fn) edges.push({ from: addressOf(source), to: fn, label: `batch of ${String(m.body.batch_size ?? 10)}` });
  }
  // Bus → rule target.
  for (const t of resources(json, 'aws_cloudwatch_event_target')) {
    const ruleRef = refs(t.body.rule).find((r) => r.type === 'aws_cloudwatch_event_rule');
    const rule = ruleRef ? (json.resource?.aws_cloudwatch_event_rule as Record<string, Record<string, unknown>> | undefined)?.[ruleRef.name] : undefined;
    const bus = rule ? refs(rule.event_bus_name).find((r) => r.type === 'aws_cloudwatch_event_bus') : undefined;
    const target = refs(t.body.arn).find((r) => nodes.has(addressOf(r))) ?? undefined;
    const to = target ? addressOf(target) : functionOf(t.body.arn);
    if (bus && to) edges.push({ from: addressOf(bus), to, label: `rule ${typeof rule?.name === 'string' && !rule.name.includes('${') ? rule.name : ruleRef?.name ?? ''}` });
  }
  // Queue → dead-letter queue.
  for (const q of resources(json, 'aws_sqs_queue', 'aws_sqs_queue_redrive_policy')) {
    const dlq = refs(q.body.redrive_policy).find((r) => r.type === 'aws_sqs_queue');
    const from = q.type === 'aws_sqs_queue' ? q.address : refs(q.body.queue_url).map(addressOf).find((a) => nodes.has(a));
    if (dlq && from) edges.push({ from, to: addressOf(dlq), label: 'dead letters', dashed: true });
  }
  // Alarms → topic (one edge: how many alarms notify it).
  const alarmCount = new Map<string, number>();
  for (const a of resources(json, 'aws_cloudwatch_metric_alarm')) {
    for (const t of refs(a.body.alarm_actions).filter((r) => r.type === 'aws_sns_topic')) alarmCount.set(addressOf(t), (alarmCount.get(addressOf(t)) ?? 0) + 1);
  }
  for (const [topic, n] of alarmCount) {
    const alarms = `alarms:${topic}`;
    nodes.set(alarms, { id: alarms, kind: 'logs', label: `${n} CloudWatch alarm${n === 1 ? '' : 's'}` });
    edges.push({ from: alarms, to: topic, label: 'notify', dashed: true });
  }

  const network = networkOf(doc, nodes, edges, keyOf);
  return { stack: doc.name, nodes: [...nodes.values()], edges: dedupe(edges), keys, keyNotes, ...(network ? { network } : {}) };
}

/** The network group: an own VPC (subnets by tier, gateways, flow logs) or the VPC functions find by tag. */
function networkOf(doc: StackDoc, nodes: Map<string, GraphNode>, edges: GraphEdge[], keyOf: (r: TfResource) => string | undefined): string | undefined {
  const json = doc.json;
  const vpcs = resources(json, 'aws_vpc');
  if (vpcs.length > 0) {
    const subnets = resources(json, 'aws_subnet');
    // Public: associated with a route table that routes to an internet gateway.
    const publicTables = new Set(resources(json, 'aws_route').filter((r) => refs(r.body.gateway_id).some((g) => g.type === 'aws_internet_gateway')).flatMap((r) => refs(r.body.route_table_id).map(addressOf)));
    const publicSubnets = new Set(resources(json, 'aws_route_table_association').filter((a) => refs(a.body.route_table_id).some((t) => publicTables.has(addressOf(t)))).flatMap((a) => refs(a.body.subnet_id).map(addressOf)));
    const pub = subnets.filter((s) => s.body.map_public_ip_on_launch === true || publicSubnets.has(s.address)).length;
    const priv = subnets.length - pub;
    const cidr = typeof vpcs[0].body.cidr_block === 'string' ? ` ${vpcs[0].body.cidr_block}` : '';
    const add = (id: string, label: string): void => {
      nodes.set(id, { id, kind: 'network', label, inNetwork: true });
    };
    if (pub > 0) add('subnets:public', `${pub} public subnet${pub === 1 ? '' : 's'}`);
    if (priv > 0) add('subnets:private', `${priv} private subnet${priv === 1 ? '' : 's'}`);
    const igw = resources(json, 'aws_internet_gateway').length;
    if (igw > 0) add('gateway:internet', 'internet gateway');
    const nat = resources(json, 'aws_nat_gateway').length;
    if (nat > 0) add('gateway:nat', `${nat} NAT gateway${nat === 1 ? '' : 's'}`);
    if (igw > 0 && pub > 0) edges.push({ from: 'subnets:public', to: 'gateway:internet', label: 'default route' });
    if (nat > 0 && priv > 0) edges.push({ from: 'subnets:private', to: 'gateway:nat', label: 'default route' });
    if (nat > 0 && pub > 0) edges.push({ from: 'gateway:nat', to: 'subnets:public', label: 'in', dashed: true });
    for (const e of resources(json, 'aws_vpc_endpoint')) if (priv > 0) edges.push({ from: 'subnets:private', to: e.address, label: String(e.body.vpc_endpoint_type ?? 'Gateway').toLowerCase() });
    for (const fl of resources(json, 'aws_flow_log')) {
      const lg = refs(fl.body.log_destination).find((r) => r.type === 'aws_cloudwatch_log_group');
      if (!lg) continue;
      const lgRes = resources(json, 'aws_cloudwatch_log_group').find((x) => x.name === lg.name);
      const key = lgRes ? keyOf(lgRes) : undefined;
      nodes.set(addressOf(lg), { id: addressOf(lg), kind: 'logs', label: `flow logs ${lgRes ? labelOf(lgRes) : ''}`.trim(), ...(key ? { key } : {}) });
      edges.push({ from: 'network:vpc', to: addressOf(lg), label: `flow logs (${String(fl.body.traffic_type ?? 'ALL')})`, dashed: true });
    }
    return `VPC ${labelOf(vpcs[0])}${cidr}`;
  }
  const attached = [...nodes.values()].some((n) => n.inNetwork);
  if (!attached) return undefined;
  const lookup = Object.keys(json.data?.aws_vpc ?? {}).length + Object.keys(json.data?.aws_subnets ?? {}).length;
  return lookup > 0 ? 'VPC found by its Network tag (data sources)' : 'VPC';
}

function dedupe(edges: readonly GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const k = `${e.from}|${e.to}|${e.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

