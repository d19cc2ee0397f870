/**
 * The speed figures of the developer loop, each with its budget and its ratio to a floor measured in the
 * same run, so a reader on a loaded or a faster machine sees how close to the limit each one is:
 *
 *   floor: Node.js start-up            `node -e 0`
 *   floor: npm start-up                `npm --version` (what `npm run <script>` pays first)
 *   floor: npx pnpm start-up           `npx -y pnpm@10 --version` (what `npx -y pnpm@10 <script>` pays first)
 *   floor: Terraform + provider once   `terraform providers schema -json` in an initialised root
 *   full-app synth, cold / warm        `node --require ./scripts/register-ts.cjs tap.ts` (= `pnpm synth`), bundle cache empty / full
 *   README command one, warm           `npm run synth` (and, for comparison, `npx -y pnpm@10 synth`)
 *   deploy rehearsal, every profile    `jest --selectProjects rehearsal -- test/rehearsal/app.test.ts` (every
 *                                      stack of every profile, one Terraform root; not the foundation and
 *                                      delivery-script tests beside it)
 *   local environment ready            `npm run local -- --dir <synth>` until it prints "running" (and,
 *                                      for comparison, through `npx -y pnpm@10`)
 *   test command                       `bash scripts/test.sh` (the README's command two), step by step
 *
 * Wall and CPU (user + system of the whole process tree) are both reported: on a shared machine the
 * wall time grows with the others' load, the CPU time much less.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_TS, runMeasured, stat, type Stat } from './measure';

/** Budgets of the developer loop on this kind of 2-core machine (quiet). */
export const SPEED_BUDGETS = {
  synthColdMs: 1500,
  synthWarmMs: 1000,
  readmeSynthMs: 3000,
  rehearsalMs: 60_000,
  localReadyMs: 2000,
  testCommandMs: 150_000,
  coldInitMs: 100,
} as const;

export interface Timing {
  readonly wallMs: Stat;
  readonly cpuMs: Stat;
}

export interface SpeedFigure {
  readonly name: string;
  readonly command: string;
  readonly budgetMs?: number;
  /** Which floor the ratio is taken to. */
  readonly floor?: 'node' | 'npm' | 'npx' | 'terraform';
  readonly timing?: Timing;
  readonly note?: string;
}

export interface StepTiming {
  readonly step: string;
  readonly ok: boolean;
  readonly wallS: number;
  readonly cpuS: number;
}

export interface SpeedReport {
  readonly floors: { readonly node: Timing; readonly npm?: Timing; readonly npx?: Timing; readonly terraform?: Timing };
  readonly figures: SpeedFigure[];
  readonly testSteps?: StepTiming[];
}

const NPX_PNPM = ['-y', 'pnpm@10'];
/** The rehearsal of every stack of every profile (the foundation and delivery-script tests are apart). */
const REHEARSAL_APP_TEST = 'test/rehearsal/app.test.ts';

async function timed(runs: number, run: () => Promise<{ wallMs: number; cpuMs: number }>, label: string): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await run();
    wall.push(r.wallMs);
    cpu.push(r.cpuMs);
    process.stderr.write(`  ${label} run ${i + 1}/${runs}: ${(r.wallMs / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU\n`);
  }
  return { wallMs: stat(wall), cpuMs: stat(cpu) };
}

