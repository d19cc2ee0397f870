import type { FunctionFault } from './lambda/protocol';
import type { LocalFunction } from './lambda/runtime';

/** A service of the AWS endpoint that a test can stall (its requests are never answered). */
export type StallableService = 'dynamodb' | 'sqs' | 'events' | 'ssm';

/**
 * Called around every DynamoDB write, `before` it is applied and `after` (applied, answer not yet sent),
 * so a test can kill the calling function exactly between two steps. Returning false drops the request
 * unanswered (and, `before`, unapplied).
 */
export type DynamoWriteHook = (phase: 'before' | 'after', operation: string, body: Record<string, unknown>) => boolean | void;

/**
 * Every fault a test can inject into a running local environment, in one place (never part of a
 * deployed stack): the operations suites and `pnpm load`'s fault phase drive these. Each starts off.
 */
export class Faults {
  /** Services whose requests are never answered (a stalled dependency): the caller's timeout must fire. Default none. */
  readonly stalled = new Set<StallableService>();
  /**
   * DynamoDB errors by table name: every request naming the table is refused with this error code (e.g.
   * ProvisionedThroughputExceededException, status 400 as DynamoDB answers). Default none.
   */
  readonly dynamoErrors = new Map<string, string>();
  /**
   * A slow store: DynamoDB writes are forwarded one at a time, each after this many milliseconds, so a
   * batch in flight is stored item by item and can be interrupted midway (reads are not delayed, so an
   * observer can watch it). Default 0.
   */
  dynamoLatencyMs = 0;
  /** Around every DynamoDB write (DynamoWriteHook). Default none. */
  dynamoWrite?: DynamoWriteHook;

  constructor(private readonly functions: ReadonlyMap<string, LocalFunction>) {}

  /** Every invocation of the function answers with `fault` ('throw' or 'timeout') instead of running its handler; undefined clears it. */
  functionFault(name: string, fault: FunctionFault | undefined): void {
    this.fn(name).fault = fault;
  }

  /** SIGKILLs every container of the function (the next invocation starts cold); returns how many were killed. */
  kill(name: string): number {
    return this.fn(name).killContainers();
  }

  private fn(name: string): LocalFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`faults: function ${name} is not running locally (running: ${[...this.functions.keys()].join(', ')})`);
    return fn;
  }
}
