/**
 * The GitHub Actions workflows: every file validated by GitHub's own parser (@actions/workflow-parser,
 * through `pnpm workflows:check`), then the delivery rules checked on their content: long-lived
 * environments get a plan job that uploads saved plans and an apply job that applies exactly those;
 * no -auto-approve and no full integration suite outside the ephemeral environment.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT as REPO } from '@tap/synth';

const DIR = join(REPO, '.github/workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const FIXTURES = join(REPO, 'test/fixtures/workflows');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}
interface Checked {
  file: string;
  errors: string[];
  jobs: string[];
}

function load(name: string): Workflow {
  return parse(readFileSync(join(DIR, name), 'utf8')) as Workflow;
}

/** GitHub's parser over files, through the repo's CLI (the parser is ESM-only; tsx's loader runs it, in one Node). */
function check(paths: string[]): Checked[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/check-workflows.mts'), '--json', ...paths], { cwd: REPO, encoding: 'utf8' });
  if (!r.stdout) throw new Error(`workflows:check did not run: ${r.stderr}`);
  return JSON.parse(r.stdout) as Checked[];
}

const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps ?? []);
const runs = (job: Job): string => (job.steps ?? []).map((s) => s.run ?? '').join('\n');
const allJobs = files.flatMap((file) => Object.entries(load(file).jobs).map(([id, job]) => ({ file, id, job })));
/** A shell script without its comment lines. */
const commands = (file: string): string => readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
const indexOf = (job: Job, re: RegExp): number => (job.steps ?? []).findIndex((s) => re.test(s.run ?? '') || re.test(s.uses ?? ''));

/** Broken workflows (test/fixtures/workflows) and the error GitHub's parser gives for each. */
const REJECTED: [string, string][] = [
  ['step-uses-and-run.yml', "Unexpected value 'run'"],
  ['job-key-typo.yml', 'Required property is missing: runs-on'],
  ['unknown-context.yml', "Unrecognized named-value: 'deployment'"],
  ['bad-expression.yml', "Unexpected end of expression: '=='"],
  ['needs-unknown-job.yml', 'The workflow must contain at least one job with no dependencies'],
  ['bad-event.yml', "Unexpected value 'pull_requests'"],
];

