/** Stops the local environment started by global-setup.ts (nothing to do for target `aws`). */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalEnvironment } from '@tap/local-env';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __TAP_LOCAL_ENV__?: LocalEnvironment; __TAP_LOCAL_WORK__?: string };
  await holder.__TAP_LOCAL_ENV__?.stop();
  holder.__TAP_LOCAL_ENV__ = undefined;
  // The synth and unpacked code go; the function logs stay for a look after a failure.
  if (holder.__TAP_LOCAL_WORK__) {
    for (const dir of ['cdktf.out', 'functions', 'runtime']) rmSync(join(holder.__TAP_LOCAL_WORK__, dir), { recursive: true, force: true });
  }
}
