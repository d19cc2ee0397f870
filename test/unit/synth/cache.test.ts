import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentConfig } from '@tap/config';
import { loadSynthDir, restoreSynth, storeSynth, synthCacheKey, synthesizeApp } from '@tap/synth';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';

// The store synthesizeApp reuses whole-app synths from (packages/synth/src/cache.ts).
const config = getEnvironmentConfig({ suffix: SHARED_SUFFIX, profile: 'dev' });
const temp = (name: string) => mkdtempSync(join(tmpdir(), `synth-cache-${name}-`));

describe('the whole-app synth store', () => {
  it('keys a synth by its whole config: the same config gives the same key, any other setting another', () => {
    const key = synthCacheKey(config);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(synthCacheKey(getEnvironmentConfig({ suffix: SHARED_SUFFIX, profile: 'dev' }))).toBe(key);
    expect(synthCacheKey(getEnvironmentConfig({ suffix: 'other-synth', profile: 'dev' }))).not.toBe(key);
    expect(synthCacheKey(getEnvironmentConfig({ suffix: SHARED_SUFFIX, profile: 'dev', alertEmail: 'ops@example.com' }))).not.toBe(key);
    expect(synthCacheKey(getEnvironmentConfig({ suffix: SHARED_SUFFIX, profile: 'production' }))).not.toBe(key);
  });

  it('gives no key for a config holding anything but plain data (it could not tell two such configs apart)', () => {
    expect(synthCacheKey({ ...config, network: new Map() } as unknown as EnvironmentConfig)).toBeUndefined();
    expect(synthCacheKey({ ...config, logs: { retentionDays: Number.NaN } })).toBeUndefined();
  });

  it('a synth of a stored config is the stored one, copied into the outdir; stale stack folders there are dropped', () => {
    const built = temp('built');
    const { stacks } = synthesizeApp({ config, outdir: built });
    const store = temp('store');
    const key = synthCacheKey(config) ?? '';
    storeSynth(store, key, built, stacks);
    // A marker only the stored copy has: the next synth must come from the store, not from a build.
    writeFileSync(join(store, key, 'out', 'stacks', 'vpc', 'from-store'), '');
    const outdir = temp('restored');
    mkdirSync(join(outdir, 'stacks', 'gone-stack'), { recursive: true });
    const restored = synthesizeApp({ config, outdir, cacheDir: store });
    expect(restored.stacks).toEqual(stacks);
    expect(existsSync(join(outdir, 'stacks', 'vpc', 'from-store'))).toBe(true);
    expect(existsSync(join(outdir, 'stacks', 'gone-stack'))).toBe(false);
    expect(loadSynthDir(outdir)).toEqual(loadSynthDir(built).map((s) => ({ ...s, path: s.path.replace(built, outdir) })));
  });

  it('stores a key once, whole or not at all: a second store of the key leaves the first, an empty store restores nothing', () => {
    const built = temp('built');
    const { stacks } = synthesizeApp({ config, outdir: built });
    const store = temp('store');
    const key = synthCacheKey(config) ?? '';
    expect(restoreSynth(store, key, temp('none'))).toBeUndefined();
    storeSynth(store, key, built, stacks);
    storeSynth(store, key, built, stacks);
    expect(readdirSync(store)).toEqual([key]);
    expect(restoreSynth(store, key, temp('again'))).toEqual(stacks);
  });
});
