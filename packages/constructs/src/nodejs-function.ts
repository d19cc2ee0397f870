import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { bundleHandler, LAMBDA_RUNTIME, type Bundle, type BundleOptions } from '@tap/bundle';
import type { FunctionKey } from '@tap/config';
import type { BaseStack } from './base-stack';
import { assumeRolePolicy, policyDocument, type PolicyStatement } from './iam';
import { lambdaMetric, type MetricRef } from './monitoring/metric';

/** The alias every caller invokes (API Gateway, authorizers, event sources); rollback moves it. */
export const LIVE_ALIAS = 'live';

/** Lambda timeouts this repo allows (30-300 s: long enough for a cold start and one slow dependency call). */
export const MIN_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 300;

export interface NodejsFunctionProps {
  /** Base name; the function is `<name>-<suffix>`, its role `<name>-role-<suffix>`. */
  readonly name: string;
  /** How the handler is bundled: its handler package's HANDLER_BUNDLES entry (entry file, .build folder, modules left out). */
  readonly code: BundleOptions;
  /** Key of this function's reserved concurrency in config (unset there: none reserved). @default none reserved */
  readonly concurrencyKey?: FunctionKey;
  /** Memory in MB. @default 256 */
  readonly memorySize?: number;
  /** Timeout in seconds, 30-300. @default 30 */
  readonly timeout?: number;
  /** Environment variables (no secrets: secrets come from SSM at run time). @default only POWERTOOLS_SERVICE_NAME and ENVIRONMENT_SUFFIX */
  readonly environment?: Readonly<Record<string, string>>;
  /** ARN of the KMS key that encrypts the environment variables (explicit, REST-03). */
  readonly environmentKeyArn: string;
  /** ARN of a KMS key for the log group. @default none (CloudWatch-managed encryption) */
  readonly logKeyArn?: string;
  /** Least-privilege statements for what the handler does, each ARN-scoped. @default none (logs, traces and its environment key only) */
  readonly statements?: readonly PolicyStatement[];
  /** Private subnets and security groups when the function runs in a VPC. @default not in a VPC */
  readonly vpc?: { readonly subnetIds: string[]; readonly securityGroupIds: string[] };
  /** Layer ARNs. @default none */
  readonly layers?: string[];
  /** Where failed async invocations go (SQS or SNS ARN). @default none (a synchronous caller gets the error) */
  readonly deadLetterTargetArn?: string;
}

/**
 * A Node.js Lambda function the way every stack here needs one: esbuild bundle of a `lambdas/*` entry
 * at synth as a deterministic cdktf asset whose content hash is the `source_code_hash`; its own log
 * group with retention, created by the stack so destroy leaves nothing behind; its own role with only
 * the listed statements; X-Ray active; an explicit KMS key for environment variables; current runtime;
 * reserved concurrency from config.
 */
export class NodejsFunction extends Construct {
  readonly fn: LambdaFunction;
  /** `live`: points at the version this deploy published. Callers invoke it, never `$LATEST`. */
  readonly alias: LambdaAlias;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly bundle: Bundle;
  readonly functionName: string;
  /** Reserved concurrency applied (undefined: none). */
  readonly reservedConcurrency?: number;
  /** The timeout applied, seconds. */
  readonly timeoutSeconds: number;
  /** The config key of this function's reserved concurrency (the API derives its method throttles from it). */
  readonly concurrencyKey?: FunctionKey;

