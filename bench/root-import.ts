/**
 * The comparison row of `pnpm bench`: the same app, synthesized the way a cdktf user who imports the
 * provider package root does. `require('@cdktf/provider-aws')` at the top loads every AWS resource
 * class, exactly what `import * as aws from '@cdktf/provider-aws'` compiles to; the rest is tap.ts's
 * own synthesizeApp, unchanged.
 */
require('@cdktf/provider-aws');
import { synthesizeApp } from '@tap/synth';

synthesizeApp({ env: process.env, outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
