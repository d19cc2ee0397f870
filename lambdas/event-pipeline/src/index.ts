/**
 * What the event-pipeline stack takes from its handlers, by package name: how each handler and the
 * layer they share are bundled.
 * Plain constants: the stack loads this at synth time, so nothing here imports the handler runtime
 * (@tap/lambda-kit pulls the SDK in).
 */
import { join } from 'node:path';
import type { BundleOptions } from '@tap/bundle';
import type { HandlerContract } from '@tap/lambda-kit';

/** The module the ingest and process handlers import from the layer at run time, left out of their bundles. */
export const COMMON_MODULE = '@tap/pipeline-common';

/**
 * The layer's bundle: the common module at `nodejs/node_modules/<module>/index.js` in the zip, where the
 * Node.js runtime resolves it from `/opt`.
 */
export const LAYER_BUNDLE = {
  entry: require.resolve(COMMON_MODULE),
  outKey: 'event-pipeline/layer',
  outFile: `nodejs/node_modules/${COMMON_MODULE}/index.js`,
} as const satisfies BundleOptions;

/**
 * How each handler is bundled at synth: its TypeScript entry, its folder under .build and what it takes
 * from the layer. The stack's functions are built from these, and the app lists them so that esbuild
 * starts before the stacks load.
 */
export const HANDLER_BUNDLES = {
  authorizer: { entry: join(__dirname, 'authorizer/handler.ts'), outKey: 'event-pipeline/authorizer' },
  ingest: { entry: join(__dirname, 'ingest/handler.ts'), outKey: 'event-pipeline/ingest', external: [COMMON_MODULE] },
  process: { entry: join(__dirname, 'process/handler.ts'), outKey: 'event-pipeline/process', external: [COMMON_MODULE] },
} as const satisfies Record<string, BundleOptions>;

/** Every handler contract of this package (the access check reads them); loaded on demand, see above. */
export function handlerContracts(): readonly HandlerContract[] {
  return (require('./contracts') as typeof import('./contracts')).contracts;
}

export type * from './environment';
