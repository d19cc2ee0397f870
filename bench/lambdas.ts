import { readZipEntries } from '@tap/local-env';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import type { SynthesizedStack } from '@tap/quota';
import { stat, type Stat } from './measure';

/** A Lambda function found in the synthesized JSON, with its packaged bundle. */
export interface LambdaInfo {
  readonly stack: string;
  readonly logicalId: string;
  /** Function name without the `-<suffix>`, e.g. `rest-api-items`. */
  readonly baseName: string;
  readonly zipPath: string;
  /** Bundle extracted from the asset zip (exactly what Lambda runs). */
  readonly bundlePath: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
  /** Environment variables with Terraform references replaced by local values. */
  readonly env: Readonly<Record<string, string>>;
  /** The TypeScript entry, when found under lambdas/<system>/src/<fn>/handler.ts. */
  readonly entry?: string;
  /** `nodejs/node_modules` folders of the function's layers, extracted (Lambda puts them on NODE_PATH). */
  readonly layerPaths: readonly string[];
}

/** Module names a layer folder provides (`name` or `@scope/name`). */
export function layerModules(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    existsSync(p) ? readdirSync(p).flatMap((name) => (name.startsWith('@') ? readdirSync(join(p, name)).map((inner) => `${name}/${inner}`) : [name])) : [],
  );
}

/** Extracts the layers a function references (`${aws_lambda_layer_version.x.arn}`) and returns their module folders. */
function extractLayers(outdir: string, stack: string, body: Record<string, unknown>, resources: Json, workDir: string): string[] {
  const paths: string[] = [];
  for (const ref of Array.isArray(body.layers) ? body.layers : []) {
    const m = /^\$\{aws_lambda_layer_version\.([A-Za-z0-9_-]+)\.arn\}$/.exec(String(ref));
    const layer = m ? resources.aws_lambda_layer_version?.[m[1]] : undefined;
    if (!m || !layer || typeof layer.filename !== 'string') continue;
    const dir = join(workDir, 'layers', stack, m[1]);
    for (const file of readZip(join(outdir, 'stacks', stack, layer.filename))) {
      if (file.name.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, file.name)), { recursive: true });
      writeFileSync(join(dir, file.name), file.data);
    }
    paths.push(join(dir, 'nodejs', 'node_modules'));
  }
  return paths;
}

/** The files of an asset zip (the local environment's reader). */
export const readZip = readZipEntries;

type Json = Record<string, Record<string, Record<string, unknown>>>;

/** Replaces `${aws_dynamodb_table.x.name}`-style references with what a local run needs. */
export function resolveEnv(vars: Record<string, unknown>, resources: Json, local: { queueUrl: (name: string) => string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    const text = String(value);
    const m = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(text);
    if (!m) {
      out[key] = text.includes('${') ? 'bench-placeholder' : text;
      continue;
    }
    const [, type, id, attr] = m;
    const body = resources[type]?.[id] ?? {};
    const name = String(body.name ?? body.function_name ?? id);
    if (type === 'aws_sqs_queue' && (attr === 'url' || attr === 'id')) out[key] = local.queueUrl(name);
    else if (attr === 'name' || attr === 'id') out[key] = name;
    else if (attr === 'arn') out[key] = `arn:aws:${type.replace(/^aws_/, '').split('_')[0]}:us-east-1:000000000000:${name}`;
    else out[key] = 'bench-placeholder';
  }
  return out;
}

function findEntry(repoRoot: string, stack: string, baseName: string): string | undefined {
  const root = join(repoRoot, 'lambdas');
  const candidates: { system: string; fn: string; file: string }[] = [];
  for (const system of existsSync(root) ? readdirSync(root) : []) {
    const src = join(root, system, 'src');
    if (!existsSync(src)) continue;
    for (const fn of readdirSync(src)) {
      const file = join(src, fn, 'handler.ts');
      if (existsSync(file)) candidates.push({ system, fn, file });
    }
  }
  // Folder names do not follow the function names (create-payment serves payment-api-create), so an
  // entry matches when every token of its folder prefix-matches a token of the function's base name.
  const tokens = baseName.split('-');
  const matches = candidates.filter((c) => c.fn.split('-').every((t) => tokens.some((b) => b.startsWith(t) || t.startsWith(b))));
  const own = matches.filter((c) => c.system === stack);
  const pick = own.length > 0 ? own : matches;
  return pick.length === 1 ? pick[0].file : undefined;
}

