/**
 * Single-stack synth for `pnpm bench`: the VPC stack alone (the one stack every profile has), built
 * with the same config resolution as tap.ts, in a fresh process.
 */
import { App } from 'cdktf';
import { configFromEnv } from '@tap/config';
import { VpcStack } from '@tap/stack-vpc';
import { REPO_ROOT } from '@tap/synth';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
new VpcStack(app, 'vpc', { config: configFromEnv(process.env, REPO_ROOT) });
app.synth();
