import type { Finding, Rule, RuleContext, Severity } from '../types';

/** Reports one finding at a Terraform address; severity defaults to the rule's. */
export type Report = (address: string, message: string, severity?: Severity) => void;

/** Builds a Rule from its metadata and a check that reports findings. */
export function defineRule(meta: Omit<Rule, 'check'>, check: (ctx: RuleContext, report: Report) => void): Rule {
  return {
    ...meta,
    check(ctx: RuleContext): Finding[] {
      const out: Finding[] = [];
      check(ctx, (address, message, severity) => out.push({ ruleId: meta.id, severity: severity ?? meta.severity, stack: ctx.stackName, address, message }));
      return out;
    },
  };
}