  constructor(stack: BaseStack, id: string, props: NodejsFunctionProps) {
    super(stack, id);
    const { config, naming } = stack;
    const timeout = props.timeout ?? MIN_TIMEOUT_SECONDS;
    if (timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS) {
      throw new Error(`NodejsFunction ${props.name}: timeout ${timeout}s is outside ${MIN_TIMEOUT_SECONDS}-${MAX_TIMEOUT_SECONDS}s. Fix: set timeout within the range`);
    }
    this.timeoutSeconds = timeout;
    this.functionName = naming.name(props.name, 'lambda');
    const roleName = naming.name(`${props.name}-role`, 'iamRole');

    this.bundle = bundleHandler(props.code);
    // The zip is built once per content hash (deterministic bytes); synth only copies it.
    const asset = new TerraformAsset(this, 'code', {
      path: this.bundle.zip,
      type: AssetType.FILE,
      assetHash: Buffer.from(this.bundle.hash, 'base64').toString('hex'),
    });

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: naming.check(`/aws/lambda/${this.functionName}`, 'logGroup'),
      retentionInDays: config.logs.retentionDays,
      ...(props.logKeyArn ? { kmsKeyId: props.logKeyArn } : {}),
    });

    this.role = new IamRole(this, 'role', {
      name: roleName,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });

    const statements: PolicyStatement[] = [
      // Write to its own log group only (the group exists before the function, so no CreateLogGroup).
      { sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:*`] },
      // X-Ray has no resource-level permissions: `*` is the only valid resource (documented exception).
      { sid: 'PublishTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] },
      // Decrypt its own environment variables.
      { sid: 'DecryptEnvironment', actions: ['kms:Decrypt'], resources: [props.environmentKeyArn] },
      ...(props.statements ?? []),
    ];
    const policy = new IamRolePolicy(this, 'policy', {
      name: naming.name(`${props.name}-policy`, 'iamPolicy'),
      role: this.role.id,
      policy: policyDocument(statements),
    });
    const dependsOn: (CloudwatchLogGroup | IamRolePolicy | IamRolePolicyAttachment)[] = [this.logGroup, policy];
    if (props.vpc) {
      // ENI management for VPC functions: AWS's managed policy is the documented minimum.
      dependsOn.push(
        new IamRolePolicyAttachment(this, 'vpc-access', {
          role: this.role.name,
          policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
        }),
      );
    }

    this.concurrencyKey = props.concurrencyKey;
    this.reservedConcurrency = props.concurrencyKey ? config.concurrency.reserved[props.concurrencyKey] : undefined;

    this.fn = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIME,
      handler: 'index.handler',
      // Every code or configuration change publishes a numbered, immutable version: the rollback target.
      publish: true,
      filename: asset.path,
      sourceCodeHash: this.bundle.hash,
      memorySize: props.memorySize ?? 256,
      timeout,
      kmsKeyArn: props.environmentKeyArn,
      tracingConfig: { mode: 'Active' },
      environment: {
        variables: {
          POWERTOOLS_SERVICE_NAME: props.name,
          ENVIRONMENT_SUFFIX: config.suffix,
          ...(props.environment ?? {}),
        },
      },
      ...(this.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: this.reservedConcurrency } : {}),
      ...(props.vpc ? { vpcConfig: { subnetIds: props.vpc.subnetIds, securityGroupIds: props.vpc.securityGroupIds } } : {}),
      ...(props.layers ? { layers: props.layers } : {}),
      ...(props.deadLetterTargetArn ? { deadLetterConfig: { targetArn: props.deadLetterTargetArn } } : {}),
      // Log group and permissions first, so the first invocation can log (PIPE-08).
      dependsOn,
    });

    // Callers invoke the alias, so a rollback is one call that moves it to an earlier version
    // (`aws lambda update-alias --name live --function-version <n>`), no rebuild and no redeploy.
    this.alias = new LambdaAlias(this, 'live', {
      name: LIVE_ALIAS,
      description: 'The version callers invoke; move it to roll back',
      functionName: this.fn.functionName,
      functionVersion: this.fn.version,
    });
  }

  /** API Gateway integration URI of the live alias. */
  get invokeArn(): string {
    return this.alias.invokeArn;
  }

  /** ARN of the live alias, for event sources and other callers. */
  get aliasArn(): string {
    return this.alias.arn;
  }

  /** Failed invocations (the handler threw or timed out). */
  metricErrors(): MetricRef {
    return lambdaMetric(this.functionName, 'Errors');
  }

  /** Invocations that ran (throttled attempts are not counted). */
  metricInvocations(): MetricRef {
    return lambdaMetric(this.functionName, 'Invocations');
  }

  /** Invocation attempts refused for lack of concurrency. */
  metricThrottles(): MetricRef {
    return lambdaMetric(this.functionName, 'Throttles');
  }

  /** Duration in milliseconds, as a statistic (e.g. `p99`). */
  metricDuration(stat: string): MetricRef {
    return lambdaMetric(this.functionName, 'Duration', stat);
  }
}
