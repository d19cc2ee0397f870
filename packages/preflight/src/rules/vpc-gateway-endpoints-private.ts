import { refs, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-VPC-03 gateway endpoints sit on the private route tables only — no public anchor (the repo's design rule; docs/architecture.md departure 2). */
export const vpcGatewayEndpointsPrivate = defineRule(
  {
    id: 'TAP-VPC-03',
    severity: 'error',
    description: 'A Gateway aws_vpc_endpoint lists route tables of the stack, none of which routes to an internet gateway (public); an endpoint with no route table is an error too',
    anchors: [],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const routes = resources(json, 'aws_route');
    const tables = resources(json, 'aws_route_table');
    const isPublic = (table: string): boolean => {
      const body = tables.find((t) => t.name === table)?.body;
      const inline = Array.isArray(body?.route) ? (body?.route as Record<string, unknown>[]) : [];
      const viaIgw = (r: Record<string, unknown>): boolean => refs(r.gateway_id).some((x) => x.type === 'aws_internet_gateway');
      return inline.some(viaIgw) || routes.some((r) => refs(r.body.route_table_id).some((x) => x.type === 'aws_route_table' && x.name === table) && viaIgw(r.body));
    };
    for (const ep of resources(json, 'aws_vpc_endpoint')) {
      if (ep.body.vpc_endpoint_type !== 'Gateway') continue;
      const ids = Array.isArray(ep.body.route_table_ids) ? ep.body.route_table_ids : [];
      if (ids.length === 0) {
        report(ep.address, 'gateway endpoint without route_table_ids: no subnet routes to it, so private functions reach the service through NAT (cost) or not at all. Fix: route_table_ids = the private route tables.');
        continue;
      }
      const publicTables = ids.flatMap((id) => refs(id)).filter((r) => r.type === 'aws_route_table' && isPublic(r.name)).map((r) => `aws_route_table.${r.name}`);
      if (publicTables.length) {
        report(ep.address, `gateway endpoint associated with the public route table ${publicTables.join(', ')}: it does nothing for the private subnets, whose traffic still leaves through NAT. Fix: route_table_ids = the private route tables only.`);
      }
    }
  },
);
