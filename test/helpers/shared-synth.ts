/**
 * The suffix of the whole-app synths the unit tests share. synthesizeApp reuses one synth per config in a
 * run (packages/synth/src/cache.ts), so every test that needs a synth of a profile, whatever its names, uses
 * this suffix and reads the one another file already built. Kept apart from synth.ts, which loads cdktf:
 * a file whose synths all come from the store never loads it.
 */
export const SHARED_SUFFIX = 'synth-4f2a';