describe('GitHub Actions workflows', () => {
  // One parser run for the repo's workflows and every broken fixture: the parser checks each file on
  // its own, and each run pays a Node and tsx start-up and the parser's schema load.
  const checked = check([...files.map((f) => join(DIR, f)), ...REJECTED.map(([fixture]) => join(FIXTURES, fixture))]);

  it('the workflows exist', () => {
    expect(files).toEqual(['deliver-environment.yml', 'deliver.yml', 'deploy-environment.yml', 'drift-detection.yml', 'nightly-sweep.yml', 'pr-environment.yml']);
  });

  it.each(files)("%s is valid for GitHub's own workflow parser (keys, types, expressions, contexts, needs)", (file) => {
    const result = checked.find((c) => c.file === `.github/workflows/${file}`);
    expect(result?.errors).toEqual([]);
    expect(result?.jobs).toEqual(Object.keys(load(file).jobs));
  });

  it.each(REJECTED)('the parser rejects %s (%s), as GitHub would', (fixture, message) => {
    const result = checked.find((c) => c.file === `test/fixtures/workflows/${fixture}`);
    expect(result).toBeDefined();
    expect(result?.errors.join('\n')).toContain(message);
  });

  it.each(files)('%s: AWS access is OIDC only: id-token write, configure-aws-credentials with the environment-scoped role, no stored keys', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const wf = load(file);
    expect(wf.permissions?.['id-token']).toBe('write');
    expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key|secrets\.AWS/);
    const creds = steps(wf).filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    for (const c of creds) expect(c.with?.['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    // A job that assumes a role runs in a GitHub environment, so the role (and its trust) is per environment class.
    for (const [id, job] of Object.entries(wf.jobs)) {
      if ((job.steps ?? []).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))) expect({ id, environment: job.environment ?? 'none' }).toEqual({ id, environment: expect.any(String) });
    }
    if (file !== 'deliver.yml') expect(creds.length).toBeGreaterThan(0);
  });

  it.each(files.filter((f) => f !== 'deliver.yml'))('%s: Node 20, pnpm 10 with a frozen lockfile, Terraform 1.11', (file) => {
    const all = steps(load(file));
    expect(all.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    expect(String(all.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))?.with?.terraform_version)).toMatch(/^1\.11\./);
    expect(all.some((s) => s.run === 'npx -y pnpm@10 install --frozen-lockfile')).toBe(true);
  });

  describe('the production path', () => {
    it('GitHub environments in use: ephemeral, and the long-lived ones by name from deliver.yml (<env> to apply, <env>-plan to plan)', () => {
      const environments = new Set(allJobs.map((j) => j.job.environment).filter(Boolean));
      expect(environments).toEqual(new Set(['ephemeral', '${{ inputs.environment }}', '${{ inputs.environment }}-plan', '${{ matrix.environment }}-plan']));
      const deliver = load('deliver.yml');
      expect(Object.values(deliver.jobs).map((j) => [j.uses, j.with?.environment])).toEqual([
        ['./.github/workflows/deliver-environment.yml', 'staging'],
        ['./.github/workflows/deliver-environment.yml', 'production'],
      ]);
    });

    it('no -auto-approve outside the ephemeral environment: every job that runs one is in "ephemeral"', () => {
      const offenders = allJobs.filter(({ job }) => /-auto-approve/.test(runs(job)) && job.environment !== 'ephemeral').map(({ file, id }) => `${file}:${id}`);
      expect(offenders).toEqual([]);
      for (const file of ['deliver.yml', 'deliver-environment.yml', 'drift-detection.yml']) expect(readFileSync(join(DIR, file), 'utf8')).not.toMatch(/auto-approve|cdktf deploy/);
      expect(commands(join(REPO, 'scripts/delivery/apply.sh'))).not.toMatch(/-auto-approve|cdktf deploy|terraform plan/);
    });

    it('the full integration suite runs only in the ephemeral environment, never against a long-lived one', () => {
      const jobs = allJobs.filter(({ job }) => /test:integration/.test(runs(job)));
      expect(jobs.map(({ file, id }) => `${file}:${id}`).sort()).toEqual(['deploy-environment.yml:deploy', 'pr-environment.yml:deploy']);
      for (const { job } of jobs) expect(job.environment).toBe('ephemeral');
      const inputs = (load('deploy-environment.yml').on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
      expect(inputs.profile.options).not.toContain('production');
      expect(load('pr-environment.yml').env?.ENVIRONMENT_PROFILE).toBe('pr');
    });

    it('plan jobs ("-plan" environments, read-only role) never apply, deploy or roll back', () => {
      for (const { file, id, job } of allJobs.filter(({ job }) => job.environment?.endsWith('-plan'))) {
        expect({ at: `${file}:${id}`, text: runs(job) }).toEqual({ at: `${file}:${id}`, text: expect.not.stringMatching(/apply\.sh|terraform apply|cdktf (deploy|destroy)|live-aliases\.sh restore/) });
      }
    });
  });

  describe('deliver-environment.yml: two steps', () => {
    const wf = load('deliver-environment.yml');
    const { plan, apply } = wf.jobs;

    it('is called with the environment, the stacks, the stateful switch and the bake period', () => {
      const call = wf.on.workflow_call as { inputs: Record<string, { type: string; required?: boolean; default?: unknown }> };
      expect(call.inputs.environment).toMatchObject({ type: 'string', required: true });
      expect(call.inputs['allow-stateful-changes']).toMatchObject({ type: 'boolean', default: false });
      expect(call.inputs['bake-minutes']).toMatchObject({ type: 'number', default: 15 });
    });

    it('plan: synth, preflight, rehearsal, one saved plan per stack, the summary in the job summary, the plans uploaded — in that order', () => {
      expect(plan.environment).toBe('${{ inputs.environment }}-plan');
      const order = [/pnpm@10 synth$/, /pnpm@10 preflight$/, /pnpm@10 test:rehearsal$/, /bash scripts\/delivery\/plan\.sh \$\{\{ inputs\.stacks \}\}/, /plan-summary .*--format markdown/, /^actions\/upload-artifact@/];
      const indexes = order.map((re) => indexOf(plan, re));
      expect(indexes.every((i) => i >= 0)).toBe(true);
      expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
      expect(runs(plan)).toMatch(/cat plan-summary\.md >> "\$GITHUB_STEP_SUMMARY"\n\s*exit \$status/);
      const upload = plan.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
      expect(upload?.with?.name).toBe('plans-${{ inputs.environment }}-${{ github.sha }}');
      expect(String(upload?.with?.path).split('\n').filter(Boolean)).toEqual(['cdktf.out/plan-manifest.json', 'cdktf.out/stacks/', '!cdktf.out/stacks/*/.terraform/']);
      expect(upload?.with).toMatchObject({ 'include-hidden-files': true, 'if-no-files-found': 'error' });
      expect(readFileSync(join(REPO, 'scripts/delivery/plan.sh'), 'utf8')).toMatch(/terraform plan -input=false -no-color -detailed-exitcode -out=plan\.tfplan/);
    });

    it('apply: in the protected environment, only after the plan job and only with changes, applies exactly the uploaded plans (no synth, no new plan)', () => {
      expect(apply.environment).toBe('${{ inputs.environment }}');
      expect(apply.needs).toBe('plan');
      expect(apply.if).toBe("needs.plan.outputs.changed == 'true'");
      const download = apply.steps?.find((s) => s.uses?.startsWith('actions/download-artifact@'));
      expect(download?.with).toEqual({ name: 'plans-${{ inputs.environment }}-${{ github.sha }}', path: 'cdktf.out' });
      expect(runs(apply)).toMatch(/^bash scripts\/delivery\/apply\.sh$/m);
      expect(runs(apply)).not.toMatch(/pnpm@10 synth|tap\.ts|plan\.sh|terraform plan|cdktf (deploy|synth|diff)/);
      const applySh = readFileSync(join(REPO, 'scripts/delivery/apply.sh'), 'utf8');
      expect(applySh).toMatch(/terraform apply -input=false -no-color plan\.tfplan/);
      expect(applySh).toMatch(/refuse "the plans were made for commit/);
    });

    it('after the apply: smoke checks (no business data), the bake period on the alarms, the live-alias rollback if either fails', () => {
      const order = [/live-aliases\.sh record/, /apply\.sh$/, /outputs:flatten/, /pnpm@10 smoke$/, /bake\.sh/, /live-aliases\.sh restore/];
      const indexes = order.map((re) => indexOf(apply, re));
      expect(indexes.every((i) => i >= 0)).toBe(true);
      expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
      const rollback = apply.steps?.find((s) => /live-aliases\.sh restore/.test(s.run ?? ''));
      expect(rollback?.if).toBe("failure() && (steps.smoke.outcome == 'failure' || steps.bake.outcome == 'failure')");
    });
  });

  it('deliver.yml: push to main delivers staging then production; a manual run delivers one; one delivery at a time', () => {
    const wf = load('deliver.yml');
    expect(wf.on.push).toEqual({ branches: ['main'] });
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
    expect(inputs.environment.options).toEqual(['staging', 'production']);
    expect(wf.concurrency).toEqual({ group: 'deliver', 'cancel-in-progress': false });
    expect(wf.jobs.production.needs).toBe('staging');
    expect(wf.jobs.production.if).toContain("needs.staging.result == 'success'");
  });

  it('drift-detection.yml: nightly plan -detailed-exitcode per long-lived environment with the read-only role; drift is reported and fails the run', () => {
    const wf = load('drift-detection.yml');
    expect(Array.isArray(wf.on.schedule)).toBe(true);
    const job = wf.jobs.drift;
    expect(job.strategy?.matrix?.environment).toEqual(['staging', 'production']);
    expect(job.environment).toBe('${{ matrix.environment }}-plan');
    expect(runs(job)).toMatch(/plan\.sh --detailed-exitcode vpc payment-api rest-api event-pipeline/);
    const report = job.steps?.find((s) => s.name === 'Report drift');
    expect(report?.if).toBe("steps.plan.outputs.exitcode == '2'");
    expect(report?.run).toMatch(/plan-summary .*>> "\$GITHUB_STEP_SUMMARY"/);
    expect(report?.run).toMatch(/exit 1\s*$/);
    const runbook = /docs\/runbooks\/[a-z-]+\.md/.exec(readFileSync(join(DIR, 'drift-detection.yml'), 'utf8'))?.[0];
    expect(runbook && existsSync(join(REPO, runbook))).toBe(true);
  });

  describe('pr-environment.yml', () => {
    const wf = load('pr-environment.yml');

    it('runs on PR open, update, reopen and close, in one concurrency group per PR that is never cancelled', () => {
      expect(wf.on.pull_request).toEqual({ types: ['opened', 'synchronize', 'reopened', 'closed'] });
      expect(wf.concurrency).toEqual({ group: 'pr-env-${{ github.event.pull_request.number }}', 'cancel-in-progress': false });
      expect(wf.permissions).toEqual({ 'id-token': 'write', contents: 'read', 'pull-requests': 'write' });
    });

    it('deploys with suffix pr<number> and the pr profile, in the ephemeral environment', () => {
      expect(wf.env?.ENVIRONMENT_SUFFIX).toBe('pr${{ github.event.pull_request.number }}');
      expect(wf.env?.ENVIRONMENT_PROFILE).toBe('pr');
      expect(wf.jobs.deploy.environment).toBe('ephemeral');
      expect(wf.jobs.destroy.environment).toBe('ephemeral');
    });

    it('on open/update: synth, preflight, rehearsal, deploy, flatten, integration against AWS, endpoints posted — in that order', () => {
      const deploy = wf.jobs.deploy;
      expect(deploy.if).toBe("github.event.action != 'closed'");
      const order = [/pnpm@10 synth$/, /pnpm@10 preflight$/, /pnpm@10 test:rehearsal$/, /cdktf deploy \$stacks .*--outputs-file cdktf\.out\/outputs\.json/, /outputs:flatten/, /pnpm@10 test:integration$/, /gh pr comment/];
      const indexes = order.map((re) => indexOf(deploy, re));
      expect(indexes.every((i) => i >= 0)).toBe(true);
      expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
      expect(deploy.steps?.find((s) => /test:integration/.test(s.run ?? ''))?.env).toEqual({ INTEGRATION_TARGET: 'aws' });
    });

    it('deploys the VPC stack only when the PR changes network code', () => {
      expect(wf.jobs.deploy.needs).toBe('changes');
      expect(runs(wf.jobs.changes)).toMatch(/stacks\/vpc\/\|packages\/constructs\/src\/network\//);
      expect(runs(wf.jobs.deploy)).toMatch(/if \[ "\$\{\{ needs\.changes\.outputs\.network \}\}" = "true" \]; then stacks="vpc \$stacks"; fi/);
      expect(wf.env?.API_STACKS).toBe('payment-api rest-api event-pipeline');
    });

    it('destroys the environment when the PR is closed', () => {
      const destroy = wf.jobs.destroy;
      expect(destroy.if).toBe("github.event.action == 'closed'");
      expect(runs(destroy)).toMatch(/cdktf destroy \$API_STACKS --auto-approve/);
      expect(runs(destroy)).toMatch(/cdktf destroy vpc --auto-approve/);
      expect(runs(destroy)).not.toMatch(/cdktf deploy/);
    });

    it('posts, per long-lived environment a merge will change, the plan summary of the long-lived environment (not the PR copy), and fails on a stateful loss', () => {
      const job = wf.jobs['plan-long-lived'];
      expect(job.if).toBe("github.event.action != 'closed'");
      expect(job.strategy?.matrix?.environment).toEqual(['staging', 'production']);
      expect(job.environment).toBe('${{ matrix.environment }}-plan');
      expect(job.env).toMatchObject({ ENVIRONMENT_SUFFIX: '${{ vars.ENVIRONMENT_SUFFIX }}', ENVIRONMENT_PROFILE: '${{ vars.ENVIRONMENT_PROFILE }}' });
      const text = runs(job);
      expect(text).toMatch(/bash scripts\/delivery\/plan\.sh vpc payment-api rest-api event-pipeline/);
      expect(text).toMatch(/plan-summary --format markdown/);
      expect(text).toMatch(/<!-- plan-summary:\$\{\{ matrix\.environment \}\} -->/);
      expect(text).toMatch(/gh api -X PATCH .*issues\/comments/);
      expect(job.steps?.at(-1)).toMatchObject({ if: "steps.plan.outputs.status != '0'", run: expect.stringMatching(/exit 1/) });
    });
  });

  it('nightly-sweep.yml: scheduled, finds pr<number> environments whose PR is closed or merged, destroys them with the pr profile (ephemeral role)', () => {
    const wf = load('nightly-sweep.yml');
    expect(Array.isArray(wf.on.schedule)).toBe(true);
    expect(wf.jobs.sweep.environment).toBe('ephemeral');
    const text = runs(wf.jobs.sweep);
    expect(text).toMatch(/gh pr view/);
    expect(text).toMatch(/"\$state" = "CLOSED" \] \|\| \[ "\$state" = "MERGED"/);
    expect(text).toMatch(/ENVIRONMENT_SUFFIX="\$suffix" ENVIRONMENT_PROFILE=pr/);
    expect(text).toMatch(/cdktf destroy/);
  });

  it('deploy-environment.yml: manual, ephemeral copies only (dev, pr), refuses a long-lived suffix', () => {
    const wf = load('deploy-environment.yml');
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, { type: string; options?: string[]; required?: boolean }> }).inputs;
    expect(inputs.suffix).toMatchObject({ type: 'string', required: true });
    expect(inputs.profile).toMatchObject({ type: 'choice', options: ['dev', 'pr'] });
    expect(wf.jobs.deploy.environment).toBe('ephemeral');
    expect(wf.env).toMatchObject({ ENVIRONMENT_SUFFIX: '${{ inputs.suffix }}', ENVIRONMENT_PROFILE: '${{ inputs.profile }}' });
    expect(indexOf(wf.jobs.deploy, /LONG_LIVED_SUFFIXES/)).toBeLessThan(indexOf(wf.jobs.deploy, /cdktf deploy/));
    expect(runs(wf.jobs.deploy)).toMatch(/cdktf deploy '\*' --auto-approve --outputs-file/);
  });
});
