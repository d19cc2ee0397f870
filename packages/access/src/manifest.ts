import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Stack → the stacks it depends on, from cdktf's `manifest.json` (empty without one). */
export function stackDependencies(dir: string): Map<string, string[]> {
  const path = join(dir, 'manifest.json');
  const out = new Map<string, string[]>();
  if (!existsSync(path)) return out;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { stacks?: Record<string, { name?: string; dependencies?: string[] }> };
  for (const [key, stack] of Object.entries(manifest.stacks ?? {})) out.set(stack.name ?? key, stack.dependencies ?? []);
  return out;
}
