/**
 * What the payment-api stack takes from its handlers, by package name: how each handler is bundled,
 * the tables' key schema and the request body schema. Plain constants: the stack loads this at synth
 * time, so nothing here imports the handler runtime (@tap/lambda-kit pulls the SDK in).
 */
import { join } from 'node:path';
import type { BundleOptions } from '@tap/bundle';
import type { HandlerContract } from '@tap/lambda-kit';

export * from './shared/tables';
export { CREATE_PAYMENT_SCHEMA } from './schema/create-payment';

/**
 * How each handler is bundled at synth: its TypeScript entry and its folder under .build. The stack's
 * functions are built from these, and the app lists them so that esbuild starts before the stacks load.
 */
export const HANDLER_BUNDLES = {
  createPayment: { entry: join(__dirname, 'create-payment/handler.ts'), outKey: 'payment-api/create-payment' },
  getPayment: { entry: join(__dirname, 'get-payment/handler.ts'), outKey: 'payment-api/get-payment' },
} as const satisfies Record<string, BundleOptions>;

/** Every handler contract of this package (the access check reads them); loaded on demand, see above. */
export function handlerContracts(): readonly HandlerContract[] {
  return (require('./contracts') as typeof import('./contracts')).contracts;
}

export type * from './environment';
