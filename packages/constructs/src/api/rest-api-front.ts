import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { DefaultTokenResolver, StringConcat, Tokenization, type ITerraformDependable, type TerraformResource } from 'cdktf';
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { methodThrottle } from '@tap/config';
import type { BaseStack } from '../base-stack';
import { apiGatewayMetric, type MetricRef } from '../monitoring/metric';
import type { NodejsFunction } from '../nodejs-function';
import type { GatewayResponseSpec, ModelSpec, RequestValidatorSpec, TokenAuthorizerSpec } from './front-extensions';

/** HTTP methods API Gateway accepts (the provider rejects anything else, e.g. the `*` of REST-02). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export interface LambdaRoute {
  /** Path from the root, e.g. `/payments/{id}`. */
  readonly path: string;
  readonly method: HttpMethod;
  /** The function behind the route (Lambda proxy integration). */
  readonly fn: NodejsFunction;
  /** `CUSTOM` (with authorizerId) or `AWS_IAM`. @default 'NONE' */
  readonly authorization?: 'NONE' | 'CUSTOM' | 'AWS_IAM';
  /** Authorizer id for `CUSTOM` (from `addTokenAuthorizer`). @default none */
  readonly authorizerId?: string;
  /** Require an API key (usage plans). @default false */
  readonly apiKeyRequired?: boolean;
  /** Request validator id (body and/or parameters, from `addRequestValidator`). @default no validation */
  readonly requestValidatorId?: string;
  /** Content type → model name (from `addModel`), validated when a validator is set. @default none */
  readonly requestModels?: Record<string, string>;
  /** Required request parameters, e.g. `{ 'method.request.header.Idempotency-Key': true }`. @default none */
  readonly requestParameters?: Record<string, boolean>;
}

