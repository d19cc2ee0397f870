import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMULATORS_BEGIN, EMULATORS_END, emulatorsMarkdown } from '../../../../packages/local-env/src/docs';
import { notEmulatedServices } from '../../../../packages/local-env/src/not-emulated';
import { EMULATED_TYPES, EMULATORS, attributesOf } from '../../../../packages/local-env/src/registry';
import { AT, resource, text } from './support';

describe('the registry of emulators', () => {
  it('each Terraform type has one emulator, and the emulated types are exactly theirs', () => {
    const types = EMULATORS.flatMap((e) => e.types.map((t) => t.type));
    expect(new Set(types).size).toBe(types.length);
    expect([...EMULATED_TYPES].sort()).toEqual([...types].sort());
    expect(attributesOf(resource('aws_kms_key', 'k', {}), AT, text)).toBeUndefined();
  });

  it('what a synth declares and no emulator runs is reported by service, derived from the registry', () => {
    const lines = notEmulatedServices([{ id: 's', dir: '/x', json: { resource: { aws_sqs_queue: { q: {} }, aws_kms_key: { k: {} }, aws_wafv2_web_acl: { w: {} } } } }]);
    expect(lines).toEqual(['KMS: data is not encrypted locally; key policies are not evaluated (aws_kms_key)', 'WAFV2: not emulated (aws_wafv2_web_acl)']);
  });

  it("the README's table of emulated resources is generated from the registry (pnpm local:docs)", () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(EMULATORS_BEGIN) + EMULATORS_BEGIN.length, readme.indexOf(EMULATORS_END)).trim();
    expect(section).toBe(emulatorsMarkdown());
  });
});