/** Runs a command to completion; wall and CPU (from /usr/bin/time, the whole waited process tree). */
async function command(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ wallMs: number; cpuMs: number }> {
  const r = await runMeasured(cmd, args, { cwd, env });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stdout.slice(-1200)}${r.stderr.replace(/\s*Command being timed:[\s\S]*$/, '').slice(-600)}`);
  return { wallMs: r.wallMs, cpuMs: r.cpuMs ?? Number.NaN };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU used so far by a process and its descendants (running ones plus the reaped children they counted). */
function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      // utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the command name.
      cpu.set(Number(entry), (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * TICK_MS);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Exited between readdir and read.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Starts a long-running command and measures until a line matching `ready` appears, then stops it. */
function untilReady(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let done = false;
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (done || !ready.test(out)) return;
      done = true;
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuMs = child.pid ? treeCpuMs(child.pid) : Number.NaN;
      // Its whole process group (npx, pnpm, node): the one this bench started.
      if (child.pid) process.kill(-child.pid, 'SIGINT');
      child.on('close', () => resolve({ wallMs, cpuMs }));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done) reject(new Error(`${cmd} ${args.join(' ')} exited (${code}) before it was ready: ${out.slice(-600)}`));
    });
  });
}

/** An initialised Terraform root needing only the AWS provider (for the Terraform floor), or why not. */
function terraformFloorRoot(root: string, env: NodeJS.ProcessEnv): { dir: string; env: NodeJS.ProcessEnv; pluginDir: string } | { skipped: string } {
  let pluginDir = env.TF_PLUGIN_DIR;
  if (!pluginDir) {
    const found = spawnSync('bash', [join(root, 'scripts/find-plugin-dir.sh')], { encoding: 'utf8' });
    pluginDir = found.status === 0 ? found.stdout.trim() : '';
  }
  if (!pluginDir) return { skipped: 'SKIPPED: no provider plugin directory' };
  const dir = mkdtempSync(join(tmpdir(), 'tap-bench-tf-'));
  const rc = join(dir, 'terraform.rc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(pluginDir)}\n  }\n}\n`);
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } } }));
  const tfEnv = { ...env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: tfEnv, encoding: 'utf8' });
  if (init.error || init.status !== 0) return { skipped: `SKIPPED: terraform init failed: ${(init.stderr ?? String(init.error)).slice(0, 200)}` };
  return { dir, env: tfEnv, pluginDir };
}

/** Empties the bundle cache (.build/), keeping the test command's logs and results. */
export function emptyBundleCache(root: string): void {
  const build = join(root, '.build');
  for (const entry of existsSync(build) ? readdirSync(build) : []) {
    if (!/^(test-|jest-)/.test(entry)) rmSync(join(build, entry), { recursive: true, force: true });
  }
}

/** The test command's steps from the status files it leaves in .build/test-logs. */
function testSteps(root: string): StepTiming[] {
  const dir = join(root, '.build/test-logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.status'))
    .map((f) => {
      const [rc, wall, cpu] = readFileSync(join(dir, f), 'utf8').trim().split(/\s+/).map(Number);
      return { step: f.replace(/\.status$/, ''), ok: rc === 0, wallS: wall, cpuS: cpu };
    })
    .sort((a, b) => b.wallS - a.wallS);
}

export interface SpeedOptions {
  readonly runs: number;
  readonly skipRehearsal?: boolean;
  readonly skipTestCommand?: boolean;
}

