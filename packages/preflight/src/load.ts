import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StackDoc, StackJson } from './types';

/**
 * Reads every stack of a cdktf synth output: the stacks named in `manifest.json` (cdktf's own index), or,
 * without a manifest, every `stacks/<name>/cdk.tf.json` — so any cdktf.out works, not only this repo's.
 */
export function loadSynthDir(dir: string): StackDoc[] {
  const manifestPath = join(dir, 'manifest.json');
  const entries: { name: string; path: string }[] = [];
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { stacks?: Record<string, { name?: string; synthesizedStackPath?: string }> };
    for (const [key, stack] of Object.entries(manifest.stacks ?? {})) {
      entries.push({ name: stack.name ?? key, path: join(dir, stack.synthesizedStackPath ?? join('stacks', key, 'cdk.tf.json')) });
    }
  } else {
    const stacksDir = join(dir, 'stacks');
    if (!existsSync(stacksDir)) throw new Error(`${dir}: neither manifest.json nor stacks/ found; is this a cdktf synth output (cdktf.out)?`);
    for (const name of readdirSync(stacksDir).sort()) {
      const path = join(stacksDir, name, 'cdk.tf.json');
      if (statSync(join(stacksDir, name)).isDirectory() && existsSync(path)) entries.push({ name, path });
    }
  }
  return entries.map(({ name, path }) => {
    if (!existsSync(path)) throw new Error(`${path}: listed in manifest.json but missing; synthesize again`);
    return { name, path, json: JSON.parse(readFileSync(path, 'utf8')) as StackJson };
  });
}
