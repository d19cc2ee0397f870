import type { HandlerContract } from '@tap/lambda-kit';
import { createPaymentContract } from './create-payment/contract';
import { getPaymentContract } from './get-payment/contract';

/** Every handler contract of this package (the access check reads this list). */
export const contracts: readonly HandlerContract[] = [createPaymentContract, getPaymentContract];
