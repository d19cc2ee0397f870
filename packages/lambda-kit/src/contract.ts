/**
 * What a handler does to AWS, declared next to it: each SDK call's IAM action and the environment
 * variable that names the resource. The access check (`pnpm access`) proves each call authorized and
 * reachable in the synthesized stacks; a unit test proves the list complete against the handler's
 * source (every `new XCommand(` in its import graph is here).
 */
export interface HandlerContract {
  /** The function in the synth: `<stack>/<construct id>`, e.g. `payment-api/create-payment`. */
  readonly function: string;
  /** Handler entry, relative to the lambdas package root, e.g. `src/create-payment/handler.ts`. */
  readonly entry: string;
  readonly calls: readonly SdkCall[];
}

/** The kinds of resource an environment variable can name. */
export type ContractResource = 'dynamodb-table' | 'sqs-queue' | 'event-bus' | 'ssm-parameter' | 's3-bucket';

/** One SDK call a handler makes. */
export interface SdkCall {
  /** IAM action, e.g. `dynamodb:PutItem` (must exist in the IAM action catalog). */
  readonly action: string;
  /** SDK command classes that make this call (`PutCommand`, `PutItemCommand`). */
  readonly commands: readonly string[];
  /** Kind of resource `resourceEnv` names. */
  readonly resource: ContractResource;
  /** Environment variable holding the resource's name (table, bus, parameter, bucket) or URL (queue). */
  readonly resourceEnv: string;
  /** A DynamoDB index the call reads, by the environment variable naming it (Query on a GSI). */
  readonly indexEnv?: string;
  /** SSM: the call asks for decryption (`WithDecryption: true`). */
  readonly decrypt?: boolean;
}

/** Typed identity helper, so a contract file is checked against the shape. */
export function defineContract(contract: HandlerContract): HandlerContract {
  return contract;
}
