/**
 * What the rest-api stack takes from its handlers, by package name: how the handler is bundled. Plain
 * constants: the stack loads this at synth time, so nothing here imports the handler runtime
 * (@tap/lambda-kit pulls the SDK in).
 */
import { join } from 'node:path';
import type { BundleOptions } from '@tap/bundle';
import type { HandlerContract } from '@tap/lambda-kit';

/**
 * How each handler is bundled at synth: its TypeScript entry and its folder under .build. The stack's
 * function is built from these, and the app lists them so that esbuild starts before the stacks load.
 */
export const HANDLER_BUNDLES = {
  items: { entry: join(__dirname, 'items/handler.ts'), outKey: 'rest-api/items' },
} as const satisfies Record<string, BundleOptions>;

/** Every handler contract of this package (the access check reads them); loaded on demand, see above. */
export function handlerContracts(): readonly HandlerContract[] {
  return (require('./contracts') as typeof import('./contracts')).contracts;
}

export type * from './environment';
