/**
 * `pnpm bench`: synth wall time and peak memory (full app, one stack, and the root-import comparison),
 * unit suite wall time, per-Lambda bundle size and cold init (SDK bundled vs runtime-provided), handler
 * latency against dynalite, idle cost and quota lines. Prints a table and writes
 * bench/results/bench-<date>.json. Budgets are reported, never asserted.
 *
 *   pnpm bench [--runs 5] [--unit-runs 3] [--init-runs 10] [--requests 200] [--skip-unit] [--skip-root]
 *              [--skip-rehearsal] [--skip-test-command] [--only-speed] [--only-handlers]
 *
 * --only-speed: just the developer-loop table (floors, synth cold/warm, README command one, local ready,
 * rehearsal, test command step by step, cold init per function) with budgets and ratios to the floors.
 * --only-handlers: one synth, then just the per-function figures (bundle size, cold init, warm latency
 * against dynalite): what a handler change is judged by, in about a minute.
 */
// Node 20 here (Lambda runs 22): keep the SDK's version notice out of the report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { intOption, MAX_COLUMNS, runCli, wrap, type CommandSpec } from '@tap/cli';
import { PROFILE_NAMES } from '@tap/config';
import { loadOverrides, readSynthesizedApp, runCost, runQuota } from '@tap/quota';
import type { ColdInit } from './lambdas';
import { measureLatency, startStub, type Latency } from './latency';
import { RUN_TS, runMeasured, stat, type RunResult, type Stat } from './measure';
import { MAIN_REQUESTS } from './requests';
import { emptyBundleCache, measureSpeed, SPEED_BUDGETS, speedTable, type SpeedReport } from './speed';
import { REPO_ROOT as ROOT } from '@tap/synth';

const SUFFIX = 'bench';

/** The README's performance budgets on this kind of 2-core machine. */
export const BUDGETS = { synthMedianMs: SPEED_BUDGETS.synthWarmMs, synthColdMedianMs: SPEED_BUDGETS.synthColdMs, synthPeakMb: 400, rootImportSpeedup: 4, coldInitMs: SPEED_BUDGETS.coldInitMs, devIdleUsd: 20 } as const;

const BENCH_COMMAND = {
  name: 'pnpm bench',
  summary: 'Measure synth time and memory, the unit suite, bundle sizes, cold init, handler latency, idle cost and quotas; prints a table and writes bench/results/bench-<date>.json. Takes minutes.',
  options: {
    runs: { type: 'string', value: '<n>', description: 'fresh processes per synth measurement (default 5)' },
    'unit-runs': { type: 'string', value: '<n>', description: 'unit suite runs (default 3)' },
    'init-runs': { type: 'string', value: '<n>', description: 'cold starts per function (default 10)' },
    requests: { type: 'string', value: '<n>', description: 'requests per latency measurement (default 200)' },
    'skip-unit': { type: 'boolean', description: 'do not time the unit suite' },
    'skip-root': { type: 'boolean', description: 'skip the root-import comparison' },
    'skip-rehearsal': { type: 'boolean', description: 'leave the rehearsal out of the developer-loop table' },
    'skip-test-command': { type: 'boolean', description: 'leave the test command out of the developer-loop table' },
    'only-speed': { type: 'boolean', description: 'just the developer-loop table (floors, synth, local ready, rehearsal, test command, cold init)' },
    'only-handlers': { type: 'boolean', description: 'one synth, then only bundle size, cold init and warm latency per function' },
  },
} as const satisfies CommandSpec;

type BenchArgs = { [K in keyof (typeof BENCH_COMMAND)['options']]?: (typeof BENCH_COMMAND)['options'][K]['type'] extends 'boolean' ? boolean : string };

interface SynthFigures {
  readonly wallMs: Stat;
  readonly peakTreeRssMb: Stat;
  readonly maxRssMb?: Stat;
}

