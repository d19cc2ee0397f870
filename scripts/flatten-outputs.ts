/**
 * Turns cdktf's `--outputs-file` JSON (stack → output id → value) into cfn-outputs/flat-outputs.json.
 *
 *   pnpm outputs:flatten [--input cdktf.out/outputs.json] [--output cfn-outputs/flat-outputs.json]
 *                        [--synth-dir cdktf.out] [--include-sensitive]
 *
 * Values must be scalars and keys unique across stacks (else it fails naming the stack and key);
 * outputs marked sensitive in the synthesized JSON are left out unless --include-sensitive.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FlattenError, flattenOutputs, sensitiveOutputs } from '@tap/local-env';

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function main(): void {
  const args = process.argv.slice(2);
  const input = resolve(arg(args, '--input', 'cdktf.out/outputs.json'));
  const output = resolve(arg(args, '--output', 'cfn-outputs/flat-outputs.json'));
  const synthDir = resolve(arg(args, '--synth-dir', 'cdktf.out'));
  const includeSensitive = args.includes('--include-sensitive');
  try {
    const nested = JSON.parse(readFileSync(input, 'utf8')) as Record<string, Record<string, unknown>>;
    const sensitive = includeSensitive ? {} : sensitiveOutputs(synthDir, Object.keys(nested));
    const { flat, omittedSensitive } = flattenOutputs(nested, { sensitive, includeSensitive });
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, `${JSON.stringify(flat, null, 2)}\n`);
    process.stdout.write(`flat outputs: ${Object.keys(flat).length} key(s) → ${output}\n`);
    if (omittedSensitive.length > 0) process.stdout.write(`left out (sensitive; pass --include-sensitive to keep): ${omittedSensitive.join(', ')}\n`);
  } catch (error) {
    if (error instanceof FlattenError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`flatten-outputs: ${(error as Error).message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

main();
