/**
 * The one App. Reads the process environment once (nothing else does at synth time), resolves one
 * validated EnvironmentConfig, instantiates every stack with it, and synthesizes.
 *
 *   ENVIRONMENT_SUFFIX=pr4821 ENVIRONMENT_PROFILE=pr npx tsx tap.ts
 */
import { App } from 'cdktf';
import { ConfigError, configFromEnv, type EnvironmentConfig } from '@tap/config';
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
  buildApp(config, outdir).app.synth();
}

if (require.main === module) main();
