import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const DIR = join(__dirname, '../../../.github/workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  steps: Step[];
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

function load(name: string): Workflow {
  return parse(readFileSync(join(DIR, name), 'utf8')) as Workflow;
}

const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps);
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');

describe('GitHub Actions workflows', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, 'workflow-schema.json'), 'utf8')) as object);

  it('the three workflows exist', () => {
    expect(files).toEqual(['deploy-environment.yml', 'nightly-sweep.yml', 'pr-environment.yml']);
  });

  it.each(files)('%s parses as YAML and matches the workflow schema', (file) => {
    const wf = load(file);
    const ok = validate(wf);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema rejects what GitHub would reject: a step with both uses and run, an unknown job key, a job without runs-on', () => {
    const base = load('pr-environment.yml');
    const bothUsesAndRun = structuredClone(base);
    bothUsesAndRun.jobs.deploy.steps[0] = { uses: 'actions/checkout@v4', run: 'echo' };
    expect(validate(bothUsesAndRun)).toBe(false);
    const typo = structuredClone(base) as unknown as { jobs: Record<string, Record<string, unknown>> };
    typo.jobs.deploy['runs_on'] = 'ubuntu-latest';
    expect(validate(typo)).toBe(false);
    const noRunner = structuredClone(base) as unknown as { jobs: Record<string, Record<string, unknown>> };
    delete noRunner.jobs.destroy['runs-on'];
    expect(validate(noRunner)).toBe(false);
  });

  it.each(files)('%s: AWS access is OIDC only: id-token write, configure-aws-credentials with a role, no stored keys', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const wf = load(file);
    expect(wf.permissions?.['id-token']).toBe('write');
    expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key|secrets\.AWS/);
    const creds = steps(wf).filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds.length).toBeGreaterThan(0);
    for (const c of creds) expect(c.with?.['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
  });

  it.each(files)('%s: Node 20, pnpm 10 with a frozen lockfile, Terraform 1.11', (file) => {
    const wf = load(file);
    const all = steps(wf);
    expect(all.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    expect(String(all.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))?.with?.terraform_version)).toMatch(/^1\.11\./);
    expect(all.some((s) => s.run === 'npx -y pnpm@10 install --frozen-lockfile')).toBe(true);
  });

  describe('pr-environment.yml', () => {
    const wf = load('pr-environment.yml');

    it('runs on PR open, update, reopen and close, in one concurrency group per PR that is never cancelled', () => {
      expect(wf.on.pull_request).toEqual({ types: ['opened', 'synchronize', 'reopened', 'closed'] });
      expect(wf.concurrency).toEqual({ group: 'pr-env-${{ github.event.pull_request.number }}', 'cancel-in-progress': false });
      expect(wf.permissions).toEqual({ 'id-token': 'write', contents: 'read', 'pull-requests': 'write' });
    });

    it('deploys with suffix pr<number> and the pr profile', () => {
      expect(wf.env?.ENVIRONMENT_SUFFIX).toBe('pr${{ github.event.pull_request.number }}');
      expect(wf.env?.ENVIRONMENT_PROFILE).toBe('pr');
    });

    it('on open/update: synth, preflight, rehearsal, deploy, flatten, integration against AWS, endpoints posted — in that order', () => {
      const deploy = wf.jobs.deploy;
      expect(deploy.if).toBe("github.event.action != 'closed'");
      const order = [/pnpm@10 synth$/, /pnpm@10 preflight$/, /pnpm@10 test:rehearsal$/, /cdktf deploy \$stacks .*--outputs-file cdktf\.out\/outputs\.json/, /outputs:flatten/, /pnpm@10 test:integration$/, /gh pr comment/];
      const indexes = order.map((re) => deploy.steps.findIndex((s) => re.test(s.run ?? '')));
      expect(indexes.every((i) => i >= 0)).toBe(true);
      expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
      expect(deploy.steps.find((s) => /test:integration/.test(s.run ?? ''))?.env).toEqual({ INTEGRATION_TARGET: 'aws' });
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
  });

  it('nightly-sweep.yml: scheduled, finds pr<number> environments whose PR is closed or merged, destroys them with the pr profile', () => {
    const wf = load('nightly-sweep.yml');
    expect(Array.isArray(wf.on.schedule)).toBe(true);
    const text = runs(wf.jobs.sweep);
    expect(text).toMatch(/gh pr view/);
    expect(text).toMatch(/"\$state" = "CLOSED" \] \|\| \[ "\$state" = "MERGED"/);
    expect(text).toMatch(/ENVIRONMENT_SUFFIX="\$suffix" ENVIRONMENT_PROFILE=pr/);
    expect(text).toMatch(/cdktf destroy/);
  });

  it('deploy-environment.yml: manual, suffix + profile choice, production behind the protected environment', () => {
    const wf = load('deploy-environment.yml');
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, { type: string; options?: string[]; required?: boolean }> }).inputs;
    expect(inputs.suffix).toMatchObject({ type: 'string', required: true });
    expect(inputs.profile).toMatchObject({ type: 'choice', options: ['dev', 'pr', 'production'] });
    expect(wf.jobs.deploy.environment).toBe("${{ inputs.profile == 'production' && 'production' || 'ephemeral' }}");
    expect(wf.env).toMatchObject({ ENVIRONMENT_SUFFIX: '${{ inputs.suffix }}', ENVIRONMENT_PROFILE: '${{ inputs.profile }}' });
    expect(runs(wf.jobs.deploy)).toMatch(/cdktf deploy '\*' --auto-approve --outputs-file/);
  });
});
