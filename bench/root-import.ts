/**
 * The comparison row of `pnpm bench`: the same app, synthesized the way a cdktf user who imports the
 * provider package root does. `require('@cdktf/provider-aws')` at the top loads every AWS resource
 * class, exactly what `import * as aws from '@cdktf/provider-aws'` compiles to; the rest is tap.ts's
 * own buildApp, unchanged.
 */
require('@cdktf/provider-aws');
import { resolve } from 'node:path';
import { configFromEnv } from '@tap/config';
import { buildApp } from '../tap';

buildApp(configFromEnv(process.env, resolve(__dirname, '..')), process.env.CDKTF_OUTDIR ?? 'cdktf.out').app.synth();
