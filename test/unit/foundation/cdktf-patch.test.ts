/**
 * cdktf 0.21.0 is installed with patches/cdktf@0.21.0.patch (docs/decisions/007-cdktf-loads-archiver-lazily.md):
 * its zip library loads when an ARCHIVE asset is zipped, not when cdktf is imported.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { REPO_ROOT } from '@tap/synth';

describe('cdktf, as installed (docs/decisions/007-cdktf-loads-archiver-lazily.md)', () => {
  it('loads no module of its zip library when imported', () => {
    const run = spawnSync(process.execPath, ['-e', "require('cdktf'); process.stdout.write(JSON.stringify(Object.keys(require.cache)))"], { cwd: join(REPO_ROOT, 'packages/app'), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const loaded = JSON.parse(run.stdout) as string[];
    expect(loaded.some((f) => f.includes('/cdktf/lib/'))).toBe(true);
    expect(loaded.filter((f) => /[\\/]node_modules[\\/](archiver|zip-stream|archiver-utils)[\\/]/.test(f))).toEqual([]);
  });

  it('still zips an ARCHIVE asset, loading the library then', () => {
    const root = mkdtempSync(join(tmpdir(), 'cdktf-archive-'));
    const source = join(root, 'src');
    mkdirSync(source);
    writeFileSync(join(source, 'index.js'), 'exports.handler = async () => 1;\n');
    const app = new App({ outdir: join(root, 'out') });
    const stack = new TerraformStack(app, 'archive');
    const asset = new TerraformAsset(stack, 'code', { path: source, type: AssetType.ARCHIVE });
    app.synth();
    const zip = join(root, 'out/stacks/archive', asset.path);
    expect(existsSync(zip)).toBe(true);
    expect(readdirSync(join(zip, '..'))).toEqual([asset.fileName]);
    // A zip: it starts with a local file header.
    expect(readFileSync(zip).readUInt32LE(0)).toBe(0x04034b50);
  });
});