/** Measures every figure of the developer loop (see the file comment). */
export async function measureSpeed(root: string, options: SpeedOptions): Promise<SpeedReport> {
  const env: NodeJS.ProcessEnv = { ...process.env, ENVIRONMENT_SUFFIX: 'bench', ENVIRONMENT_PROFILE: 'dev', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const runs = options.runs;
  const node = await timed(runs, () => command(process.execPath, ['-e', '0'], root, env), 'floor: node -e 0');
  const npm = await timed(Math.min(runs, 3), () => command('npm', ['--version'], root, env), 'floor: npm --version');
  const npx = await timed(Math.min(runs, 3), () => command('npx', [...NPX_PNPM, '--version'], root, env), 'floor: npx -y pnpm@10 --version');
  const tfRoot = terraformFloorRoot(root, env);
  const terraform = 'dir' in tfRoot ? await timed(Math.min(runs, 3), () => command('terraform', ['providers', 'schema', '-json'], tfRoot.dir, tfRoot.env), 'floor: terraform providers schema -json') : undefined;
  if ('dir' in tfRoot) rmSync(tfRoot.dir, { recursive: true, force: true });

  const figures: SpeedFigure[] = [];
  const outdir = mkdtempSync(join(tmpdir(), 'tap-bench-speed-'));
  const synthEnv = { ...env, CDKTF_OUTDIR: outdir };
  const synth = (): Promise<{ wallMs: number; cpuMs: number }> => command(process.execPath, [...RUN_TS, 'tap.ts'], root, synthEnv);
  figures.push({
    name: 'full-app synth, cold (bundle cache empty)',
    command: 'pnpm synth with .build/ removed',
    budgetMs: SPEED_BUDGETS.synthColdMs,
    floor: 'node',
    timing: await timed(runs, () => (emptyBundleCache(root), synth()), 'synth cold'),
  });
  figures.push({ name: 'full-app synth, warm', command: 'node --require ./scripts/register-ts.cjs tap.ts', budgetMs: SPEED_BUDGETS.synthWarmMs, floor: 'node', timing: await timed(runs, synth, 'synth warm') });
  // The README runs scripts with `npm run`: npm reads package.json and starts the script. npx spends about
  // 2.7 s in this checkout before pnpm starts (it walks the whole pnpm node_modules to see whether pnpm is
  // installed locally), so the same scripts through npx are shown beside them, without a budget.
  figures.push({
    name: 'README command one, warm',
    command: 'npm run synth',
    budgetMs: SPEED_BUDGETS.readmeSynthMs,
    floor: 'npm',
    timing: await timed(Math.min(runs, 3), () => command('npm', ['run', '-s', 'synth'], root, synthEnv), 'npm run synth'),
  });
  figures.push({ name: 'the same through npx', command: 'npx -y pnpm@10 synth', floor: 'npx', timing: await timed(Math.min(runs, 3), () => command('npx', [...NPX_PNPM, 'synth'], root, synthEnv), 'npx pnpm synth') });
  const ready = /running; Ctrl-C to stop/;
  figures.push({
    name: 'local environment ready',
    command: 'npm run local -- --dir <synth>',
    budgetMs: SPEED_BUDGETS.localReadyMs,
    floor: 'npm',
    timing: await timed(Math.min(runs, 3), () => untilReady('npm', ['run', '-s', 'local', '--', '--dir', outdir], root, env, ready), 'local ready'),
  });
  figures.push({ name: 'the same through npx', command: 'npx -y pnpm@10 local --dir <synth>', floor: 'npx', timing: await timed(Math.min(runs, 3), () => untilReady('npx', [...NPX_PNPM, 'local', '--dir', outdir], root, env, ready), 'npx local ready') });
  rmSync(outdir, { recursive: true, force: true });

  const rehearsalCommand = `jest --selectProjects rehearsal -- ${REHEARSAL_APP_TEST}`;
  if (options.skipRehearsal) figures.push({ name: 'deploy rehearsal, every stack of every profile', command: rehearsalCommand, note: 'not run (--skip-rehearsal)' });
  else if (!terraform) figures.push({ name: 'deploy rehearsal, every stack of every profile', command: rehearsalCommand, note: 'SKIPPED: no Terraform or plugin directory' });
  else {
    figures.push({
      name: 'deploy rehearsal, every stack of every profile',
      command: rehearsalCommand,
      budgetMs: SPEED_BUDGETS.rehearsalMs,
      floor: 'terraform',
      // The plugin directory the floor found, passed on: without it every rehearsal test skips in seconds.
      timing: await timed(1, () => command(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'rehearsal', '--silent', '--', REHEARSAL_APP_TEST], root, { ...env, TF_PLUGIN_DIR: 'pluginDir' in tfRoot ? tfRoot.pluginDir : '' }), 'rehearsal'),
    });
  }

  let steps: StepTiming[] | undefined;
  if (options.skipTestCommand) figures.push({ name: 'test command (README command two)', command: 'bash scripts/test.sh', note: 'not run (--skip-test-command)' });
  else {
    figures.push({
      name: 'test command (README command two)',
      command: 'bash scripts/test.sh',
      budgetMs: SPEED_BUDGETS.testCommandMs,
      floor: 'node',
      timing: await timed(1, () => command('bash', ['scripts/test.sh'], root, env), 'test command'),
    });
    steps = testSteps(root);
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  return { floors: { node, ...(npm ? { npm } : {}), ...(npx ? { npx } : {}), ...(terraform ? { terraform } : {}) }, figures, ...(steps ? { testSteps: steps } : {}) };
}

const sec = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);