async function synthRuns(label: string, entry: string, runs: number, keep?: (outdir: string) => void, cold = false): Promise<SynthFigures> {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    // Cold: no bundle cache, so every handler is bundled and zipped by esbuild in this run.
    if (cold) emptyBundleCache(ROOT);
    const outdir = mkdtempSync(join(tmpdir(), 'tap-bench-'));
    const r = await runMeasured(process.execPath, [...RUN_TS, entry], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, ENVIRONMENT_SUFFIX: SUFFIX, ENVIRONMENT_PROFILE: 'dev' },
    });
    if (r.code !== 0) throw new Error(`${label} failed: ${r.stderr.slice(-800)}`);
    results.push(r);
    if (keep && i === runs - 1) keep(outdir);
    else rmSync(outdir, { recursive: true, force: true });
    process.stderr.write(`  ${label} run ${i + 1}/${runs}: ${(r.wallMs / 1000).toFixed(2)} s, ${r.peakTreeRssMb.toFixed(0)} MB\n`);
  }
  const max = results.map((r) => r.maxRssMb).filter((m): m is number => m !== undefined);
  return { wallMs: stat(results.map((r) => r.wallMs)), peakTreeRssMb: stat(results.map((r) => r.peakTreeRssMb)), ...(max.length > 0 ? { maxRssMb: stat(max) } : {}) };
}

type LambdaFigures =
  | {
      readonly stack: string;
      readonly function: string;
      readonly bundled: { zippedBytes: number; unzippedBytes: number; coldInit: ColdInit };
      readonly externalSdk?: { unzippedBytes: number; coldInit: ColdInit } | { error: string };
    }
  | { readonly stack: string; readonly function: string; readonly error: string };

const s = (st: Stat, unit: string, digits = 0): string => `${st.median.toFixed(digits)} ${unit} (${st.min.toFixed(digits)}-${st.max.toFixed(digits)})`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

