import { appInfo, stackContext } from './context';
import { ALL_RULES } from './rules';
import { readSuppressions } from './suppress';
import type { Finding, PreflightOptions, Report, Rule, SuppressedFinding } from './types';
import type { StackDoc } from '@tap/synth';

/**
 * Runs every rule over every stack. Findings on a resource that carries a suppression for that rule (with
 * a reason) move to `suppressed`; the report counts errors and warnings of what remains.
 */
export function runPreflight(stacks: readonly StackDoc[], options: PreflightOptions = {}, rules: readonly Rule[] = ALL_RULES): Report {
  const app = appInfo(stacks, options);
  const knownIds = new Set(rules.map((r) => r.id));
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const stack of stacks) {
    const ctx = stackContext(stack, app, options);
    const { byAddress, problems } = readSuppressions(stack, knownIds);
    findings.push(...problems);
    for (const rule of rules) {
      for (const finding of rule.check(ctx)) {
        const match = byAddress.get(finding.address)?.find((s) => s.id === finding.ruleId);
        if (match) suppressed.push({ ...finding, reason: match.reason });
        else findings.push(finding);
      }
    }
  }
  return {
    findings,
    suppressed,
    stacks: stacks.map((s) => s.name),
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
