import { blocks, type AppModel, type Res } from './model';

/** Services a VPC-attached function reaches and how AWS names their endpoints. */
export type NetworkService = 'dynamodb' | 's3' | 'sqs' | 'events' | 'ssm' | 'kms' | 'sns';

export interface NetworkResult {
  readonly decision: 'ALLOW' | 'DENY' | 'UNKNOWN';
  readonly reason: string;
}

interface Rule {
  readonly address: string;
  readonly cidr?: string;
  readonly prefixList?: string;
  readonly sourceSg?: string;
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
}

/** IPv4 CIDR containment: does `outer` contain every address of `inner`? */
export function cidrContains(outer: string, inner: string): boolean {
  const parse = (c: string): [number, number] | undefined => {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(c.trim());
    if (!m) return undefined;
    const ip = ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0;
    return [ip, +m[5]];
  };
  const o = parse(outer);
  const i = parse(inner);
  if (!o || !i || i[1] < o[1]) return false;
  const mask = o[1] === 0 ? 0 : (~0 << (32 - o[1])) >>> 0;
  return ((o[0] & mask) >>> 0) === ((i[0] & mask) >>> 0);
}

const coversHttps = (r: Rule): boolean => r.protocol === '-1' || r.protocol === 'all' || ((r.protocol === 'tcp' || r.protocol === '6') && r.from <= 443 && r.to >= 443);

