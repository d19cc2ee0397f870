/** What `startLocalEnvironment` takes. */
export interface LocalEnvironmentOptions {
  /** The synthesized app (cdktf.out). */
  readonly outDir: string;
  /** Working files: unpacked code, logs. Default `<outDir>/../.local`. */
  readonly stateDir?: string;
  /** Stacks to bring up. Default all in the manifest. */
  readonly stacks?: readonly string[];
  /** Region the clients and ARNs use. Default `us-east-1`. */
  readonly region?: string;
  /** Write the flat outputs here. Default: not written. */
  readonly outputsFile?: string;
  /** Keep sensitive outputs (local dummy values such as generated API keys). Default true. */
  readonly includeSensitive?: boolean;
  /** Multiplies SQS queue timing: visibility timeouts and batching windows (tests: 0.01 turns 180 s into 1.8 s). Default 1. */
  readonly visibilityTimeoutScale?: number;
  /** Multiplies function and integration timeouts. Default 1. */
  readonly timeoutScale?: number;
  /** Warm containers per function at most (also capped by reserved concurrency). Default 4. */
  readonly maxContainersPerFunction?: number;
  /** DynamoDB data directory (persists across restarts). Default in memory. */
  readonly dynamoPath?: string;
  /** Start-up report and runtime diagnostics. Default: silent. */
  readonly log?: (line: string) => void;
  /** Echo function output to `log` as well as .local/logs. Default false. */
  readonly echoFunctionLogs?: boolean;
  /** Enforce the synthesized IAM policies and network paths (iam/enforcer.ts). Default true, unless LOCAL_ENFORCE=off. */
  readonly enforceAccess?: boolean;
  /** Synth of the shared network the stacks look up (`pr`), for network enforcement. Default none. */
  readonly networkDir?: string;
  /** Where the calls each function made are written on stop (`pnpm access --unused`). Default: not written. */
  readonly callsFile?: string;
  /**
   * Warm up as start-up returns (`LocalEnvironment.warmUp`): the API access verdicts and the signer. false
   * leaves it to the caller (`pnpm local` warms up once it has reported "running"); what is not warmed is
   * evaluated on first use. @default true
   */
  readonly warmUp?: boolean;
  /** Fixed ports (`pnpm local` uses ports.ts); tests leave it unset. @default every server on a free port */
  readonly ports?: LocalPorts;
}

/** Ports to listen on; 0 or a missing entry means any free port. */
export interface LocalPorts {
  /** The AWS endpoint (DynamoDB, SQS, EventBridge, SSM). */
  readonly aws?: number;
  /** Per REST API, by its stack id and the Terraform name of its aws_api_gateway_rest_api. */
  readonly api?: (stack: string, resourceName: string) => number | undefined;
}