/** Every function of the synthesized app with its bundle sizes (zipped asset and unzipped content). */
export function discoverLambdas(outdir: string, stacks: readonly SynthesizedStack[], suffix: string, repoRoot: string, workDir: string, queueUrl: (name: string) => string): LambdaInfo[] {
  const out: LambdaInfo[] = [];
  for (const s of stacks) {
    const resources = (s.json.resource ?? {}) as Json;
    for (const [logicalId, body] of Object.entries(resources.aws_lambda_function ?? {})) {
      if (typeof body.filename !== 'string') continue;
      const zipPath = join(outdir, 'stacks', s.name, body.filename);
      const files = readZip(zipPath);
      const baseName = String(body.function_name ?? logicalId).replace(new RegExp(`-${suffix}$`), '');
      const bundlePath = join(workDir, 'bundled', s.name, baseName, 'index.js');
      mkdirSync(dirname(bundlePath), { recursive: true });
      const index = files.find((f) => f.name === 'index.js') ?? files[0];
      writeFileSync(bundlePath, index.data);
      const vars = ((body.environment as { variables?: Record<string, unknown> } | undefined)?.variables ?? {}) as Record<string, unknown>;
      out.push({
        stack: s.name,
        logicalId,
        baseName,
        zipPath,
        bundlePath,
        zippedBytes: statSync(zipPath).size,
        unzippedBytes: files.reduce((sum, f) => sum + f.data.length, 0),
        env: resolveEnv(vars, resources, { queueUrl }),
        entry: findEntry(repoRoot, s.name, baseName),
        layerPaths: extractLayers(outdir, s.name, body, resources, workDir),
      });
    }
  }
  return out;
}

/** Bundles an entry like NodejsFunction does, but with `@aws-sdk/*` left to the runtime. */
export function bundleExternalSdk(entry: string, outfile: string, layerModules: readonly string[] = []): number {
  mkdirSync(dirname(outfile), { recursive: true });
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // Modules a layer provides stay external too, as in the deployed function.
    external: ['@aws-sdk/*', ...layerModules],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

const PROBE = [
  'const t0 = performance.now();',
  'const m = require(process.argv[1]);',
  'const t1 = performance.now();',
  "if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(2); }",
  'process.stdout.write(JSON.stringify({ requireMs: t1 - t0, readyMs: t1 }));',
].join('\n');

export interface ColdInit {
  /** Process start to handler exported (performance.now() at ready). */
  readonly ready: Stat;
  /** The require() of the bundle alone. */
  readonly require: Stat;
}

/** Cold init: a fresh node process per run, from process start to `require(bundle).handler` ready. */
export async function coldInit(bundle: string, env: Record<string, string>, runs: number, nodePath?: string): Promise<ColdInit> {
  const ready: number[] = [];
  const req: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', PROBE, bundle], {
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          // Lambda runs nodejs22.x, where the SDK has no Node.js version notice; on this Node 20 machine
          // every client constructed at init would print one (a stderr write and a process warning,
          // 30-100 ms), which a deployed function never pays.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ...env,
          ...(nodePath ? { NODE_PATH: nodePath } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`cold init of ${bundle} failed (${code}): ${err.slice(0, 400)}`))));
    });
    const parsed = JSON.parse(result) as { requireMs: number; readyMs: number };
    ready.push(parsed.readyMs);
    req.push(parsed.requireMs);
  }
  return { ready: stat(ready), require: stat(req) };
}
