/**
 * `pnpm terraform:config`: writes the project's Terraform CLI config, the way a company mirror works:
 * the AWS provider from a filesystem mirror (the local plugin directory), every other provider direct
 * from the registry, and prints the variables that make Terraform and the cdktf CLI use it:
 *
 *   eval "$(pnpm -s terraform:config)"      # then: pnpm exec cdktf diff vpc --skip-provider-lock
 *
 * Without a plugin directory (TF_PLUGIN_DIR, or what scripts/find-plugin-dir.sh finds) it writes a config
 * with no mirror: providers then come from the registry, as on any machine with internet access.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli, type CommandSpec } from '@tap/cli';
import { AWS_PROVIDER_SOURCE, writeCliConfig } from '@tap/rehearsal';
import { REPO_ROOT as ROOT } from '@tap/synth';

/** Where the project's CLI config lives (git-ignored; rewritten by every synth and by this command). */
export const CLI_CONFIG_DIR = join(ROOT, '.build', 'terraform');

const TERRAFORM_CONFIG_COMMAND = {
  name: 'pnpm terraform:config',
  summary: `Write the project's Terraform CLI config (${AWS_PROVIDER_SOURCE} from a filesystem mirror of the local plugin directory, everything else direct) and print the export lines for it.`,
  options: {
    'plugin-dir': { type: 'string', value: '<dir>', description: 'the mirror: holds registry.terraform.io/... (default TF_PLUGIN_DIR or found)' },
    'output-dir': { type: 'string', value: '<dir>', description: 'where terraform.rc is written (default .build/terraform)' },
  },
  epilog: ['example: eval "$(pnpm -s terraform:config)" && pnpm exec cdktf diff vpc --skip-provider-lock'],
} as const satisfies CommandSpec;

/** The plugin directory: the given one, TF_PLUGIN_DIR, or what scripts/find-plugin-dir.sh prints. */
export function findPluginDir(given?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (given) return resolve(given);
  if (env.TF_PLUGIN_DIR) return env.TF_PLUGIN_DIR;
  const found = spawnSync('bash', [join(ROOT, 'scripts', 'find-plugin-dir.sh')], { encoding: 'utf8' });
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

function main({ values: v }: { values: { 'plugin-dir'?: string; 'output-dir'?: string } }): number {
  const { file, pluginDir } = ensureCliConfig({ pluginDir: v['plugin-dir'], dir: v['output-dir'] ? resolve(v['output-dir']) : undefined });
  process.stderr.write(pluginDir ? `terraform:config: wrote ${file} (${AWS_PROVIDER_SOURCE} from ${pluginDir})\n` : `terraform:config: wrote ${file}; no plugin directory found, so providers come from the registry\n`);
  // stdout is for eval: only the export lines.
  process.stdout.write(`export TF_CLI_CONFIG_FILE=${file}\nexport CHECKPOINT_DISABLE=1\n`);
  return 0;
}

if (require.main === module) runCli(TERRAFORM_CONFIG_COMMAND, main);
