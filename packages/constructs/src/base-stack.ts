import { Aspects, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { buildTags, Naming, type EnvironmentConfig } from '@tap/config';
import { PreventDestroyAspect } from './prevent-destroy';

/** Terraform versions the synthesized code needs: native S3 lock files (1.10) and write-only arguments (1.11). */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.11.0';
/** The AWS provider every stack is built and rehearsed against (docs/architecture.md, "Checking without an AWS account"). */
export const AWS_PROVIDER_VERSION = '5.100.0';

export interface BaseStackProps {
  /** The one validated config; every stack takes it as props. */
  readonly config: EnvironmentConfig;
}

/**
 * Every stack's foundation: AWS provider with the config's region and default tags (one `{ tags }`
 * object), the backend chosen by config, and data sources for the account id and region so that no
 * account id or region is ever typed into a stack.
 */
export class BaseStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly naming: Naming;
  readonly provider: AwsProvider;
  /** `data.aws_caller_identity.current.account_id` (a token). */
  readonly accountId: string;
  /** `data.aws_region.current.id`: the region code in provider 5.x and 6.x alike (PIPE-15). */
  readonly regionName: string;
  /** The partition's DNS suffix is not needed: every ARN is built with `arn:${partition}`. */
  readonly partition: string;

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    this.config = props.config;
    this.naming = new Naming(props.config.suffix, props.config.project);

    this.provider = new AwsProvider(this, 'aws', {
      region: props.config.region,
      defaultTags: [{ tags: { ...buildTags(props.config), Stack: id } }],
    });
    applyBackend(this, id, props.config);
    // Stateful resources get lifecycle.prevent_destroy where the profile asks for it (production).
    Aspects.of(this).add(new PreventDestroyAspect(props.config));

    const identity = new DataAwsCallerIdentity(this, 'current_identity', {});
    const region = new DataAwsRegion(this, 'current_region', {});
    this.accountId = identity.accountId;
    this.regionName = region.id;
    this.partition = 'aws';
  }
}

/**
 * Backend selection (docs/decisions/004-s3-state-locking.md): local state by default; with a state
 * bucket, S3 with native lock files (`use_lockfile`, Terraform >= 1.10) and a pinned `required_version`
 * so that an older Terraform fails with a version message rather than "No argument named use_lockfile"
 * (PAY-01, VPC-03, FND-06). A DynamoDB lock table only when explicitly configured.
 */
export function applyBackend(stack: TerraformStack, stackId: string, config: EnvironmentConfig): void {
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  const backend = config.backend;
  if (backend.kind === 's3') {
    new S3Backend(stack, {
      bucket: backend.bucket,
      key: `${backend.keyPrefix}${config.suffix}/${stackId}.tfstate`,
      region: backend.region,
      encrypt: true,
      ...(backend.lockTable ? { dynamodbTable: backend.lockTable } : {}),
    });
    // cdktf 0.21's S3Backend has no typed field for native lock files, so the override sets it.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else {
    // Relative to the stack's working directory (cdktf.out/stacks/<stack>), so state survives re-synth
    // and the synthesized JSON is the same on every machine.
    new LocalBackend(stack, { path: `../../../${backend.directory}/${config.suffix}/${stackId}.tfstate` });
  }
}
