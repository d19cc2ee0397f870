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
import { count, runCli, type CommandSpec } from '@tap/cli';

const FLATTEN_COMMAND = {
  name: 'pnpm outputs:flatten',
  summary: "Turn cdktf's --outputs-file JSON (stack → output → value) into one flat object of scalars with keys unique across stacks.",
  options: {
    input: { type: 'string', value: '<file>', description: 'cdktf outputs file (default cdktf.out/outputs.json)' },
    output: { type: 'string', value: '<file>', description: 'flat outputs file (default cfn-outputs/flat-outputs.json)' },
    'synth-dir': { type: 'string', value: '<dir>', description: 'synth that marks outputs sensitive (default cdktf.out)' },
    'include-sensitive': { type: 'boolean', description: 'keep outputs marked sensitive' },
  },
} as const satisfies CommandSpec;

function main({ values: v }: { values: { input?: string; output?: string; 'synth-dir'?: string; 'include-sensitive'?: boolean } }): number {
  const input = resolve(v.input ?? 'cdktf.out/outputs.json');
  const output = resolve(v.output ?? 'cfn-outputs/flat-outputs.json');
  const synthDir = resolve(v['synth-dir'] ?? 'cdktf.out');
  const includeSensitive = v['include-sensitive'] === true;
  // Required here, not at the top: @tap/local-env brings its emulators and the AWS SDK along, and --help
  // or a bad option (answered before main) must not wait for them.
  const { FlattenError, flattenOutputs, sensitiveOutputs } = require('@tap/local-env') as typeof import('@tap/local-env');
  try {
    const nested = JSON.parse(readFileSync(input, 'utf8')) as Record<string, Record<string, unknown>>;
    const sensitive = includeSensitive ? {} : sensitiveOutputs(synthDir, Object.keys(nested));
    const { flat, omittedSensitive } = flattenOutputs(nested, { sensitive, includeSensitive });
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, `${JSON.stringify(flat, null, 2)}\n`);
    process.stdout.write(`flat outputs: ${count(Object.keys(flat).length, 'key')} → ${output}\n`);
    if (omittedSensitive.length > 0) process.stdout.write(`left out (sensitive; pass --include-sensitive to keep): ${omittedSensitive.join(', ')}\n`);
  } catch (error) {
    if (error instanceof FlattenError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`flatten-outputs: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  return 0;
}

runCli(FLATTEN_COMMAND, main);