/** Egress or ingress rules of a security group (standalone rule resources and inline blocks). */
function sgRules(model: AppModel, sgId: string, direction: 'egress' | 'ingress'): Rule[] {
  const out: Rule[] = [];
  const type = direction === 'egress' ? 'aws_vpc_security_group_egress_rule' : 'aws_vpc_security_group_ingress_rule';
  for (const r of model.ofType(type, true)) {
    const a = model.attrs(r) ?? {};
    if (a.security_group_id !== sgId) continue;
    out.push({ address: `${r.stack}:${r.address}`, cidr: str(a.cidr_ipv4), prefixList: str(a.prefix_list_id), sourceSg: str(a.referenced_security_group_id), from: Number(a.from_port ?? 0), to: Number(a.to_port ?? 65535), protocol: String(a.ip_protocol ?? '-1') });
  }
  for (const r of model.ofType('aws_security_group_rule', true)) {
    const a = model.attrs(r) ?? {};
    if (a.security_group_id !== sgId || a.type !== direction) continue;
    for (const cidr of list(a.cidr_blocks)) {
      out.push({ address: `${r.stack}:${r.address}`, cidr, from: Number(a.from_port), to: Number(a.to_port), protocol: String(a.protocol) });
    }
    for (const pl of list(a.prefix_list_ids)) out.push({ address: `${r.stack}:${r.address}`, prefixList: pl, from: Number(a.from_port), to: Number(a.to_port), protocol: String(a.protocol) });
    if (a.source_security_group_id) out.push({ address: `${r.stack}:${r.address}`, sourceSg: str(a.source_security_group_id), from: Number(a.from_port), to: Number(a.to_port), protocol: String(a.protocol) });
  }
  const sg = model.byId('aws_security_group', sgId);
  if (sg) {
    const a = model.attrs(sg) ?? {};
    for (const b of blocks(a[direction])) {
      for (const cidr of list(b.cidr_blocks)) out.push({ address: `${sg.stack}:${sg.address}`, cidr, from: Number(b.from_port), to: Number(b.to_port), protocol: String(b.protocol) });
      for (const pl of list(b.prefix_list_ids)) out.push({ address: `${sg.stack}:${sg.address}`, prefixList: pl, from: Number(b.from_port), to: Number(b.to_port), protocol: String(b.protocol) });
      for (const s of list(b.security_groups)) out.push({ address: `${sg.stack}:${sg.address}`, sourceSg: s, from: Number(b.from_port), to: Number(b.to_port), protocol: String(b.protocol) });
    }
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? v.split(',') : []);

/**
 * Whether a VPC-attached function reaches a service's regional endpoint over HTTPS, as AWS routes it:
 * a gateway endpoint on the route tables of its subnets with SG egress to the service's prefix list; an
 * interface endpoint with private DNS, SG egress to it and the endpoint SG's ingress from the function;
 * or a NAT route with SG egress to public addresses. Each path is tried and the missing pieces named.
 */
export function reach(model: AppModel, fn: Res, service: NetworkService): NetworkResult {
  const a = model.attrs(fn) ?? {};
  const vpc = blocks(a.vpc_config)[0];
  if (!vpc) return { decision: 'ALLOW', reason: 'not VPC-attached: Lambda reaches AWS endpoints directly' };
  const subnetIds = list(vpc.subnet_ids);
  const sgIds = list(vpc.security_group_ids);
  if ([...subnetIds, ...sgIds].some((v) => v.includes('unresolved:')) || subnetIds.length === 0) {
    return { decision: 'UNKNOWN', reason: 'its subnets are looked up at plan time and no stack of this synth creates them (pass --network-dir with the synth of the network)' };
  }
  const subnets = subnetIds.map((id) => model.byId('aws_subnet', id)).filter((s): s is Res => !!s);
  if (subnets.length !== subnetIds.length) return { decision: 'UNKNOWN', reason: 'some of its subnets are not in this synth' };
  const region = model.region;
  const egress = sgIds.flatMap((id) => sgRules(model, id, 'egress')).filter(coversHttps);
  const routeTables = subnets.map((s) => {
    const sid = model.attrs(s)?.id;
    const assoc = model.ofType('aws_route_table_association', true).find((r) => model.attrs(r)?.subnet_id === sid);
    return assoc ? String(model.attrs(assoc)?.route_table_id) : undefined;
  });
  const endpoints = model.ofType('aws_vpc_endpoint', true).filter((e) => String(model.attrs(e)?.service_name) === `com.amazonaws.${region}.${service}`);
  const missing: string[] = [];

  // 1. Gateway endpoint (S3, DynamoDB).
  const gateway = endpoints.find((e) => String(model.attrs(e)?.vpc_endpoint_type ?? 'Gateway') === 'Gateway');
  if (gateway) {
    const rts = list(model.attrs(gateway)?.route_table_ids);
    const uncovered = routeTables.filter((rt) => !rt || !rts.includes(rt));
    const rule = egress.find((r) => r.prefixList === `pl-${service}` || r.cidr === '0.0.0.0/0');
    if (uncovered.length === 0 && rule) return { decision: 'ALLOW', reason: `gateway endpoint ${gateway.stack}:${gateway.address} on every subnet's route table; egress ${rule.address}` };
    if (uncovered.length) missing.push(`gateway endpoint ${gateway.address} is not on the route table of ${uncovered.length} of its subnets`);
    if (!rule) missing.push(`its security group has no HTTPS egress to the ${service} prefix list (pl-${service})`);
  }

  // 2. Interface endpoint with private DNS.
  const iface = endpoints.find((e) => model.attrs(e)?.vpc_endpoint_type === 'Interface');
  if (iface) {
    const ea = model.attrs(iface) ?? {};
    const eSubnets = list(ea.subnet_ids).map((id) => model.byId('aws_subnet', id)).filter((s): s is Res => !!s);
    const eCidrs = eSubnets.map((s) => String(model.attrs(s)?.cidr_block));
    const eSgs = list(ea.security_group_ids);
    const out = egress.find((r) => (r.cidr && eCidrs.length > 0 && eCidrs.every((c) => cidrContains(r.cidr as string, c))) || (r.sourceSg && eSgs.includes(r.sourceSg)));
    const fnCidrs = subnets.map((s) => String(model.attrs(s)?.cidr_block));
    const ingress = eSgs.flatMap((id) => sgRules(model, id, 'ingress')).filter(coversHttps)
      .find((r) => (r.sourceSg && sgIds.includes(r.sourceSg)) || (r.cidr && fnCidrs.every((c) => cidrContains(r.cidr as string, c))));
    const dns = ea.private_dns_enabled === true || ea.private_dns_enabled === 'true';
    if (out && ingress && dns) return { decision: 'ALLOW', reason: `interface endpoint ${iface.stack}:${iface.address} (private DNS); egress ${out.address}; endpoint ingress ${ingress.address}` };
    if (!dns) missing.push(`interface endpoint ${iface.address} has private DNS off, so the SDK's default hostname does not resolve to it`);
    if (!out) missing.push(`its security group has no HTTPS egress to the ${service} interface endpoint's subnets`);
    if (!ingress) missing.push(`the ${service} endpoint's security group allows no HTTPS ingress from the function`);
  }

  // 3. NAT gateway.
  const natTables = routeTables.filter((rt) => model.ofType('aws_route', true).some((r) => {
    const ra = model.attrs(r) ?? {};
    return ra.route_table_id === rt && ra.destination_cidr_block === '0.0.0.0/0' && typeof ra.nat_gateway_id === 'string';
  }) || model.ofType('aws_route_table', true).some((t) => model.attrs(t)?.id === rt && blocks(model.attrs(t)?.route).some((b) => b.cidr_block === '0.0.0.0/0' && b.nat_gateway_id)));
  const publicEgress = egress.find((r) => r.cidr === '0.0.0.0/0');
  if (natTables.length === routeTables.length && publicEgress) return { decision: 'ALLOW', reason: `NAT route on every subnet's route table; egress ${publicEgress.address} to public addresses` };
  if (natTables.length === routeTables.length && natTables.length > 0) missing.push(`its subnets route to NAT but its security group (${sgIds.join(', ')}) allows no HTTPS egress to 0.0.0.0/0`);
  else if (!gateway && !iface) missing.push(`no ${service} endpoint in the VPC and no NAT route on its subnets' route tables`);
  return { decision: 'DENY', reason: `no network path to ${service}: ${missing.join('; ')}` };
}
