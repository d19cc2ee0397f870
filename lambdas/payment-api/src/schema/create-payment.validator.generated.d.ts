import type { ErrorObject } from 'ajv';

/** CREATE_PAYMENT_SCHEMA (create-payment.ts) compiled ahead of time by `pnpm validators`. */
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
