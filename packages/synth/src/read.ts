import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Manifest, StackDoc, StackJson } from './types';

/**
 * Reads every stack of a cdktf synth output: the stacks named in `manifest.json` (cdktf's own index), or,
 * without a manifest, every `stacks/<name>/cdk.tf.json` — so any cdktf.out works, not only this repo's.
 */
export function loadSynthDir(dir: string): StackDoc[] {
  const manifestPath = join(dir, 'manifest.json');
  const entries: { name: string; path: string }[] = [];
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
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

/** A synthesized stack's JSON, read from its folder (`cdktf.out/stacks/<stack>`). */
export function readStack(stackDir: string): StackJson {
  return JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** Stack → the stacks it depends on, from cdktf's `manifest.json` (empty without one). */
export function stackDependencies(dir: string): Map<string, string[]> {
  const path = join(dir, 'manifest.json');
  const out = new Map<string, string[]>();
  if (!existsSync(path)) return out;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  for (const [key, stack] of Object.entries(manifest.stacks ?? {})) out.set(stack.name ?? key, stack.dependencies ?? []);
  return out;
}

/** A synthesized stack with its folder (asset paths in its JSON are relative to it). */
export interface SynthStack {
  readonly id: string;
  readonly dir: string;
  readonly json: StackJson;
}

/** One resource of a stack, addressed as Terraform does: `<type>.<name>`. */
export interface StackResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** Every stack of a cdktf output directory (optionally only the named ones) with its folder. */
export function readSynthesized(outDir: string, only?: readonly string[]): SynthStack[] {
  return loadSynthDir(outDir)
    .filter((stack) => !only || only.includes(stack.name))
    .map((stack) => ({ id: stack.name, dir: dirname(stack.path), json: stack.json }));
}

/** All resources of one type across stacks. */
export function resourcesOfType(stacks: readonly SynthStack[], type: string): StackResource[] {
  const all: StackResource[] = [];
  for (const stack of stacks) {
    for (const [name, config] of Object.entries(stack.json.resource?.[type] ?? {})) all.push({ stack: stack.id, type, name, config });
  }
  return all;
}
