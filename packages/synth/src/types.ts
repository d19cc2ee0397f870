/** One block of a type: logical id → attributes (`resource.aws_sqs_queue.<id>`). */
export type BlocksById = Record<string, Record<string, unknown>>;

/**
 * A synthesized stack as plain JSON (`cdktf.out/stacks/<name>/cdk.tf.json`): every tool reads this one
 * shape. Writable, because the rehearsal and the liveness generators rewrite copies of it.
 */
export interface StackJson {
  terraform?: {
    backend?: Record<string, unknown>;
    required_providers?: Record<string, Record<string, unknown>>;
    required_version?: string;
    [key: string]: unknown;
  };
  /** Provider name → its blocks (the default one and aliases). */
  provider?: Record<string, Record<string, unknown>[]>;
  /** Resource type → logical id → attributes. */
  resource?: Record<string, BlocksById>;
  data?: Record<string, BlocksById>;
  ephemeral?: Record<string, BlocksById>;
  output?: Record<string, { value?: unknown; sensitive?: boolean; description?: string; [key: string]: unknown }>;
  locals?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One stack of a synth output. */
export interface StackDoc {
  /** Stack name (the folder under `stacks/`). */
  readonly name: string;
  readonly json: StackJson;
  /** Path of the `cdk.tf.json` it was read from (empty for in-memory stacks). */
  readonly path: string;
}

/** The parts of cdktf's `manifest.json` (the index of a synth output) the tools read. */
export interface Manifest {
  readonly stacks?: Record<string, { readonly name?: string; readonly synthesizedStackPath?: string; readonly dependencies?: string[] }>;
}
