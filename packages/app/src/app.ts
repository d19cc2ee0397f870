import type { App } from 'cdktf';
import type { EnvironmentConfig } from '@tap/config';
import { settleBundles, withBatchedBundles, type BundleBatch } from '@tap/bundle';

export interface BuiltApp {
  readonly app: App;
  readonly config: EnvironmentConfig;
}

/**
 * Builds every stack for a config. synthesizeApp (@tap/synth) and the tests call this.
 *
 * cdktf, the provider classes and the stacks load here, when the app is built, not when this package is
 * imported: synth first starts esbuild on the app's declared bundles (APP_BUNDLES, `startBundles` of
 * @tap/bundle) and passes the batch, so the bundles build while these modules load, and the app is then
 * constructed once. Without a batch, the bundles the cache lacks are found by a first construction and
 * built in one esbuild run before a second one.
 */
export function buildApp(config: EnvironmentConfig, outdir = 'cdktf.out', batch?: BundleBatch): BuiltApp {
  let construct: typeof import('./construct').constructApp;
  try {
    construct = (require('./construct') as typeof import('./construct')).constructApp;
  } catch (error) {
    // Nothing half-built is left in .build when the stacks fail to load.
    if (batch) settleBundles(batch);
    throw error;
  }
  return withBatchedBundles(() => ({ app: construct(config, outdir), config }), batch);
}
