/**
 * The Terraform and cdktf command lines, run the project's way: the plugin directory, the project's
 * Terraform CLI config that mirrors the AWS provider from it, the environment of a cdktf command, and
 * what to print of a failed `cdktf synth`. `pnpm terraform:config`, `pnpm rehearse` and `pnpm synth:cdktf`
 * (scripts/) are their command lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '@tap/synth';
import { writeCliConfig } from './environment';

/** Where the project's CLI config lives (git-ignored; rewritten by every synth and by `pnpm terraform:config`). */
export const CLI_CONFIG_DIR = join(REPO_ROOT, '.build', 'terraform');

/** The plugin directory: the given one, TF_PLUGIN_DIR, or what scripts/find-plugin-dir.sh prints. */
export function findPluginDir(given?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (given) return resolve(given);
  if (env.TF_PLUGIN_DIR) return env.TF_PLUGIN_DIR;
  const found = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'find-plugin-dir.sh')], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** Writes the config (with the mirror when a plugin directory is known) and returns its path. */
export function ensureCliConfig(options: { pluginDir?: string; dir?: string } = {}): { file: string; pluginDir?: string } {
  const dir = options.dir ?? CLI_CONFIG_DIR;
  const pluginDir = findPluginDir(options.pluginDir);
  if (pluginDir) return { file: writeCliConfig(dir, pluginDir), pluginDir };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraform.rc');
  writeFileSync(file, '# No local plugin directory was found: providers come from the registry.\n');
  return { file };
}

/** The environment for any cdktf command of this project: a CLI config that exists, no checkpoint calls. */
export function cdktfEnvironment(env: NodeJS.ProcessEnv = process.env, configDir?: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1' };
  if (env.TF_CLI_CONFIG_FILE !== undefined && !existsSync(env.TF_CLI_CONFIG_FILE)) out.TF_CLI_CONFIG_FILE = ensureCliConfig({ ...(configDir ? { dir: configDir } : {}) }).file;
  return out;
}

// ANSI colours and cdktf's log prefix (`[2026-12-01T07:51:21.143] [ERROR] default - `).
// eslint-disable-next-line no-control-regex -- ANSI escapes start with the ESC control character
const noise = (line: string): string => line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/^\[[^\]]*\] \[[A-Z]+\] default - /, '');

/** cdktf's output, line by line, without colours and log prefixes. */
export const cdktfLines = (output: string): string[] => output.split(/\r?\n/).map(noise);

/** What to print of a failed cdktf synth: each distinct configuration error once, else cdktf's whole output. */
export function cdktfFailureText(output: string): string {
  const lines = cdktfLines(output);
  const config = [...new Set(lines.map((l) => l.trim()).filter((l) => l.startsWith('configuration error:')))];
  return config.length > 0 ? config.join('\n') : lines.filter((l) => !/^\s*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(l)).join('\n').trim();
}
