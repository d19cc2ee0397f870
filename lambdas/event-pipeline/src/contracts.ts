import type { HandlerContract } from '@tap/lambda-kit';
import { authorizerContract } from './authorizer/contract';
import { ingestContract } from './ingest/contract';
import { processContract } from './process/contract';

/** Every handler contract of this package (the access check reads this list). */
export const contracts: readonly HandlerContract[] = [authorizerContract, ingestContract, processContract];