/** The speed table: figure, wall (median, min-max), CPU, budget and verdict, ratio to its floor. */
export function speedTable(report: SpeedReport, coldInits: readonly { name: string; readyMs: Stat }[], nodeReadyMs?: Stat): string[] {
  const lines: string[] = [];
  const floorOf = (f: SpeedFigure['floor']): Timing | undefined => (f ? report.floors[f] : undefined);
  const row = (cells: string[]): void => void lines.push(`| ${cells.join(' | ')} |`);
  row(['figure', 'wall, median (min-max)', 'CPU, median', 'budget', 'wall / floor']);
  row(['---', '---', '---', '---', '---']);
  const floorRow = (name: string, t?: Timing): void => (t ? row([name, `${sec(t.wallMs.median)} (${sec(t.wallMs.min)}-${sec(t.wallMs.max)})`, sec(t.cpuMs.median), '', '1.0x']) : row([name, 'SKIPPED', '', '', '']));
  floorRow('floor: Node.js start-up (`node -e 0`)', report.floors.node);
  floorRow('floor: `npm --version`', report.floors.npm);
  floorRow('floor: `npx -y pnpm@10 --version`', report.floors.npx);
  floorRow('floor: Terraform + AWS provider loaded once (`providers schema`)', report.floors.terraform);
  for (const f of report.figures) {
    if (!f.timing) {
      row([f.name, f.note ?? '', '', f.budgetMs ? `<= ${sec(f.budgetMs)}` : '', '']);
      continue;
    }
    const floor = floorOf(f.floor);
    const ok = f.budgetMs === undefined ? '' : f.timing.wallMs.median <= f.budgetMs ? 'ok' : 'OVER';
    row([
      f.name,
      `${sec(f.timing.wallMs.median)} (${sec(f.timing.wallMs.min)}-${sec(f.timing.wallMs.max)})`,
      sec(f.timing.cpuMs.median),
      f.budgetMs ? `<= ${sec(f.budgetMs)}: ${ok}` : '',
      floor ? `${(f.timing.wallMs.median / floor.wallMs.median).toFixed(1)}x ${f.floor}` : '',
    ]);
  }
  for (const c of coldInits) {
    const ok = c.readyMs.median <= SPEED_BUDGETS.coldInitMs ? 'ok' : 'OVER';
    row([`cold init p50, ${c.name}`, `${c.readyMs.median.toFixed(0)} ms (${c.readyMs.min.toFixed(0)}-${c.readyMs.max.toFixed(0)})`, '', `<= ${SPEED_BUDGETS.coldInitMs} ms: ${ok}`, nodeReadyMs ? `${(c.readyMs.median / nodeReadyMs.median).toFixed(1)}x node` : '']);
  }
  if (report.testSteps?.length) {
    lines.push('', 'test command, step by step (steps run side by side, so their wall times overlap):', '');
    lines.push('| step | wall | CPU | result |', '| --- | --- | --- | --- |');
    for (const s of report.testSteps) lines.push(`| ${s.step} | ${s.wallS} s | ${s.cpuS} s | ${s.ok ? 'ok' : 'FAILED'} |`);
  }
  return lines;
}
