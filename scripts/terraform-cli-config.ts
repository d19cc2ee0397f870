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
import { resolve } from 'node:path';
import { runCli, type CommandSpec } from '@tap/cli';
import { AWS_PROVIDER_SOURCE, ensureCliConfig } from '@tap/rehearsal';

const TERRAFORM_CONFIG_COMMAND = {
  name: 'pnpm terraform:config',
  summary: `Write the project's Terraform CLI config (${AWS_PROVIDER_SOURCE} from a filesystem mirror of the local plugin directory, everything else direct) and print the export lines for it.`,
  options: {
    'plugin-dir': { type: 'string', value: '<dir>', description: 'the mirror: holds registry.terraform.io/... (default TF_PLUGIN_DIR or found)' },
    'output-dir': { type: 'string', value: '<dir>', description: 'where terraform.rc is written (default .build/terraform)' },
  },
  epilog: ['example: eval "$(pnpm -s terraform:config)" && pnpm exec cdktf diff vpc --skip-provider-lock'],
} as const satisfies CommandSpec;

function main({ values: v }: { values: { 'plugin-dir'?: string; 'output-dir'?: string } }): number {
  const { file, pluginDir } = ensureCliConfig({ pluginDir: v['plugin-dir'], dir: v['output-dir'] ? resolve(v['output-dir']) : undefined });
  process.stderr.write(pluginDir ? `terraform:config: wrote ${file} (${AWS_PROVIDER_SOURCE} from ${pluginDir})\n` : `terraform:config: wrote ${file}; no plugin directory found, so providers come from the registry\n`);
  // stdout is for eval: only the export lines.
  process.stdout.write(`export TF_CLI_CONFIG_FILE=${file}\nexport CHECKPOINT_DISABLE=1\n`);
  return 0;
}

if (require.main === module) runCli(TERRAFORM_CONFIG_COMMAND, main);