export interface RestApiFrontProps {
  /** Base name; the API is `<name>-<suffix>`. */
  readonly name: string;
  /** The API's description in API Gateway. */
  readonly description: string;
  /** KMS key ARN for the access-log group (the key must allow the logs service). */
  readonly logKeyArn: string;
  /**
   * Turn off the default `execute-api` endpoint, so a custom domain (and what it enforces) is the only way
   * in. @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * A REST API the way every stack here needs one: Lambda proxy routes with scoped invoke permissions, a
 * deployment that is replaced whenever any route changes and created before the old one is destroyed,
 * a stage (name from config, never a literal `prod`) with X-Ray and JSON access logs, and method
 * settings on `*` / `*` with metrics, INFO logging, no data trace and the config's throttling
 * (PIPE-06, PIPE-14: throttling lives in method settings, never on the stage, never via an `httpMethod: '*'` method).
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
  /** Stable description of every route (and API-level snapshot), hashed into the deployment trigger. */
  private readonly fingerprint: unknown[] = [];
  /** Plain descriptions of the models, validators, authorizers and gateway responses the front created. */
  private readonly parts: unknown[] = [];
  private stageResource?: ApiGatewayStage;
  private settingsResource?: ApiGatewayMethodSettings;
  private readonly extraDependencies: ITerraformDependable[] = [];
  private readonly gatewayResponses: ApiGatewayGatewayResponse[] = [];
  /** Plain addresses the stage and method settings wait for (e.g. the account's CloudWatch role). */
  private readonly stageAfter: string[] = [];

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
    this.assertNotDeployed('snapshot()');
    this.fingerprint.push(description);
    this.extraDependencies.push(resource);
  }

  /**
   * A JSON-schema model for request bodies, scoped to this API. Created in the stack under `id` (its
   * Terraform address does not depend on the front's construct path) and part of what the deployment
   * snapshots: changing the schema redeploys. Use `model.name` in a route's `requestModels`.
   */
  addModel(id: string, spec: ModelSpec): ApiGatewayModel {
    this.assertNotDeployed('addModel()');
    this.parts.push({ model: spec.schema, modelName: spec.name });
    return new ApiGatewayModel(this.stack, id, { restApiId: this.api.id, name: spec.name, contentType: spec.contentType ?? 'application/json', schema: JSON.stringify(spec.schema) });
  }

  /** A request validator (body and/or parameters); its settings are part of what the deployment snapshots. */
  addRequestValidator(id: string, spec: RequestValidatorSpec): ApiGatewayRequestValidator {
    this.assertNotDeployed('addRequestValidator()');
    const settings = { validateRequestBody: spec.validateRequestBody, validateRequestParameters: spec.validateRequestParameters };
    this.parts.push({ validator: settings });
    return new ApiGatewayRequestValidator(this.stack, id, { restApiId: this.api.id, name: this.stack.naming.name(spec.name), ...settings });
  }

  /**
   * Gateway responses (API Gateway's own answers: validation failures, authorizer failures) in the
   * repo's error shape. Each is created in the stack under its `id`; the deployment snapshots them (it
   * waits for them, and a changed response redeploys).
   */
  addGatewayResponses(responses: readonly GatewayResponseSpec[]): ApiGatewayGatewayResponse[] {
    this.assertNotDeployed('addGatewayResponses()');
    this.parts.push({ gatewayResponses: responses });
    const created = responses.map(
      (r) =>
        new ApiGatewayGatewayResponse(this.stack, r.id, {
          restApiId: this.api.id,
          responseType: r.type,
          statusCode: r.status,
          ...(r.headers ? { responseParameters: { ...r.headers } } : {}),
          responseTemplates: { 'application/json': r.template },
        }),
    );
    this.gatewayResponses.push(...created);
    return created;
  }

  /**
   * A TOKEN authorizer backed by a function's live alias, with the permission for this API's
   * authorizers (and nothing else) to invoke it. Its settings are part of what the deployment snapshots.
   */
  addTokenAuthorizer(id: string, spec: TokenAuthorizerSpec): ApiGatewayAuthorizer {
    this.assertNotDeployed('addTokenAuthorizer()');
    const authorizer = new ApiGatewayAuthorizer(this.stack, id, {
      name: this.stack.naming.name(spec.name),
      restApiId: this.api.id,
      type: 'TOKEN',
      authorizerUri: spec.fn.invokeArn,
      identitySource: spec.identitySource,
      ...(spec.validationExpression ? { identityValidationExpression: spec.validationExpression } : {}),
      authorizerResultTtlInSeconds: spec.ttlSeconds,
    });
    new LambdaPermission(this.stack, spec.permissionId, {
      statementId: 'AllowApiGatewayAuthorizer',
      action: 'lambda:InvokeFunction',
      functionName: spec.fn.fn.functionName,
      qualifier: spec.fn.alias.name,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/authorizers/${authorizer.id}`,
    });
    this.parts.push({ authorizer: { type: 'TOKEN', identitySource: spec.identitySource, validation: spec.validationExpression ?? null, ttl: spec.ttlSeconds, fn: spec.fn.functionName } });
    return authorizer;
  }

  /**
   * The stage and its method settings are created after this resource (e.g. the account's API Gateway
   * CloudWatch role, which execution and access logging need). Before or after `deploy()`.
   */
  stageDependsOn(resource: TerraformResource): void {
    // depends_on takes a plain address (`fqn` is an interpolation, which Terraform rejects there).
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    this.stageAfter.push(address);
    if (this.stageResource && this.settingsResource) this.applyStageDependencies(address);
  }

  /**
   * Deployment + stage + method settings, after every route and every part the front created (models,
   * validators, authorizers, gateway responses, snapshots): their descriptions are hashed into the
   * deployment trigger, so changing any of them redeploys. Later calls return the same stage.
   */
  deploy(): ApiGatewayStage {
    if (this.stageResource) return this.stageResource;
    const { config } = this.stack;
    // Resolved first: tokens (validator ids, model names) become their stable `${type.logical_id.attr}`
    // references, so the hash does not depend on how many tokens the process created before this stack.
    const redeployment = createHash('sha256').update(JSON.stringify(Tokenization.resolve([this.fingerprint, this.parts], { scope: this, resolver: new DefaultTokenResolver(new StringConcat()) }))).digest('hex');
    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      triggers: { redeployment },
      lifecycle: { createBeforeDestroy: true },
      // Methods and integrations must exist before a deployment snapshots them (PIPE-08).
      dependsOn: [...this.methods, ...this.integrations, ...this.extraDependencies, ...this.gatewayResponses],
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
      // PAY-02: the Name tag is `<api>-<suffix>`; no environment word that config did not supply.
      tags: { Name: this.apiName },
    });
    this.settingsResource = new ApiGatewayMethodSettings(this, 'settings', {
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
    this.methodThrottles(this.stageResource, this.settingsResource);
    for (const address of this.stageAfter) this.applyStageDependencies(address);
    return this.stageResource;
  }

  /** The stage (after `deploy()`). */
  get stage(): ApiGatewayStage {
    if (!this.stageResource) throw new Error(`RestApiFront ${this.apiName}: the stage is read before deploy(). Fix: call deploy() after the last route, then read stage, url or metrics`);
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
    return this.stage.invokeUrl;
  }

  /** Requests to the stage. */
  metricRequests(): MetricRef {
    return apiGatewayMetric(this.apiName, this.stage.stageName, 'Count');
  }

  /** 4XX responses of the stage. */
  metricClientErrors(): MetricRef {
    return apiGatewayMetric(this.apiName, this.stage.stageName, '4XXError');
  }

  /** 5XX responses of the stage. */
  metricServerErrors(): MetricRef {
    return apiGatewayMetric(this.apiName, this.stage.stageName, '5XXError');
  }

  private applyStageDependencies(address: string): void {
    for (const resource of [this.stageResource, this.settingsResource]) {
      if (resource) resource.dependsOn = [...(resource.dependsOn ?? []), address];
    }
  }

  private assertNotDeployed(what: string): void {
    if (this.stageResource) throw new Error(`RestApiFront ${this.apiName}: ${what} after deploy() would not be in the deployment. Fix: call ${what} before deploy()`);
  }
}
