import { awsProviders, literalPart, resources, strings } from '@tap/synth';
import { defineRule } from './define';

const REGION = /(?<![a-z0-9-])(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d+(?![0-9])/;

/** TAP-REGION-01 no region literal inside resources — no public anchor (PAY-04 region fallback eu-central-1; PIPE-15). */
export const regionLiteral = defineRule(
  {
    id: 'TAP-REGION-01',
    severity: 'error',
    description: 'No region code typed into a resource (the provider block, backend and data sources are exempt, and so is the region of an aliased provider: config supplied it, e.g. the replication region)',
    anchors: [],
  },
  (ctx, report) => {
    // A second region (replica, failover) reaches a stack only through an aliased provider whose region config
    // set; a literal equal to it came from config too. The default provider's region is never exempt: there,
    // data.aws_region is the way.
    const configRegions = new Set(awsProviders(ctx.stack.json).filter((p) => typeof p.alias === 'string').map((p) => p.region).filter((r): r is string => typeof r === 'string'));
    for (const r of resources(ctx.stack.json)) {
      const hit = strings(r.body)
        .map((s) => ({ path: s.path, match: [...literalPart(s.value).matchAll(new RegExp(REGION.source, 'g'))].map((m) => m[0]).find((m) => !configRegions.has(m)) }))
        .find((h) => h.match);
      if (hit) {
        report(r.address, `${hit.path} contains the region literal "${hit.match}"; the stack breaks or points across regions when deployed elsewhere. Fix: use data.aws_region's id (stack.regionName in this repo) or config.`);
      }
    }
  },
);