async function main({ values: v }: { values: BenchArgs }): Promise<void> {
  const runs = intOption(v.runs, 'runs', { min: 1 }) ?? 5;
  const unitRuns = intOption(v['unit-runs'], 'unit-runs', { min: 1 }) ?? 3;
  const initRuns = intOption(v['init-runs'], 'init-runs', { min: 1 }) ?? 10;
  const requests = intOption(v.requests, 'requests', { min: 1 }) ?? 200;
  const started = new Date();
  const workDir = mkdtempSync(join(tmpdir(), 'tap-bench-work-'));
  process.stderr.write(`bench: ${runs} runs each, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GB\n`);
  const onlyHandlers = v['only-handlers'] === true;
  // The developer loop first (floors, synth, README command one, local ready, rehearsal, test command).
  const speed: SpeedReport | undefined = onlyHandlers ? undefined : await measureSpeed(ROOT, { runs, skipRehearsal: v['skip-rehearsal'] === true, skipTestCommand: v['skip-test-command'] === true });
  if (speed && v['only-speed'] === true) {
    const lambdasOnly = await coldInitsOnly(workDir, initRuns);
    const table = speedTable(speed, lambdasOnly.figures, lambdasOnly.node);
    console.log(`bench ${started.toISOString()} (${cpus().length} CPUs, node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n\n${table.join('\n')}`);
    writeReport(started, { runs, speed, coldInit: lambdasOnly.figures, nodeBootstrap: lambdasOnly.node });
    rmSync(workDir, { recursive: true, force: true });
    return;
  }

  let appOutdir = '';
  if (onlyHandlers) {
    await synthRuns('full-app synth', 'tap.ts', 1, (dir) => (appOutdir = dir));
    const handlers = await handlerFigures(appOutdir, workDir, initRuns, requests);
    const lines = [`bench ${started.toISOString()}  (${cpus().length} CPUs, node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; median (min-max) of ${initRuns} cold starts)`, ...handlerRows(handlers)];
    console.log(lines.join('\n'));
    writeReport(started, { date: started.toISOString(), machine: { cpus: cpus().length, node: process.version }, ...handlers });
    rmSync(workDir, { recursive: true, force: true });
    rmSync(appOutdir, { recursive: true, force: true });
    return;
  }
  if (!speed) return;
  const fullAppCold = await synthRuns('full-app synth, cold', 'tap.ts', runs, undefined, true);
  const fullApp = await synthRuns('full-app synth', 'tap.ts', runs, (dir) => (appOutdir = dir));
  const singleStack = await synthRuns('single-stack synth (vpc)', 'bench/single-stack.ts', runs);
  const rootImport = v['skip-root'] === true ? undefined : await synthRuns('root-import synth', 'bench/root-import.ts', runs);

  let unit: (Stat & { exitCodes: number[] }) | undefined;
  if (v['skip-unit'] !== true) {
    const times: number[] = [];
    const exitCodes: number[] = [];
    for (let i = 0; i < unitRuns; i++) {
      const r = await runMeasured(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'unit', '--silent'], { cwd: ROOT, env: process.env });
      times.push(r.wallMs);
      exitCodes.push(r.code);
      process.stderr.write(`  unit suite run ${i + 1}/${unitRuns}: ${(r.wallMs / 1000).toFixed(1)} s (exit ${r.code})\n`);
    }
    unit = { ...stat(times), exitCodes };
  }

  const { nodeBootstrap, lambdas: lambdaFigures, latency } = await handlerFigures(appOutdir, workDir, initRuns, requests);

  const cost = runCost(PROFILE_NAMES);
  const quota = runQuota(PROFILE_NAMES, loadOverrides(undefined, ROOT).overrides);

  const speedup = rootImport ? rootImport.wallMs.median / fullApp.wallMs.median : undefined;
  const devCost = cost.find((c) => c.profile === 'dev')?.perEnvironment.total ?? 0;
  const budgets = {
    fullSynthMedian: { value: fullApp.wallMs.median, budget: BUDGETS.synthMedianMs, ok: fullApp.wallMs.median <= BUDGETS.synthMedianMs },
    fullSynthPeak: { value: fullApp.peakTreeRssMb.max, budget: BUDGETS.synthPeakMb, ok: fullApp.peakTreeRssMb.max <= BUDGETS.synthPeakMb },
    fullSynthColdMedian: { value: fullAppCold.wallMs.median, budget: BUDGETS.synthColdMedianMs, ok: fullAppCold.wallMs.median <= BUDGETS.synthColdMedianMs },
    fullSynthColdPeak: { value: fullAppCold.peakTreeRssMb.max, budget: BUDGETS.synthPeakMb, ok: fullAppCold.peakTreeRssMb.max <= BUDGETS.synthPeakMb },
    rootImportSpeedup: speedup === undefined ? undefined : { value: speedup, budget: BUDGETS.rootImportSpeedup, ok: speedup >= BUDGETS.rootImportSpeedup },
    coldInit: lambdaFigures.flatMap((l) => ('error' in l ? [] : [l])).map((l) => ({ function: `${l.stack}/${l.function}`, value: l.bundled.coldInit.ready.median, budget: BUDGETS.coldInitMs, ok: l.bundled.coldInit.ready.median <= BUDGETS.coldInitMs })),
    devIdleCost: { value: devCost, budget: BUDGETS.devIdleUsd, ok: devCost <= BUDGETS.devIdleUsd },
  };

  const lines: string[] = [];
  // 100 columns: a budget or note that does not fit goes on its own line under the value.
  const row = (k: string, v: string, b = ''): void => {
    const one = `${k.padEnd(44)} ${v.padEnd(34)} ${b}`.trimEnd();
    if (one.length <= MAX_COLUMNS) lines.push(one);
    else lines.push(`${k.padEnd(44)} ${v}`.trimEnd(), ...(b ? wrap(b, MAX_COLUMNS - 47).map((l) => `${' '.repeat(47)}${l}`) : []));
  };
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'ok' : 'OVER BUDGET');
  lines.push(`bench ${started.toISOString()}  (${cpus().length} CPUs, node ${process.version}; median (min-max) of ${runs} runs)`);
  row('full-app synth, wall (bundle cache warm)', s(fullApp.wallMs, 'ms'), `budget <= ${BUDGETS.synthMedianMs} ms: ${verdict(budgets.fullSynthMedian.ok)}`);
  row('full-app synth, wall (cold: every bundle built)', s(fullAppCold.wallMs, 'ms'), `budget <= ${BUDGETS.synthColdMedianMs} ms: ${verdict(budgets.fullSynthColdMedian.ok)}`);
  row('full-app synth, peak RSS (cold)', s(fullAppCold.peakTreeRssMb, 'MB'), `budget <= ${BUDGETS.synthPeakMb} MB: ${verdict(budgets.fullSynthColdPeak.ok)}`);
  row('full-app synth, peak RSS (process tree)', s(fullApp.peakTreeRssMb, 'MB'), `budget <= ${BUDGETS.synthPeakMb} MB: ${verdict(budgets.fullSynthPeak.ok)}`);
  if (fullApp.maxRssMb) row('full-app synth, max RSS (largest process)', s(fullApp.maxRssMb, 'MB'));
  row('single-stack synth (vpc), wall', s(singleStack.wallMs, 'ms'));
  row('single-stack synth (vpc), peak RSS', s(singleStack.peakTreeRssMb, 'MB'));
  if (rootImport && speedup !== undefined) {
    row('root-import synth (same app), wall', s(rootImport.wallMs, 'ms'));
    row('root-import synth, peak RSS', s(rootImport.peakTreeRssMb, 'MB'));
    row('speed-up of deep imports', `${speedup.toFixed(1)}x`, `budget >= ${BUDGETS.rootImportSpeedup}x: ${verdict(budgets.rootImportSpeedup?.ok)}`);
  }
  if (unit) row('unit suite (jest --selectProjects unit), wall', s(unit, 'ms'), unit.exitCodes.some((c) => c !== 0) ? `(jest exit codes ${unit.exitCodes.join(',')}: some tests failed)` : '');
  lines.push(...handlerRows({ nodeBootstrap, lambdas: lambdaFigures, latency }));
  lines.push('');
  for (const c of cost) lines.push(c.line);
  for (const q of quota) lines.push(q.line);
  console.log(lines.join('\n'));
  const coldInits = lambdaFigures.flatMap((l) => ('error' in l ? [] : [{ name: `${l.stack}/${l.function}`, readyMs: l.bundled.coldInit.ready }]));
  console.log(`\nspeed (load ${loadavg().map((l) => l.toFixed(1)).join(' ')}):\n\n${speedTable(speed, coldInits, nodeBootstrap.ready).join('\n')}`);
  console.log(`\n${cost.map((c) => c.text).join('\n\n')}`);

  const report = {
    date: started.toISOString(),
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    runs,
    synth: { fullApp, fullAppCold, singleStack: { stack: 'vpc', ...singleStack }, rootImport: rootImport ? { method: "require('@cdktf/provider-aws') at the top of a copy of tap.ts's entry (bench/root-import.ts)", ...rootImport } : undefined, speedup },
    unitSuite: unit,
    nodeBootstrap,
    lambdas: lambdaFigures,
    latency,
    cost: cost.map((c) => ({ profile: c.profile, perEnvironment: c.perEnvironment, shared: c.shared, line: c.line })),
    quota: quota.map((q) => ({ profile: q.profile, line: q.line, environments: Number.isFinite(q.result.environments) ? q.result.environments : null, binding: q.result.binding?.id ?? null })),
    budgets,
    speed,
  };
  writeReport(started, report);
  rmSync(workDir, { recursive: true, force: true });
  rmSync(appOutdir, { recursive: true, force: true });
}

