import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromEnv, type EnvironmentConfig } from '@tap/config';
import { restoreSynth, storeSynth, synthCacheKey } from './cache';
import { REPO_ROOT } from './repo-root';

export interface SynthesizeOptions {
  /**
   * The variables the app reads (ENVIRONMENT_SUFFIX, ENVIRONMENT_PROFILE, ... as packages/config documents),
   * read as tap.ts reads the process environment. Ignored when `config` is given.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** An already resolved config instead of `env` (tests, measurements). @default resolved from `env` */
  readonly config?: EnvironmentConfig;
  /** Where cdktf writes the synth output; a relative path is from the working directory, as cdktf takes it. */
  readonly outdir: string;
  /**
   * A folder of finished synths to reuse: a synth of the same config over the same sources is copied from
   * it instead of built, and a new one is stored in it (see cache.ts). The unit tests' runner sets
   * TAP_SYNTH_CACHE to a folder of its own per run.
   * @default process.env.TAP_SYNTH_CACHE (unset: always build)
   */
  readonly cacheDir?: string;
}

export interface SynthesizedApp {
  readonly config: EnvironmentConfig;
  /** Absolute path of the synth output (`manifest.json`, `stacks/<stack>/cdk.tf.json`). */
  readonly outdir: string;
  /** Ids of the stacks the app has. */
  readonly stacks: readonly string[];
}

/**
 * Synthesizes the whole app in this process: what `pnpm synth` (tap.ts) does and what every tool and test
 * that needs a synth output calls. In-process, because a child `tsx tap.ts` pays a second Node and
 * TypeScript start-up and the bundle hashes this process already holds. A bad environment throws
 * ConfigError (naming the variable and the fix) before anything is written.
 */
export function synthesizeApp(options: SynthesizeOptions): SynthesizedApp {
  const config = options.config ?? configFromEnv(options.env ?? process.env, REPO_ROOT);
  const cacheDir = options.cacheDir ?? process.env.TAP_SYNTH_CACHE;
  const key = cacheDir ? synthCacheKey(config) : undefined;
  const restored = cacheDir && key ? restoreSynth(cacheDir, key, options.outdir) : undefined;
  const outdir = resolve(options.outdir);
  // cdktf creates the output folder but not its parents (`.build/access/dev` in a fresh clone).
  mkdirSync(outdir, { recursive: true });
  const stacks = restored ?? build(config, outdir);
  // What `cdktf synth` does after the app: drop stack folders of stacks the app no longer has.
  const stacksDir = join(outdir, 'stacks');
  for (const dir of existsSync(stacksDir) ? readdirSync(stacksDir) : []) {
    if (!stacks.includes(dir)) rmSync(join(stacksDir, dir), { recursive: true, force: true });
  }
  if (cacheDir && key && !restored) storeSynth(cacheDir, key, outdir, stacks);
  return { config, outdir, stacks };
}

/** Builds the app for `config` and synthesizes it into `outdir`; the ids of its stacks. */
function build(config: EnvironmentConfig, outdir: string): string[] {
  // cdktf records a full stack trace for every token it creates; with source maps on (tsx turns them
  // on) each one is mapped back to TypeScript, a large part of a synth's time. Off while building;
  // back on before any error escapes, so a crash still points at the TypeScript lines.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    // Required here, not at the top: the readers of this package (preflight, local-env, diagram) must not
    // load cdktf, the provider classes and every stack just to read a cdktf.out.
    const { APP_BUNDLES, buildApp } = require('@tap/app') as typeof import('@tap/app');
    const { startBundles } = require('@tap/bundle') as typeof import('@tap/bundle');
    // esbuild builds the bundles the cache lacks while cdktf and the stacks load (buildApp loads them).
    const { app } = buildApp(config, outdir, startBundles(APP_BUNDLES));
    const { TerraformStack } = require('cdktf') as typeof import('cdktf');
    app.synth();
    return app.node.children.filter((c) => TerraformStack.isStack(c)).map((c) => c.node.id);
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
}
