import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdktfEnvironment, cdktfFailureText as failureText, ensureCliConfig } from '@tap/rehearsal';
import { REPO_ROOT as ROOT } from '@tap/synth';

jest.setTimeout(60_000);


describe('pnpm terraform:config: a CLI config with a filesystem mirror, the way a company mirror works', () => {
  it('mirrors the AWS provider from the plugin directory and takes everything else direct', () => {
    const plugins = mkdtempSync(join(tmpdir(), 'plugins-'));
    mkdirSync(join(plugins, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), { recursive: true });
    const { file, pluginDir } = ensureCliConfig({ pluginDir: plugins, dir: mkdtempSync(join(tmpdir(), 'tfrc-')) });
    expect(pluginDir).toBe(plugins);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/provider_installation \{\s+filesystem_mirror \{\s+path\s+= "[^"]+"\s+include = \["registry\.terraform\.io\/hashicorp\/aws"\]/);
    expect(text).toContain(JSON.stringify(plugins));
    expect(text).toMatch(/direct \{\s+exclude = \["registry\.terraform\.io\/hashicorp\/aws"\]/);
  });
});

describe('pnpm synth: no CLI-config noise, a configuration error printed once', () => {
  it('a TF_CLI_CONFIG_FILE that names a missing file is replaced by the project config; an existing one is kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfrc-'));
    const replaced = cdktfEnvironment({ TF_CLI_CONFIG_FILE: '/nonexistent/.terraformrc' }, dir);
    expect(replaced.TF_CLI_CONFIG_FILE).toBe(join(dir, 'terraform.rc'));
    expect(existsSync(String(replaced.TF_CLI_CONFIG_FILE))).toBe(true);
    expect(replaced.CHECKPOINT_DISABLE).toBe('1');
    const own = join(dir, 'mine.tfrc');
    writeFileSync(own, '');
    expect(cdktfEnvironment({ TF_CLI_CONFIG_FILE: own }, dir).TF_CLI_CONFIG_FILE).toBe(own);
    expect(cdktfEnvironment({}, dir).TF_CLI_CONFIG_FILE).toBeUndefined();
  });

  it("cdktf's doubled, prefixed error becomes one plain line", () => {
    const cdktf = [
      '\u001b[91m[2026-12-01T07:51:21.143] [ERROR] default - \u001b[39mconfiguration error: ENVIRONMENT_SUFFIX: "Bad!" must match. Fix: x',
      '',
      'Synth command: node --import tsx tap.ts',
      'Error:         non-zero exit code 1',
      'Command output on stderr:',
      '    configuration error: ENVIRONMENT_SUFFIX: "Bad!" must match. Fix: x',
    ].join('\n');
    expect(failureText(cdktf)).toBe('configuration error: ENVIRONMENT_SUFFIX: "Bad!" must match. Fix: x');
  });

  it('end to end: a bad ENVIRONMENT_SUFFIX is printed once, with no [ERROR] or CLI-configuration line', () => {
    const out = mkdtempSync(join(tmpdir(), 'synth-out-'));
    const env: NodeJS.ProcessEnv = { ...process.env, ENVIRONMENT_SUFFIX: 'Bad!' };
    delete env.TF_CLI_CONFIG_FILE;
    // Node with tsx's loader, as the test command runs the CLIs (the tsx CLI would add a second process).
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'scripts/synth.ts'), '--output', out], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^configuration error: ENVIRONMENT_SUFFIX: "Bad!" must match .*Fix: /)]);
  });
});