interface HandlerFigures {
  readonly nodeBootstrap: ColdInit;
  readonly lambdas: LambdaFigures[];
  readonly latency: { stack: string; function: string; what: string; result?: Latency; note?: string }[];
}

/** Per-function figures of a synthesized app: bundle sizes, cold init (SDK bundled and runtime SDK), warm latency against dynalite. */
async function handlerFigures(appOutdir: string, workDir: string, initRuns: number, requests: number): Promise<HandlerFigures> {
  // Required here, not at the top (as in coldInitsOnly): esbuild and the local emulators are most of this
  // command's start-up, and --help or a bad option (answered before main) must not wait for them.
  const { bundleExternalSdk, coldInit, discoverLambdas, layerModules } = require('./lambdas') as typeof import('./lambdas');
  const { createTables, startTransactionalDynalite } = require('@tap/local-env') as typeof import('@tap/local-env');
  // Lambdas of the full app (dev profile), from its asset zips.
  const stacks = readSynthesizedApp(appOutdir);
  const stub = await startStub();
  const queueUrl = (name: string): string => `http://127.0.0.1:${stub.port}/000000000000/${name}`;
  const lambdas = discoverLambdas(appOutdir, stacks, SUFFIX, ROOT, workDir, queueUrl);
  // Node's own start-up, for reading the cold-init figures: the same probe on an empty module.
  const emptyModule = join(workDir, 'empty.js');
  writeFileSync(emptyModule, 'exports.handler = async () => ({});\n');
  const nodeBootstrap = await coldInit(emptyModule, {}, initRuns);
  const lambdaFigures: LambdaFigures[] = [];
  for (const fn of lambdas) {
    process.stderr.write(`  cold init ${fn.stack}/${fn.baseName}\n`);
    const layers = fn.layerPaths.join(':') || undefined;
    try {
      const bundled = { zippedBytes: fn.zippedBytes, unzippedBytes: fn.unzippedBytes, coldInit: await coldInit(fn.bundlePath, fn.env, initRuns, layers) };
      let externalSdk: { unzippedBytes: number; coldInit: ColdInit } | { error: string } | undefined;
      if (fn.entry) {
        try {
          const out = join(workDir, 'external', fn.stack, fn.baseName, 'index.js');
          const bytes = bundleExternalSdk(fn.entry, out, layerModules(fn.layerPaths));
          // The runtime-provided SDK, stood in for by the workspace's node_modules (same major version).
          const system = fn.entry.split('/lambdas/')[1].split('/')[0];
          const nodePath = [...fn.layerPaths, join(ROOT, 'lambdas', system, 'node_modules'), join(ROOT, 'node_modules')].join(':');
          externalSdk = { unzippedBytes: bytes, coldInit: await coldInit(out, fn.env, initRuns, nodePath) };
        } catch (error) {
          externalSdk = { error: (error as Error).message.slice(0, 300) };
        }
      }
      lambdaFigures.push({ stack: fn.stack, function: fn.baseName, bundled, externalSdk });
    } catch (error) {
      lambdaFigures.push({ stack: fn.stack, function: fn.baseName, error: (error as Error).message.slice(0, 300) });
    }
  }

  // Handler latency of each API's main request, in-process against dynalite.
  const latency: { stack: string; function: string; what: string; result?: Latency; note?: string }[] = [];
  for (const spec of MAIN_REQUESTS) {
    const fn = lambdas.find((l) => l.stack === spec.stack && spec.fn.test(l.baseName));
    if (!fn) {
      latency.push({ stack: spec.stack, function: '-', what: spec.what, note: stacks.some((st) => st.name === spec.stack) ? 'function not found' : 'stack not in the app yet' });
      continue;
    }
    const dyn = await startTransactionalDynalite(); // the payment create's main request is one transaction
    try {
      const stack = stacks.find((st) => st.name === spec.stack);
      await createTables(dyn.port, 'us-east-1', Object.values(stack?.json.resource?.aws_dynamodb_table ?? {}).map((config) => ({ name: String(config.name), config })));
      Object.assign(process.env, fn.env, {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dyn.port}`,
        AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${stub.port}`,
        AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${stub.port}`,
        AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${stub.port}`,
        // Logs off the bench output; the logger still formats at the configured level.
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        // EMF lines off the bench output too (one JSON line per invocation that counted a metric).
        POWERTOOLS_METRICS_DISABLED: 'true',
      });
      if (fn.layerPaths.length > 0) {
        // Layers live on NODE_PATH in Lambda (/opt/nodejs/node_modules); re-read it for this process.
        process.env.NODE_PATH = [...fn.layerPaths, process.env.NODE_PATH ?? ''].filter(Boolean).join(':');
        (require('node:module') as { Module: { _initPaths: () => void } }).Module._initPaths();
      }
      latency.push({ stack: spec.stack, function: fn.baseName, what: spec.what, result: await measureLatency(fn.bundlePath, spec, requests) });
    } catch (error) {
      latency.push({ stack: spec.stack, function: fn.baseName, what: spec.what, note: `failed: ${(error as Error).message.slice(0, 200)}` });
    } finally {
      await dyn.stop();
    }
  }
  await stub.stop();
  return { nodeBootstrap, lambdas: lambdaFigures, latency };
}

