/**
 * The one App. Reads the process environment once (nothing else does at synth time), resolves one
 * validated EnvironmentConfig, instantiates every stack with it, and synthesizes.
 *
 *   ENVIRONMENT_SUFFIX=pr4821 ENVIRONMENT_PROFILE=pr npx tsx tap.ts
 */
import { App } from 'cdktf';
import { ConfigError, configFromEnv, type EnvironmentConfig } from '@tap/config';
import { VpcStack } from '@tap/stack-vpc';

export interface BuiltApp {
  readonly app: App;
  readonly config: EnvironmentConfig;
}

/** Builds every stack for a config. Tests, bench and the local environment call this too. */
export function buildApp(config: EnvironmentConfig, outdir = 'cdktf.out'): BuiltApp {
  const app = new App({ outdir });
  // Each stack owns one marker line below; stacks are added in dependency order.
  new VpcStack(app, 'vpc', { config });
  // [payment-api]
  // [rest-api]
  // [event-pipeline]
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
