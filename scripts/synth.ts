/**
 * `pnpm synth [cdktf synth options]`: `cdktf synth --output cdktf.out` (unless given another) with the output a user needs and
 * nothing else. cdktf asks Terraform for its version first; a TF_CLI_CONFIG_FILE naming a missing file
 * makes Terraform print the same CLI-configuration warning four times, which cdktf relays as [ERROR]
 * lines: then the project's own CLI config (`pnpm terraform:config`) is used instead. cdktf prints an
 * app error twice ([ERROR] line and "Command output on stderr"): a configuration error is printed once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureCliConfig } from './terraform-cli-config';
import { REPO_ROOT as ROOT } from '@tap/synth';

/** The environment for any cdktf command of this project: a CLI config that exists, no checkpoint calls. */
export function cdktfEnvironment(env: NodeJS.ProcessEnv = process.env, configDir?: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1' };
  if (env.TF_CLI_CONFIG_FILE !== undefined && !existsSync(env.TF_CLI_CONFIG_FILE)) out.TF_CLI_CONFIG_FILE = ensureCliConfig({ ...(configDir ? { dir: configDir } : {}) }).file;
  return out;
}

// ANSI colours and cdktf's log prefix (`[2026-12-01T07:51:21.143] [ERROR] default - `).
// eslint-disable-next-line no-control-regex -- ANSI escapes start with the ESC control character
const noise = (line: string): string => line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/^\[[^\]]*\] \[[A-Z]+\] default - /, '');

/** What to print of a failed synth: each distinct configuration error once, else cdktf's whole output. */
export function failureText(output: string): string {
  const lines = output.split(/\r?\n/).map(noise);
  const config = [...new Set(lines.map((l) => l.trim()).filter((l) => l.startsWith('configuration error:')))];
  return config.length > 0 ? config.join('\n') : lines.filter((l) => !/^\s*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(l)).join('\n').trim();
}

function main(): number {
  const args = process.argv.slice(2);
  const outputFlag = args.some((a) => a === '--output' || a === '-o' || a.startsWith('--output=')) ? [] : ['--output', 'cdktf.out'];
  const result = spawnSync(process.execPath, [require.resolve('cdktf-cli/bundle/bin/cdktf'), 'synth', ...outputFlag, ...args], { cwd: ROOT, env: cdktfEnvironment(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  if (result.status === 0) {
    // cdktf's last words ("Generated Terraform code for the stacks: ..."), wrapped over lines.
    const lines = output.split(/\r?\n/).map(noise);
    const from = lines.findIndex((l) => l.includes('Generated Terraform code'));
    const done = from < 0 ? 'synthesized into cdktf.out' : lines.slice(from).map((l) => l.trim()).filter(Boolean).join(' ');
    process.stdout.write(`${done}\n`);
    return 0;
  }
  process.stderr.write(`${failureText(output)}\n`);
  return result.status ?? 1;
}

if (require.main === module) process.exitCode = main();
