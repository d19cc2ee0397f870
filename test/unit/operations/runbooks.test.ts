/**
 * Every alarm of every stack, in every profile, links a runbook that exists in docs/runbooks/
 * and answers the four questions someone paged at 3 a.m. has (what it means, how to look, how to fix,
 * how to roll back). Reads the synthesized JSON of the whole app (synthesizeApp, as tap.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileName } from '@tap/config';
import { REPO_ROOT as REPO } from '@tap/synth';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';

const SECTIONS = ['what it means', 'how to look', 'how to fix', 'how to roll back'];

function alarms(profile: ProfileName): { stack: string; id: string; description: string }[] {
  const found: { stack: string; id: string; description: string }[] = [];
  for (const { name, json } of appStacks({ suffix: SHARED_SUFFIX, profile })) {
    for (const [id, alarm] of Object.entries(json.resource?.aws_cloudwatch_metric_alarm ?? {})) found.push({ stack: name, id, description: String(alarm.alarm_description ?? '') });
  }
  return found;
}

/** The `##` headings of a runbook, lower-cased. */
function headings(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^#{2,3}\s/.test(l))
    .map((l) => l.replace(/^#+\s*/, '').trim().toLowerCase());
}

describe.each(['dev', 'pr', 'production'] as const)('runbooks: every alarm links one (profile %s)', (profile) => {
  const all = alarms(profile);

  it('the app has alarms in every API stack', () => {
    expect(new Set(all.map((a) => a.stack))).toEqual(new Set(['payment-api', 'rest-api', 'event-pipeline']));
  });

  it('every aws_cloudwatch_metric_alarm description has "Runbook: docs/runbooks/<file>.md", the file exists and has the four sections', () => {
    const problems: string[] = [];
    for (const a of all) {
      const link = /Runbook: (docs\/runbooks\/[a-z0-9-]+\.md)/.exec(a.description)?.[1];
      if (!link) {
        problems.push(`${a.stack}.${a.id}: no runbook link in "${a.description}"`);
        continue;
      }
      const file = join(REPO, link);
      if (!existsSync(file)) {
        problems.push(`${a.stack}.${a.id}: ${link} does not exist`);
        continue;
      }
      const h = headings(file);
      for (const section of SECTIONS) if (!h.some((x) => x.includes(section))) problems.push(`${link}: no "${section}" section (headings: ${h.join(' | ')})`);
    }
    expect(problems).toEqual([]);
  });
});
