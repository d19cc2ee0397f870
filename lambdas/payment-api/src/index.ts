/**
 * What the payment-api stack takes from its handlers, by package name: where each handler's entry is,
 * the tables' key schema and the request body schema. Plain constants: the stack loads this at synth
 * time, so nothing here imports the handler runtime (@tap/lambda-kit pulls the SDK in).
 */
import { join } from 'node:path';
import type { HandlerContract } from '@tap/lambda-kit';

export * from './shared/tables';
export { CREATE_PAYMENT_SCHEMA } from './schema/create-payment';

/** Absolute path of each handler's TypeScript entry (esbuild bundles it at synth). */
export const HANDLER_ENTRIES = {
  createPayment: join(__dirname, 'create-payment/handler.ts'),
  getPayment: join(__dirname, 'get-payment/handler.ts'),
} as const;

/** Every handler contract of this package (the access check reads them); loaded on demand, see above. */
export function handlerContracts(): readonly HandlerContract[] {
  return (require('./contracts') as typeof import('./contracts')).contracts;
}

export type * from './environment';
