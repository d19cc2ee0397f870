import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allContracts, COMMAND_ACTIONS, actionExists } from '@tap/access';
import { REPO_ROOT as ROOT } from '@tap/synth';

// Each test synthesizes or checks whole apps: seconds each on a shared 2-core machine.
jest.setTimeout(120_000);

const PACKAGES: Record<string, string> = {
  'payment-api': 'lambdas/payment-api',
  'rest-api': 'lambdas/rest-api',
  'event-pipeline': 'lambdas/event-pipeline',
};
// Workspace modules a handler imports by name (the layer is resolved like tsconfig paths / jest do).
const ALIASES: Record<string, string> = {
  '@tap/pipeline-common': 'lambdas/pipeline-common/src/index.ts',
  '@tap/lambda-kit': 'packages/lambda-kit/src/index.ts',
};

function resolveImport(from: string, spec: string): string | undefined {
  if (ALIASES[spec]) return join(ROOT, ALIASES[spec]);
  if (!spec.startsWith('.')) return undefined; // npm packages (the SDK itself)
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
}

/** Every source file the entry reaches through its imports (what esbuild bundles, minus npm packages). */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
      if (target) walk(target);
    }
  };
  walk(entry);
  return [...seen];
}

const commandsIn = (files: string[]): Set<string> => {
  const out = new Set<string>();
  // Comments are not code: strip them before looking for constructors.
  for (const f of files) for (const m of readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').matchAll(/new\s+([A-Z]\w*Command)\s*\(/g)) out.add(m[1]);
  return out;
};

describe('handler contracts', () => {
  it.each(allContracts().map((c) => [c.function, c] as const))('%s: every SDK command in the import graph is declared, with its IAM action', (_name, contract) => {
    const system = contract.function.split('/')[0];
    const entry = join(ROOT, PACKAGES[system], contract.entry);
    expect(existsSync(entry)).toBe(true);
    const used = commandsIn(importGraph(entry));
    expect(used.size).toBeGreaterThan(0);
    const declared = new Set(contract.calls.flatMap((c) => c.commands));
    expect([...used].filter((c) => !declared.has(c))).toEqual([]);
    // Nothing declared that the handler no longer does (a stale contract widens what the check accepts).
    expect([...declared].filter((c) => !used.has(c))).toEqual([]);
    for (const call of contract.calls) for (const command of call.commands) expect({ command, action: [COMMAND_ACTIONS[command]].flat().find((a) => a === call.action) ?? COMMAND_ACTIONS[command] }).toEqual({ command, action: call.action });
  });

  it('every declared action exists in the IAM action catalog', async () => {
    for (const call of allContracts().flatMap((c) => c.calls)) expect({ action: call.action, exists: await actionExists(call.action) }).toEqual({ action: call.action, exists: true });
  });

  it('the graph walk sees commands behind shared modules (the idempotency store of the create handler)', () => {
    const create = allContracts().find((c) => c.function === 'payment-api/create-payment');
    const used = commandsIn(importGraph(join(ROOT, 'lambdas/payment-api', create?.entry ?? '')));
    expect([...used].sort()).toEqual(['GetCommand', 'PutCommand', 'TransactWriteCommand', 'UpdateCommand']);
  });
});
