import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { DefaultTokenResolver, StringConcat, Tokenization, type ITerraformDependable } from 'cdktf';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { methodThrottle } from '@tap/config';
import type { BaseStack } from '../base-stack';
import type { NodejsFunction } from '../nodejs-function';

/** HTTP methods API Gateway accepts (the provider rejects anything else, e.g. seed 001's `*`). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export interface LambdaRoute {
  /** Path from the root, e.g. `/payments/{id}`. */
  readonly path: string;
  readonly method: HttpMethod;
  /** The function behind the route (Lambda proxy integration). */
  readonly fn: NodejsFunction;
  /** `NONE` (default), `CUSTOM` (with authorizerId) or `AWS_IAM`. */
  readonly authorization?: 'NONE' | 'CUSTOM' | 'AWS_IAM';
  readonly authorizerId?: string;
  /** Require an API key (usage plans). Default false. */
  readonly apiKeyRequired?: boolean;
  /** Request validator id (body and/or parameters). */
  readonly requestValidatorId?: string;
  /** Content type → model name, validated when a validator is set. */
  readonly requestModels?: Record<string, string>;
  /** e.g. `{ 'method.request.header.Idempotency-Key': true }`. */
  readonly requestParameters?: Record<string, boolean>;
}

export interface RestApiFrontProps {
  /** Base name; the API is `<name>-<suffix>`. */
  readonly name: string;
  readonly description: string;
  /** KMS key ARN for the access-log group (the key must allow the logs service). */
  readonly logKeyArn: string;
  /**
   * Turn off the default `execute-api` endpoint, so a custom domain (and what it enforces) is the only way
   * in. Default false.
   */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * A REST API the way every stack here needs one: Lambda proxy routes with scoped invoke permissions, a
 * deployment that is replaced whenever any route changes and created before the old one is destroyed,
 * a stage (name from config, never a literal `prod`) with X-Ray and JSON access logs, and method
 * settings on `*` / `*` with metrics, INFO logging, no data trace and the config's throttling (seed 003
 * #6/#14: throttling lives in method settings, never on the stage, never via an `httpMethod: '*'` method).
 *
 * Execution and access logging need the account's API Gateway CloudWatch role, an account-wide setting
 * made once per account and Region (see README "Account prerequisites"), not by every environment.
 */
export class RestApiFront extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly accessLogs: CloudwatchLogGroup;
  readonly apiName: string;
  private readonly stack: BaseStack;
  private readonly resources = new Map<string, ApiGatewayResource>();
  private readonly methods: ApiGatewayMethod[] = [];
  /** Every Lambda route with its function, for the per-method throttles `deploy()` derives. */
  private readonly lambdaRoutes: LambdaRoute[] = [];
  private readonly integrations: ApiGatewayIntegration[] = [];
  /** Stable description of every route, hashed into the deployment trigger. */
  private readonly fingerprint: unknown[] = [];
  private stageResource?: ApiGatewayStage;
  private readonly extraDependencies: ITerraformDependable[] = [];

