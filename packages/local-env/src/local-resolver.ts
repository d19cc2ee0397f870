import { generatedSecret } from './attributes';
import type { Placement } from './emulator';
import { Resolver, UnemulatedError } from './refs';
import { attributesOf } from './registry';
import type { SynthStack } from '@tap/synth';

/** One resolver over every stack: tokens become the emulated resources' names, URLs and ARNs (their emulators' attributes). */
export function localResolver(stacks: readonly SynthStack[], at: Placement): Resolver {
  const resolver: Resolver = new Resolver(stacks, {
    region: at.region,
    accountId: at.accountId,
    attributes: (r) => attributesOf(r, at, (v) => resolver.text(r.stack, v)),
    ephemeral: (stack, type, name, attribute) => {
      const cfg = stacks.find((s) => s.id === stack)?.json.ephemeral?.[type]?.[name];
      if (!cfg) throw new UnemulatedError(`ephemeral.${type}.${name}`, 'ephemeral resource not declared');
      if (attribute !== 'random_password' && attribute !== 'result') throw new UnemulatedError(`ephemeral.${type}.${name}.${attribute}`, 'only generated passwords are emulated');
      // AWS generates this at deploy time; locally a random value is generated at start-up.
      return generatedSecret(`${stack}|${type}|${name}`, Number(cfg.password_length ?? cfg.length ?? 32));
    },
  });
  return resolver;
}
