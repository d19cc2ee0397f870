/**
 * The one App's entry point. Reads the process environment once (nothing else does at synth time) and
 * synthesizes every stack with one validated config (@tap/synth's synthesizeApp, over @tap/app's buildApp).
 *
 *   ENVIRONMENT_SUFFIX=pr4821 ENVIRONMENT_PROFILE=pr npx tsx tap.ts
 *
 * `pnpm synth` runs this file directly; `cdktf synth` (cdktf.json's app) runs the same file through the
 * cdktf CLI, which adds its own start-up and nothing this app needs.
 */
import { ConfigError } from '@tap/config';
import { synthesizeApp } from '@tap/synth';

function main(): void {
  try {
    synthesizeApp({ env: process.env, outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
  } catch (error) {
    if (error instanceof ConfigError) {
      // A clear message naming the field and the fix, not a stack trace.
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

main();
