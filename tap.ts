/**
 * The one App. Reads the process environment once (nothing else does at synth time), resolves one
 * validated EnvironmentConfig, instantiates every stack with it, and synthesizes.
 *
 *   ENVIRONMENT_SUFFIX=pr4821 ENVIRONMENT_PROFILE=pr npx tsx tap.ts
 *
 * `pnpm synth` runs this file directly; `cdktf synth` (cdktf.json's app) runs the same file through the
 * cdktf CLI, which adds its own start-up and nothing this app needs.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ConfigError, configFromEnv, type EnvironmentConfig } from '@tap/config';
import { withBatchedBundles } from '@tap/constructs';
import { VpcStack } from '@tap/stack-vpc';
import { PaymentApiStack } from '@tap/stack-payment-api';
import { EventPipelineStack } from '@tap/stack-event-pipeline';
import { RestApiStack } from '@tap/stack-rest-api';

export interface BuiltApp {
  readonly app: App;
  readonly config: EnvironmentConfig;
}

/** Builds every stack for a config. Tests, bench and the local environment call this too. */
export function buildApp(config: EnvironmentConfig, outdir = 'cdktf.out'): BuiltApp {
  // Bundles the cache lacks are all built in one esbuild run (the app is then constructed again).
  return withBatchedBundles(() => constructApp(config, outdir));
}

function constructApp(config: EnvironmentConfig, outdir: string): BuiltApp {
  const app = new App({ outdir });
  // Each stack owns one marker line below; stacks are added in dependency order.
  const vpc = new VpcStack(app, 'vpc', { config });
  const paymentApi = new PaymentApiStack(app, 'payment-api', { config });
  // Its functions attach to the network the VPC stack creates in `own` mode (found by tag at plan time).
  if (config.network.mode === 'own') paymentApi.addDependency(vpc);
  const restApi = new RestApiStack(app, 'rest-api', { config });
  const eventPipeline = new EventPipelineStack(app, 'event-pipeline', { config });
  // The account's API Gateway CloudWatch role (created by the event pipeline when account singletons are
  // on) must be set before any stage that logs is created, so every API stack deploys after it.
  if (config.accountSingletons) for (const api of [paymentApi, restApi]) api.addDependency(eventPipeline);
  return { app, config };
}

function main(): void {
  let config: EnvironmentConfig;
  try {
    config = configFromEnv(process.env, __dirname);
  } catch (error) {
    if (error instanceof ConfigError) {
      // A clear message naming the field and the fix, not a stack trace.
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  // cdktf records a full stack trace for every token it creates; with source maps on (tsx turns them
  // on) each one is mapped back to TypeScript, a large part of a synth's time. Off while building;
  // back on before any error escapes, so a crash still points at the TypeScript lines.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  let app: App;
  try {
    app = buildApp(config, outdir).app;
    app.synth();
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
  // What `cdktf synth` does after the app: drop stack folders of stacks the app no longer has.
  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack).map((s) => s.node.id);
  const stacksDir = join(outdir, 'stacks');
  for (const dir of existsSync(stacksDir) ? readdirSync(stacksDir) : []) {
    if (!stacks.includes(dir)) rmSync(join(stacksDir, dir), { recursive: true, force: true });
  }
}

if (require.main === module) main();
