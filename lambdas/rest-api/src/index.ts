/**
 * What the rest-api stack takes from its handlers, by package name: where the handler's entry is. Plain
 * constants: the stack loads this at synth time, so nothing here imports the handler runtime
 * (@tap/lambda-kit pulls the SDK in).
 */
import { join } from 'node:path';
import type { HandlerContract } from '@tap/lambda-kit';

/** Absolute path of each handler's TypeScript entry (esbuild bundles it at synth). */
export const HANDLER_ENTRIES = {
  items: join(__dirname, 'items/handler.ts'),
} as const;

/** Every handler contract of this package (the access check reads them); loaded on demand, see above. */
export function handlerContracts(): readonly HandlerContract[] {
  return (require('./contracts') as typeof import('./contracts')).contracts;
}

export type * from './environment';
