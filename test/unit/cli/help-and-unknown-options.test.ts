import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT as ROOT } from '@tap/synth';

/** tsx's loader by its path: the CLIs run from an empty folder, where `--require tsx/cjs` would not resolve. */
const TSX_LOADER = require.resolve('tsx/cjs');
const TSX_CACHE_NAME = `tsx-${process.getuid?.() ?? 0}`;
const TSX_CACHE = join(tmpdir(), TSX_CACHE_NAME);
mkdirSync(TSX_CACHE, { recursive: true });

/** Every project CLI, by its pnpm script, and the file the script runs (package.json is checked below). */
const CLIS: Record<string, string> = {
  local: 'packages/local-env/src/cli.ts',
  'local:docs': 'packages/local-env/src/docs-cli.ts',
  preflight: 'packages/preflight/src/cli.ts',
  quota: 'packages/quota/src/cli.ts',
  capacity: 'packages/capacity/src/cli.ts',
  cost: 'packages/quota/src/cost/cli.ts',
  bench: 'bench/run.ts',
  load: 'scripts/load/cli.ts',
  'outputs:flatten': 'scripts/flatten-outputs.ts',
  diagram: 'scripts/diagram.ts',
  validators: 'scripts/validators.ts',
  'terraform:config': 'scripts/terraform-cli-config.ts',
};

/**
 * The packages a run may load from node_modules: tsx's loader itself. A CLI parses its options before it
 * loads its implementation (the AWS SDK, cdktf, the IAM simulator, ...), so --help and a bad option cost
 * a Node start and the parser; a package in this list's place means a top-level import crept back in.
 */
const LOADER_PACKAGES = ['tsx', 'esbuild'];
const RECORD_MODULES = join(__dirname, 'record-modules.js');

/** The packages from node_modules among the loaded files, by name. */
function packagesOf(files: readonly string[]): string[] {
  const names = files.map((f) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)].sort();
}

/** What the CLIs write when they run: none of it may appear or change on --help or a bad option. */
const WRITTEN = ['cfn-outputs', 'cdktf.out', '.local', 'bench/results', '.build/terraform', 'docs/quotas.md', 'docs/architecture', 'lambdas/payment-api/src/schema/create-payment.validator.generated.js'];

function snapshot(): Record<string, number | null> {
  return Object.fromEntries(WRITTEN.map((p) => [p, existsSync(join(ROOT, p)) ? statSync(join(ROOT, p)).mtimeMs : null]));
}

function run(file: string, args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'cli-cwd-'));
  const tmp = mkdtempSync(join(tmpdir(), 'cli-tmp-'));
  // tsx keeps its compile cache in the temp folder (tsx-<uid>): the runner's, not the CLI's. Linked to the
  // shared one, so each run reuses what the others compiled instead of compiling every module again.
  symlinkSync(TSX_CACHE, join(tmp, TSX_CACHE_NAME));
  // Node with tsx's loader, as the test command runs the CLIs: the tsx CLI would start a second Node
  // process for every run to parse the same command line.
  // File descriptor 3: the list of loaded modules (record-modules.js).
  const result = spawnSync(process.execPath, ['--require', TSX_LOADER, '--require', RECORD_MODULES, join(ROOT, file), ...args], { cwd, encoding: 'utf8', timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
  const loaded = JSON.parse(String(result.output[3] || '[]')) as string[];
  return { ...result, packages: packagesOf(loaded), created: [...readdirSync(cwd), ...readdirSync(tmp).filter((f) => !/^tsx-\d+$/.test(f))] };
}

describe('every project CLI answers --help and rejects unknown options', () => {
  const scripts = (require(join(ROOT, 'package.json')) as { scripts: Record<string, string> }).scripts;

  it.each(Object.entries(CLIS))('the %s script runs %s', (script, file) => {
    expect(scripts[script]).toContain(file);
  });

  it.each(Object.entries(CLIS))('%s --help exits 0, lists its options, creates no file, loads only the parser', (_script, file) => {
    const before = snapshot();
    const r = run(file, ['--help']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: pnpm /);
    expect(r.stdout).toContain('-h, --help');
    expect(r.created).toEqual([]);
    expect(snapshot()).toEqual(before);
    expect(r.packages.filter((p) => !LOADER_PACKAGES.includes(p))).toEqual([]);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it.each(Object.entries(CLIS))('%s --no-such-option exits non-zero naming the option, loads only the parser', (_script, file) => {
    const before = snapshot();
    const r = run(file, ['--no-such-option']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown option '--no-such-option'");
    expect(r.created).toEqual([]);
    expect(snapshot()).toEqual(before);
    expect(r.packages.filter((p) => !LOADER_PACKAGES.includes(p))).toEqual([]);
  });
});
