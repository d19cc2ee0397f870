import type { StackDoc } from '@tap/synth';

/** Severity of a finding: errors fail the run, warnings are reported only. */
export type Severity = 'error' | 'warning';

/** A problem found by a rule. `message` says what is wrong and how to fix it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly stack: string;
  /** Terraform address, e.g. `aws_lambda_function.fn_1234`, `output.apiUrl`, `terraform.backend.s3`. */
  readonly address: string;
  readonly message: string;
}

/** A finding silenced by a suppression on its resource, kept in the report with the reason. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

/** Settings that are not in the synthesized JSON itself: CLI flags, or facts read from default tags. */
export interface PreflightOptions {
  /** Environment suffix; default: the provider default tag `EnvironmentSuffix` of each stack. */
  readonly suffix?: string;
  /** Account concurrency limit. Default 1000. */
  readonly accountConcurrency?: number;
  /** Executions that must stay unreserved. Default 100 (AWS minimum). */
  readonly minUnreserved?: number;
  /** Environments of this profile that run at once in the account. Default 1. */
  readonly plannedEnvironments?: number;
  /** Account-wide singletons allowed (config opted in). Default: default tag `AccountSingletons=true`, else false. */
  readonly allowSingletons?: boolean;
  /** Treat the environment as ephemeral. Default: default tag `Profile` is `dev` or `pr`. */
  readonly ephemeral?: boolean;
  /** Lambda timeout range in seconds. Default 30-300 (PIPE-18). */
  readonly timeoutRange?: readonly [number, number];
}

/** App-level facts shared by every stack's check. */
export interface AppInfo {
  readonly stacks: readonly StackDoc[];
  readonly accountConcurrency: number;
  readonly minUnreserved: number;
  readonly plannedEnvironments: number;
  readonly timeoutRange: readonly [number, number];
}

/** What a rule sees: one stack, the facts derived for it, and the whole app. */
export interface RuleContext {
  readonly stack: StackDoc;
  /** Shorthand for `stack.name`. */
  readonly stackName: string;
  /** Environment suffix (flag, else the stack's default tag `EnvironmentSuffix`); undefined when unknown. */
  readonly suffix?: string;
  /** Lower-case words that came from config: the suffix's and every default tag value's words. */
  readonly allowedWords: ReadonlySet<string>;
  /** Provider default tags of the stack (merged over every aws provider block). */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Default tag `Profile`, if any. */
  readonly profile?: string;
  readonly ephemeral: boolean;
  readonly allowSingletons: boolean;
  readonly app: AppInfo;
}

/** A guardrail rule: one file each under `rules/`, with a doc line citing its public anchors. */
export interface Rule {
  /** e.g. `TAP-BACKEND-01`. */
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  /** Matching public rule ids (cdk-nag, checkov, trivy AVD-AWS-xxxx); empty when none exists. */
  readonly anchors: readonly string[];
  check(ctx: RuleContext): Finding[];
}

/** The outcome of a run. */
export interface Report {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly stacks: readonly string[];
  readonly errors: number;
  readonly warnings: number;
}