/** Table rows of the per-function figures. */
function handlerRows(h: HandlerFigures): string[] {
  const lines: string[] = [];
  const row = (k: string, v: string, b = ''): void => {
    const one = `${k.padEnd(44)} ${v.padEnd(34)} ${b}`.trimEnd();
    if (one.length <= MAX_COLUMNS) lines.push(one);
    else lines.push(`${k.padEnd(44)} ${v}`.trimEnd(), ...(b ? wrap(b, MAX_COLUMNS - 47).map((l) => `${' '.repeat(47)}${l}`) : []));
  };
  const verdict = (ok: boolean): string => (ok ? 'ok' : 'OVER BUDGET');
  const { nodeBootstrap, lambdas: lambdaFigures, latency } = h;
  row('node start-up alone (empty handler module)', s(nodeBootstrap.ready, 'ms'));
  for (const l of lambdaFigures) {
    if ('error' in l) {
      row(`lambda ${l.stack}/${l.function}`, `not measured: ${l.error.split('\n')[0]}`);
      continue;
    }
    row(`lambda ${l.stack}/${l.function}, SDK bundled`, `${kb(l.bundled.zippedBytes)} zip, ${kb(l.bundled.unzippedBytes)} unzipped`);
    row('  cold init, process start to handler ready', s(l.bundled.coldInit.ready, 'ms'), `budget <= ${BUDGETS.coldInitMs} ms: ${verdict(l.bundled.coldInit.ready.median <= BUDGETS.coldInitMs)}`);
    row('  require(bundle) alone', s(l.bundled.coldInit.require, 'ms'));
    if (l.externalSdk && 'coldInit' in l.externalSdk) {
      row(`  @aws-sdk/* external (runtime SDK)`, `${kb(l.externalSdk.unzippedBytes)} unzipped`);
      row('  cold init, process start to handler ready', s(l.externalSdk.coldInit.ready, 'ms'));
    } else if (l.externalSdk) row('  @aws-sdk/* external', l.externalSdk.error);
  }
  for (const l of latency) {
    if (l.result) row(`latency ${l.stack} ${l.what}`, `p50 ${l.result.p50Ms.toFixed(2)} ms, p99 ${l.result.p99Ms.toFixed(2)} ms`, `${l.result.requests} requests, status ${JSON.stringify(l.result.statuses)}`);
    else row(`latency ${l.stack} ${l.what}`, l.note ?? '');
  }
  return lines;
}

