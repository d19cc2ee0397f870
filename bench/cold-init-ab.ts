/**
 * Cold init of two synthesized apps, interleaved: for each function, run i of the baseline and run i of
 * the candidate alternate, so both see the same machine load (on a shared 2-core machine the load moves
 * more between two sequential benches than a handler change does). Reports wall time and CPU time
 * (user + system of the fresh process, which load changes much less) to `require(bundle).handler` ready.
 *
 *   tsx bench/cold-init-ab.ts <baseline cdktf.out> <candidate cdktf.out> [runs]
 *
 * Both outdirs come from `CDKTF_OUTDIR=<dir> ENVIRONMENT_SUFFIX=bench ENVIRONMENT_PROFILE=dev node --require ./scripts/register-ts.cjs tap.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSynthesizedApp } from '@tap/quota';
import { discoverLambdas, type LambdaInfo } from './lambdas';
import { stat, type Stat } from './measure';

const PROBE = [
  'const m = require(process.argv[1]);',
  "if (typeof m.handler !== 'function') process.exit(2);",
  'const cpu = process.cpuUsage();',
  'process.stdout.write(JSON.stringify({ readyMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }));',
].join('\n');

function once(fn: LambdaInfo): Promise<{ readyMs: number; cpuMs: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', PROBE, fn.bundlePath], {
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...fn.env, ...(fn.layerPaths.length ? { NODE_PATH: fn.layerPaths.join(':') } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out) as { readyMs: number; cpuMs: number }) : fail(new Error(`${fn.baseName}: exit ${code} ${err.slice(0, 300)}`))));
  });
}

async function main(): Promise<void> {
  const [baseDir, candDir, runsArg] = process.argv.slice(2);
  if (!baseDir || !candDir) throw new Error('usage: tsx bench/cold-init-ab.ts <baseline cdktf.out> <candidate cdktf.out> [runs]');
  const runs = Number(runsArg ?? 20);
  const root = resolve(__dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'tap-ab-'));
  const queueUrl = (name: string): string => `http://127.0.0.1:9/000000000000/${name}`;
  const base = discoverLambdas(baseDir, readSynthesizedApp(baseDir), 'bench', root, join(work, 'base'), queueUrl);
  const cand = discoverLambdas(candDir, readSynthesizedApp(candDir), 'bench', root, join(work, 'cand'), queueUrl);
  const fmt = (s: Stat): string => `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})`;
  console.log(`function                           zip KB base -> new   ready ms p50 (min-max) base -> new        CPU ms p50 base -> new`);
  for (const b of base) {
    const c = cand.find((x) => x.stack === b.stack && x.baseName === b.baseName);
    if (!c) continue;
    const series = { b: { ready: [] as number[], cpu: [] as number[] }, c: { ready: [] as number[], cpu: [] as number[] } };
    for (let i = 0; i < runs; i++) {
      const rb = await once(b);
      const rc = await once(c);
      series.b.ready.push(rb.readyMs);
      series.b.cpu.push(rb.cpuMs);
      series.c.ready.push(rc.readyMs);
      series.c.cpu.push(rc.cpuMs);
    }
    console.log(
      `${`${b.stack}/${b.baseName}`.padEnd(34)} ${(b.zippedBytes / 1024).toFixed(0).padStart(4)} -> ${(c.zippedBytes / 1024).toFixed(0).padEnd(10)} ${fmt(stat(series.b.ready)).padStart(14)} -> ${fmt(stat(series.c.ready)).padEnd(18)} ${stat(series.b.cpu).median.toFixed(0).padStart(4)} -> ${stat(series.c.cpu).median.toFixed(0)}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
}

void main();
