import { literalPart, resources, strings } from '../tf';
import { defineRule } from './define';

const REGION = /(?<![a-z0-9-])(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d+(?![0-9])/;

/** TAP-REGION-01 no region literal inside resources — no public anchor (seed 000 "region fallback eu-central-1", DESIGN.md #7). */
export const regionLiteral = defineRule(
  {
    id: 'TAP-REGION-01',
    severity: 'error',
    description: 'No region code typed into a resource (the provider block, backend and data sources are exempt)',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json)) {
      const hit = strings(r.body)
        .map((s) => ({ path: s.path, match: REGION.exec(literalPart(s.value))?.[0] }))
        .find((h) => h.match);
      if (hit) {
        report(r.address, `${hit.path} contains the region literal "${hit.match}"; the stack breaks or points across regions when deployed elsewhere. Fix: use data.aws_region's id (stack.regionName in this repo) or config.`);
      }
    }
  },
);
