import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arnAt, physicalName, shortId } from '../attributes';
import type { Emulator, EmulatedType, ProvisionContext } from '../emulator';
import { UnemulatedError, type Resolver } from '../refs';
import { block, type SynthStack } from '@tap/synth';
import { checkZip, extractZip } from '../zip';
import { buildWorker, LocalFunction } from './runtime';

export interface FunctionAttributes {
  readonly id: string;
  readonly function_name: string;
  readonly arn: string;
  readonly invoke_arn: string;
  readonly qualified_arn: string;
  readonly qualified_invoke_arn: string;
  readonly version: string;
}

const invokeArnOf = (region: string, arn: string) => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;

export const lambdaFunction: EmulatedType<FunctionAttributes> = {
  type: 'aws_lambda_function',
  attributes: (r, at, text) => {
    const name = physicalName(r, text, 'function_name');
    const fnArn = arnAt(at, 'lambda', `function:${name}`);
    const invokeArn = invokeArnOf(at.region, fnArn);
    return { id: name, function_name: name, arn: fnArn, invoke_arn: invokeArn, qualified_arn: `${fnArn}:$LATEST`, qualified_invoke_arn: invokeArn, version: '$LATEST' };
  },
};

export const lambdaAlias: EmulatedType = {
  type: 'aws_lambda_alias',
  attributes: (r, at, text) => {
    // Locally every alias runs the function's current code: there is one version, the synthesized one.
    const fnName = text(r.config.function_name);
    const aliasArn = `${arnAt(at, 'lambda', `function:${fnName}`)}:${text(r.config.name)}`;
    return { id: aliasArn, arn: aliasArn, name: text(r.config.name), function_name: fnName, invoke_arn: invokeArnOf(at.region, aliasArn), function_version: '$LATEST' };
  },
};

export const lambdaLayerVersion: EmulatedType = {
  type: 'aws_lambda_layer_version',
  attributes: (r, at, text) => {
    const layerArn = arnAt(at, 'lambda', `layer:${text(r.config.layer_name)}`);
    return { id: `${layerArn}:1`, arn: `${layerArn}:1`, layer_arn: layerArn, version: '1' };
  },
};

/** Read when API Gateway invokes a function (permissions.ts). */
export const lambdaPermission: EmulatedType<{ id: string }> = { type: 'aws_lambda_permission', attributes: (r) => ({ id: shortId(r) }) };

/** Lambda: functions from their bundled assets in warm child processes (runtime.ts), with their layers. */
export const lambda: Emulator = {
  service: 'Lambda',
  types: [lambdaFunction, lambdaAlias, lambdaLayerVersion, lambdaPermission],
  doc: {
    declared: '`aws_lambda_function` (+ layers)',
    locally:
      'the bundled asset from `cdktf.out` unzipped outside the checkout (no parent `node_modules`, as in `/var/task`), run in warm child processes (module loaded once, one invocation per container, more containers up to reserved concurrency, 4 by default; invocations beyond reserved concurrency are throttled, `TooManyRequestsException`, not queued; a result over 6 MB fails with `Function.ResponseSizeTooLarge`: `packages/local-env/src/lambda/limits.ts`) with the synthesized environment, every `${...}` resolved to the local name/URL/ARN, SDK endpoints pointed at the local servers, timeout enforced (kill, next call cold); layers on `NODE_PATH` like `/opt/nodejs/node_modules`; output in `.local/logs/<function>.log`',
  },
  start: () => provisionFunctions,
};

/**
 * Resolves each function's environment and checks its code and layers; containers start lazily (the
 * first call is cold) and so does unpacking: a function's code and layers are inflated on its first
 * cold start, as most of a run's functions are not invoked right after start-up and inflating every
 * asset was most of what provisioning them cost. Each archive is checked here, so a broken one still
 * fails start-up.
 */
