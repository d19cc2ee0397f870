/**
 * The saved-plan delivery scripts with a real Terraform (scripts/delivery/plan.sh and apply.sh, what the
 * delivery workflow runs): plans are saved per stack with a manifest; apply applies exactly those plans;
 * a stale plan, a plan for another commit or environment, and a modified plan file are all refused.
 * Uses Terraform's built-in terraform_data resource and local state, so no provider or AWS is needed.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@tap/delivery';
import { rehearsalRoot } from './helpers';
import { REPO_ROOT as REPO } from '@tap/synth';

// Only the Terraform CLI is needed here (terraform_data is built in): no provider plugin directory.
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
const maybe = terraform.status === 0 ? it : it.skip;
if (terraform.status !== 0) process.stderr.write('\nDELIVERY SCRIPTS SKIPPED: no terraform binary on PATH\n');

interface Run {
  readonly code: number | null;
  readonly output: string;
}

describe('delivery: saved plans applied exactly, stale plans refused (real Terraform, terraform_data)', () => {
  const root = rehearsalRoot('delivery');
  const synth = join(root, 'cdktf.out');
  const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ENVIRONMENT_SUFFIX: 'prod', ENVIRONMENT_PROFILE: 'production', GITHUB_SHA: 'a'.repeat(40) };
  const script = (name: string, args: string[], extra: Record<string, string> = {}, dir = synth): Run => {
    const r = spawnSync('bash', [join(REPO, 'scripts/delivery', name), ...args], { cwd: root, env: { ...env, SYNTH_DIR: dir, ...extra }, encoding: 'utf8' });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  };
  const writeStack = (stack: string, input: string | undefined): void => {
    mkdirSync(join(synth, 'stacks', stack), { recursive: true });
    const resource = input === undefined ? {} : { resource: { terraform_data: { table: { input } } }, output: { tableInput: { value: '${terraform_data.table.output}' } } };
    writeFileSync(join(synth, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { local: { path: join(root, 'state', `${stack}.tfstate`) } } }, ...resource }));
  };
  const manifest = (dir = synth): { sha: string; stacks: string[]; changed: string[]; files: Record<string, string> } => JSON.parse(readFileSync(join(dir, 'plan-manifest.json'), 'utf8'));

  maybe('plan.sh saves one plan per stack with a manifest; apply.sh applies them and writes the outputs', () => {
    writeStack('demo', 'v1');
    writeStack('quiet', undefined);
    const plan = script('plan.sh', ['demo', 'quiet']);
    expect(plan).toMatchObject({ code: 0, output: expect.stringContaining('plan.sh: 2 plans for prod (production) at aaaaaaaaaaaa; changed: demo') });
    expect(manifest()).toMatchObject({ sha: 'a'.repeat(40), stacks: ['demo', 'quiet'], changed: ['demo'], files: { 'demo/plan.tfplan': expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // the real `terraform show -json` output is what plan-summary reads
    expect(runCli([join(synth, 'stacks/demo/plan.json')]).stdout).toContain('demo: 1 to add, 0 to change, 0 to destroy, 0 to replace');
    const apply = script('apply.sh', []);
    expect(apply.code).toBe(0);
    expect(apply.output).toContain('apply.sh: quiet: no changes in its plan, not applied');
    expect(JSON.parse(readFileSync(join(synth, 'outputs.json'), 'utf8'))).toEqual({ demo: { tableInput: 'v1' }, quiet: {} });
  });

  maybe('a plan made before someone else applied is stale: Terraform refuses it and nothing changes', () => {
    writeStack('demo', 'v2');
    expect(script('plan.sh', ['demo', 'quiet']).code).toBe(0);
    const reviewed = join(root, 'reviewed');
    cpSync(synth, reviewed, { recursive: true });
    // meanwhile another run plans and applies v3
    writeStack('demo', 'v3');
    expect(script('plan.sh', ['demo', 'quiet']).code).toBe(0);
    expect(script('apply.sh', []).code).toBe(0);
    const stale = script('apply.sh', [], {}, reviewed);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toContain('Saved plan is stale');
    expect(JSON.parse(readFileSync(join(synth, 'outputs.json'), 'utf8')).demo).toEqual({ tableInput: 'v3' });
  });

  maybe('plans for another commit or environment, or a modified plan file, are refused before Terraform runs', () => {
    writeStack('demo', 'v4');
    expect(script('plan.sh', ['demo']).code).toBe(0);
    expect(script('apply.sh', [], { GITHUB_SHA: 'b'.repeat(40) })).toMatchObject({ code: 1, output: expect.stringContaining(`REFUSED: the plans were made for commit ${'a'.repeat(40)}, this run delivers ${'b'.repeat(40)}`) });
    expect(script('apply.sh', [], { ENVIRONMENT_SUFFIX: 'staging' })).toMatchObject({ code: 1, output: expect.stringContaining('REFUSED: the plans are for suffix prod, this environment is staging') });
    expect(script('apply.sh', [], { ENVIRONMENT_PROFILE: 'dev' })).toMatchObject({ code: 1, output: expect.stringContaining('REFUSED: the plans are for profile production') });
    appendFileSync(join(synth, 'stacks/demo/plan.tfplan'), 'x');
    expect(script('apply.sh', [])).toMatchObject({ code: 1, output: expect.stringContaining('REFUSED: demo/plan.tfplan is not the plan that was reviewed') });
  });

  maybe('--detailed-exitcode (the nightly drift check): 0 when nothing differs, 2 when something does', () => {
    writeStack('demo', 'v3');
    expect(script('plan.sh', ['--detailed-exitcode', 'demo']).code).toBe(0);
    writeStack('demo', 'v5');
    expect(script('plan.sh', ['--detailed-exitcode', 'demo']).code).toBe(2);
  });

  it('bad invocations are rejected with a message (no Terraform needed)', () => {
    expect(script('plan.sh', [])).toMatchObject({ code: 64, output: expect.stringContaining('name the stacks to plan') });
    expect(script('plan.sh', ['--force', 'demo'])).toMatchObject({ code: 64, output: expect.stringContaining('unknown option --force') });
    expect(script('apply.sh', [], {}, join(root, 'nowhere'))).toMatchObject({ code: 1, output: expect.stringContaining('plan-manifest.json not found') });
  });
});