  constructor(stack: BaseStack, id: string, props: RestApiFrontProps) {
    super(stack, id);
    this.stack = stack;
    this.apiName = stack.naming.name(props.name, 'apiGateway');
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: this.apiName,
      description: props.description,
      endpointConfiguration: { types: ['REGIONAL'] },
      ...(props.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}),
    });
    this.accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: stack.naming.check(`/aws/apigateway/${this.apiName}/access`, 'logGroup'),
      retentionInDays: stack.config.logs.retentionDays,
      kmsKeyId: props.logKeyArn,
    });
  }

  /** The resource for a path, creating the missing parents (`/a/{id}` → `a`, then `{id}`). */
  resource(path: string): string {
    const parts = path.split('/').filter(Boolean);
    let parentId = this.api.rootResourceId;
    let current = '';
    for (const part of parts) {
      current += `/${part}`;
      let resource = this.resources.get(current);
      if (!resource) {
        const logicalId = `res${current.replace(/[^A-Za-z0-9]/g, '_')}`;
        resource = new ApiGatewayResource(this, logicalId, { restApiId: this.api.id, parentId, pathPart: part });
        this.resources.set(current, resource);
        this.fingerprint.push({ resource: current });
      }
      parentId = resource.id;
    }
    return parentId;
  }

  /** Adds a Lambda proxy route and the permission for this API (and only this method and path) to invoke it. */
  route(route: LambdaRoute): ApiGatewayMethod {
    const resourceId = this.resource(route.path);
    const key = `${route.method}${route.path}`.replace(/[^A-Za-z0-9]/g, '_');
    const method = new ApiGatewayMethod(this, `method_${key}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: route.method,
      authorization: route.authorization ?? 'NONE',
      ...(route.authorizerId ? { authorizerId: route.authorizerId } : {}),
      apiKeyRequired: route.apiKeyRequired ?? false,
      ...(route.requestValidatorId ? { requestValidatorId: route.requestValidatorId } : {}),
      ...(route.requestModels ? { requestModels: route.requestModels } : {}),
      ...(route.requestParameters ? { requestParameters: route.requestParameters } : {}),
    });
    const integration = new ApiGatewayIntegration(this, `integration_${key}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      // The live alias, so a rollback (moving the alias) changes what the API runs without a redeploy.
      uri: route.fn.invokeArn,
    });
    // Path with `{param}` → `*`, so the permission names exactly this method and path.
    const arnPath = route.path.replace(/\{[^}]+\}/g, '*');
    new LambdaPermission(this, `permission_${key}`, {
      statementId: `AllowApiGateway${key}`.slice(0, 100),
      action: 'lambda:InvokeFunction',
      functionName: route.fn.fn.functionName,
      qualifier: route.fn.alias.name,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/${route.method === 'ANY' ? '*' : route.method}${arnPath}`,
    });
    this.methods.push(method);
    this.integrations.push(integration);
    this.lambdaRoutes.push(route);
    this.fingerprint.push({
      path: route.path,
      method: route.method,
      fn: route.fn.functionName,
      authorization: route.authorization ?? 'NONE',
      authorizer: route.authorizerId ?? null,
      apiKey: route.apiKeyRequired ?? false,
      validator: route.requestValidatorId ?? null,
      models: route.requestModels ?? null,
      params: route.requestParameters ?? null,
    });
    return method;
  }

  /**
   * Adds an API-level resource (e.g. the resource policy) to what the deployment snapshots: its plain
   * description goes into the redeployment hash and the deployment waits for it. Call before `deploy()`.
   */
  snapshot(description: unknown, resource: ITerraformDependable): void {
    if (this.stageResource) throw new Error(`${this.apiName}: snapshot() after deploy()`);
    this.fingerprint.push(description);
    this.extraDependencies.push(resource);
  }

  /**
   * Deployment + stage + method settings. Call once, after every route (and any extra resource passed in
   * `extraTriggers`, e.g. models or gateway responses) exists. `dependsOn`: resources outside the routes
   * (e.g. gateway responses) that the deployment must snapshot, so it is created after them.
   */
  deploy(extraTriggers: readonly unknown[] = [], dependsOn: readonly ITerraformDependable[] = []): ApiGatewayStage {
    if (this.stageResource) return this.stageResource;
    const { config } = this.stack;
    // Resolved first: tokens (validator ids, model names) become their stable `${type.logical_id.attr}`
    // references, so the hash does not depend on how many tokens the process created before this stack.
    const redeployment = createHash('sha256').update(JSON.stringify(Tokenization.resolve([this.fingerprint, extraTriggers], { scope: this, resolver: new DefaultTokenResolver(new StringConcat()) }))).digest('hex');
    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      triggers: { redeployment },
      lifecycle: { createBeforeDestroy: true },
      // Methods and integrations must exist before a deployment snapshots them (seed 003 #8).
      dependsOn: [...this.methods, ...this.integrations, ...this.extraDependencies, ...dependsOn],
    });
    this.stageResource = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: deployment.id,
      stageName: config.api.stageName,
      xrayTracingEnabled: true,
      accessLogSettings: {
        destinationArn: this.accessLogs.arn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          caller: '$context.identity.userArn',
          requestTime: '$context.requestTime',
          httpMethod: '$context.httpMethod',
          resourcePath: '$context.resourcePath',
          status: '$context.status',
          responseLength: '$context.responseLength',
          integrationLatency: '$context.integrationLatency',
          errorMessage: '$context.error.message',
          xrayTraceId: '$context.xrayTraceId',
        }),
      },
      // Seed 000 #2: the Name tag is `<api>-<suffix>`; no environment word that config did not supply.
      tags: { Name: this.apiName },
    });
    const stageSettings = new ApiGatewayMethodSettings(this, 'settings', {
      restApiId: this.api.id,
      stageName: this.stageResource.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        loggingLevel: 'INFO',
        dataTraceEnabled: false,
        throttlingRateLimit: config.api.throttleRateLimit,
        throttlingBurstLimit: config.api.throttleBurstLimit,
      },
    });
    this.methodThrottles(this.stageResource, stageSettings);
    return this.stageResource;
  }

  /**
   * A method setting per route whose function has reserved concurrency, with the throttle config derives
   * from that reservation and the number of methods sharing it (packages/config/src/throttles.ts; it
   * throws a ConfigError at synth when the reservation cannot carry them). Over it API Gateway answers
   * 429 before Lambda would throttle (a 500). Routes to unreserved functions keep the stage default.
   */
  private methodThrottles(stage: ApiGatewayStage, stageSettings: ApiGatewayMethodSettings): void {
    const { config } = this.stack;
    const byKey = new Map<string, LambdaRoute[]>();
    for (const route of this.lambdaRoutes) {
      const key = route.fn.concurrencyKey;
      if (!key || route.fn.reservedConcurrency === undefined) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), route]);
    }
    // One after the other, after the stage default: API Gateway refuses concurrent updates of one stage,
    // and whatever the stage default waits for (the account's CloudWatch role) they wait for too.
    let previous: ApiGatewayMethodSettings = stageSettings;
    for (const routes of byKey.values()) {
      const key = routes[0].fn.concurrencyKey;
      if (!key) continue;
      const throttle = methodThrottle(config, key, routes.length);
      for (const route of routes) {
        const methodPath = `${route.path.replace(/^\//, '')}/${route.method}`;
        previous = new ApiGatewayMethodSettings(this, `settings_${`${route.method}${route.path}`.replace(/[^A-Za-z0-9]/g, '_')}`, {
          dependsOn: [previous],
          restApiId: this.api.id,
          stageName: stage.stageName,
          methodPath,
          settings: { metricsEnabled: true, loggingLevel: 'INFO', dataTraceEnabled: false, throttlingRateLimit: throttle.rate, throttlingBurstLimit: throttle.burst },
        });
      }
    }
  }

  /** The stage's invoke URL (after `deploy()`). */
  get url(): string {
    if (!this.stageResource) throw new Error(`${this.apiName}: call deploy() before reading url`);
    return this.stageResource.invokeUrl;
  }
}