function provisionFunctions(p: ProvisionContext): void {
  const { resolver: res, state, options } = p;
  const warnings = state.warnings;
  rmSync(join(p.stateDir, 'functions'), { recursive: true, force: true });
  // Code and layers are unpacked outside the repository, as in Lambda's /var/task and /opt: under the
  // checkout, Node's lookup through parent node_modules would find the workspace's packages before a
  // layer on NODE_PATH (the pipeline's shared module is a workspace package too) and hide a missing layer.
  const functionsDir = mkdtempSync(join(tmpdir(), 'tap-local-functions-'));
  p.onStop(async () => rmSync(functionsDir, { recursive: true, force: true }));
  const workerFile = buildWorker(p.stateDir);
  const layerDirs = new Map<string, { dir: string; unpack: () => void }>();
  for (const l of p.all('aws_lambda_layer_version')) {
    if (typeof l.config.filename !== 'string') continue;
    const dir = join(functionsDir, 'layers', l.stack, l.name);
    const zip = join(stackDir(p.stacks, l.stack), l.config.filename);
    checkZip(zip, dir);
    layerDirs.set(res.text(l.stack, `\${aws_lambda_layer_version.${l.name}.arn}`), { dir, unpack: once(() => void extractZip(zip, dir)) });
  }
  for (const f of p.all('aws_lambda_function')) {
    const name = res.text(f.stack, `\${aws_lambda_function.${f.name}.function_name}`);
    if (typeof f.config.filename !== 'string') {
      warnings.push(`function ${name}: code is not a local asset (s3/image): not run`);
      continue;
    }
    const codeDir = join(functionsDir, f.stack, name);
    const zip = join(stackDir(p.stacks, f.stack), f.config.filename);
    if (checkZip(zip, codeDir) === 0) warnings.push(`function ${name}: its code asset ${f.config.filename} is empty (re-synthesize)`);
    const environment: Record<string, string> = {};
    const vars = (block(f.config.environment)?.variables as Record<string, unknown>) ?? {};
    for (const [k, v] of Object.entries(vars)) environment[k] = lenientText(res, f.stack, v, `function ${name} variable ${k}`, warnings);
    // IAM enforcement: each function signs with its own credentials (iam/identities.ts).
    Object.assign(environment, p.endpoints, p.enforcer?.credentials(name));
    const layers = ((f.config.layers as unknown[]) ?? []).map((l) => res.text(f.stack, l));
    const missingLayers = layers.filter((l) => !layerDirs.has(l));
    if (missingLayers.length > 0) warnings.push(`function ${name}: layers not in this app are not available: ${missingLayers.join(', ')}`);
    const fnLayers = layers.map((l) => layerDirs.get(l)).filter((d): d is { dir: string; unpack: () => void } => d !== undefined);
    const reserved = f.config.reserved_concurrent_executions === undefined ? Infinity : Number(f.config.reserved_concurrent_executions);
    const fn = new LocalFunction(
      {
        name,
        arn: res.text(f.stack, `\${aws_lambda_function.${f.name}.arn}`),
        handler: String(f.config.handler ?? 'index.handler'),
        codeDir,
        environment,
        timeoutSeconds: Number(f.config.timeout ?? 3),
        memoryMb: Number(f.config.memory_size ?? 128),
        layerDirs: fnLayers.map((l) => l.dir),
        unpack: once(() => {
          extractZip(zip, codeDir);
          for (const l of fnLayers) l.unpack();
        }),
        maxContainers: Math.max(1, Math.min(reserved, options.maxContainersPerFunction ?? 4)),
        ...(Number.isFinite(reserved) ? { reservedConcurrency: reserved } : {}),
      },
      workerFile,
      join(p.stateDir, 'logs'),
      options.timeoutScale ?? 1,
      options.echoFunctionLogs ? p.log : undefined,
    );
    state.functions.set(name, fn);
    p.onStop(() => fn.stop());
  }
}

/** Runs `f` until it has once succeeded; later calls do nothing. */
function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    f();
    done = true;
  };
}

function stackDir(stacks: readonly SynthStack[], id: string): string {
  const s = stacks.find((x) => x.id === id);
  if (!s) throw new Error(`stack ${id} not found`);
  return s.dir;
}

/** A function variable: tokens to unemulated resources become a labelled placeholder (and a warning). */
function lenientText(res: Resolver, stack: string, value: unknown, what: string, warnings: string[]): string {
  try {
    return res.text(stack, value);
  } catch (error) {
    if (!(error instanceof UnemulatedError)) throw new Error(`${what}: ${(error as Error).message}`);
    warnings.push(`${what} refers to ${error.reference}, which is not emulated: it gets a placeholder`);
    return `local-unemulated:${error.reference}`;
  }
}
