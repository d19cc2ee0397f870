import type { HandlerContract } from '@tap/lambda-kit';
import { itemsContract } from './items/contract';

/** Every handler contract of this package (the access check reads this list). */
export const contracts: readonly HandlerContract[] = [itemsContract];