function writeReport(started: Date, report: unknown): void {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `bench-${started.toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nbench: wrote ${file}`);
}

/** Cold init of every function of a fresh dev synth (for --only-speed), and Node's own start-up. */
async function coldInitsOnly(workDir: string, initRuns: number): Promise<{ figures: { name: string; readyMs: Stat }[]; node: Stat }> {
  const { coldInit, discoverLambdas } = require('./lambdas') as typeof import('./lambdas');
  const outdir = mkdtempSync(join(tmpdir(), 'tap-bench-'));
  const r = await runMeasured(process.execPath, [...RUN_TS, 'tap.ts'], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, ENVIRONMENT_SUFFIX: SUFFIX, ENVIRONMENT_PROFILE: 'dev' } });
  if (r.code !== 0) throw new Error(`synth failed: ${r.stderr.slice(-800)}`);
  const stub = await startStub();
  try {
    const lambdas = discoverLambdas(outdir, readSynthesizedApp(outdir), SUFFIX, ROOT, workDir, (name) => `http://127.0.0.1:${stub.port}/000000000000/${name}`);
    const emptyModule = join(workDir, 'empty.js');
    writeFileSync(emptyModule, 'exports.handler = async () => ({});\n');
    const node = (await coldInit(emptyModule, {}, initRuns)).ready;
    const figures: { name: string; readyMs: Stat }[] = [];
    for (const fn of lambdas) {
      process.stderr.write(`  cold init ${fn.stack}/${fn.baseName}\n`);
      figures.push({ name: `${fn.stack}/${fn.baseName}`, readyMs: (await coldInit(fn.bundlePath, fn.env, initRuns, fn.layerPaths.join(':') || undefined)).ready });
    }
    return { figures, node };
  } finally {
    await stub.stop();
    rmSync(outdir, { recursive: true, force: true });
  }
}

runCli(BENCH_COMMAND, main);
