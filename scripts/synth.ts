/**
 * `pnpm synth [cdktf synth options]`: `cdktf synth --output cdktf.out` (unless given another) with the output a user needs and
 * nothing else. cdktf asks Terraform for its version first; a TF_CLI_CONFIG_FILE naming a missing file
 * makes Terraform print the same CLI-configuration warning four times, which cdktf relays as [ERROR]
 * lines: then the project's own CLI config (`pnpm terraform:config`) is used instead. cdktf prints an
 * app error twice ([ERROR] line and "Command output on stderr"): a configuration error is printed once.
 */
import { spawnSync } from 'node:child_process';
import { cdktfEnvironment, cdktfFailureText, cdktfLines } from '@tap/rehearsal';
import { REPO_ROOT as ROOT } from '@tap/synth';

function main(): number {
  const args = process.argv.slice(2);
  const outputFlag = args.some((a) => a === '--output' || a === '-o' || a.startsWith('--output=')) ? [] : ['--output', 'cdktf.out'];
  const result = spawnSync(process.execPath, [require.resolve('cdktf-cli/bundle/bin/cdktf'), 'synth', ...outputFlag, ...args], { cwd: ROOT, env: cdktfEnvironment(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  if (result.status === 0) {
    // cdktf's last words ("Generated Terraform code for the stacks: ..."), wrapped over lines.
    const lines = cdktfLines(output);
    const from = lines.findIndex((l) => l.includes('Generated Terraform code'));
    const done = from < 0 ? 'synthesized into cdktf.out' : lines.slice(from).map((l) => l.trim()).filter(Boolean).join(' ');
    process.stdout.write(`${done}\n`);
    return 0;
  }
  process.stderr.write(`${cdktfFailureText(output)}\n`);
  return result.status ?? 1;
}

if (require.main === module) process.exitCode = main();
