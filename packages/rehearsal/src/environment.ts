import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Provider source whose local plugin directory the rehearsal uses. */
export const AWS_PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';

/** Why the rehearsal cannot run here; undefined when it can. */
export type Availability = { readonly ok: true; readonly terraform: string; readonly pluginDir: string } | { readonly ok: false; readonly reason: string };

/**
 * Whether Terraform and the provider plugin directory are present. `TF_PLUGIN_DIR` names the directory
 * holding `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/` (`.ci/run` locates it).
 */
export function rehearsalAvailability(env: NodeJS.ProcessEnv = process.env): Availability {
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  if (version.error || version.status !== 0) return { ok: false, reason: 'no terraform binary on PATH' };
  const parsed = JSON.parse(version.stdout) as { terraform_version: string };
  const [major, minor] = parsed.terraform_version.split('.').map(Number);
  if (major < 1 || (major === 1 && minor < 11)) return { ok: false, reason: `terraform ${parsed.terraform_version} is older than 1.11` };
  const pluginDir = env.TF_PLUGIN_DIR;
  if (!pluginDir) return { ok: false, reason: 'TF_PLUGIN_DIR is not set (the directory holding registry.terraform.io/hashicorp/aws/...)' };
  if (!existsSync(join(pluginDir, AWS_PROVIDER_SOURCE))) return { ok: false, reason: `TF_PLUGIN_DIR=${pluginDir} has no ${AWS_PROVIDER_SOURCE}` };
  return { ok: true, terraform: parsed.terraform_version, pluginDir };
}

/**
 * Writes the project's own Terraform CLI config: the AWS provider from the local plugin directory,
 * everything else direct. A plain `terraform init` (and cdktf's) then resolves the provider offline
 * exactly as a user's machine resolves it from the registry.
 */
export function writeCliConfig(dir: string, pluginDir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraform.rc');
  writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(pluginDir)}
    include = ["${AWS_PROVIDER_SOURCE}"]
  }
  direct {
    exclude = ["${AWS_PROVIDER_SOURCE}"]
  }
}
`,
  );
  return file;
}
