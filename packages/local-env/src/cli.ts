/**
 * `pnpm local`: synthesizes the app (or reads --dir), brings the local environment up on 127.0.0.1 on
 * fixed ports (ports.ts), writes cfn-outputs/flat-outputs.json, prints every API with its routes and
 * their auth, the local token and how to read it on AWS, the endpoint variables, and runs until Ctrl-C.
 */
import { join, resolve } from 'node:path';
import { count, MAX_COLUMNS, runCli, textTable, wrap, type CommandSpec } from '@tap/cli';
import type { LocalEnvironment } from './environment';
import { acquireLock } from './instance-lock';
import { basePort, DEFAULT_LOCAL_PORT, planPorts } from './ports';
import { postJson } from './post-json';
import { routesOf } from './routes';
import { readSynthesized, REPO_ROOT, synthesizeApp } from '@tap/synth';

// Node 20 here; every AWS SDK client would print a nine-line notice that future SDKs need Node 22.
// Lambda runs nodejs22.x, so it says nothing about what is shipped.
if (!process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';


export const LOCAL_COMMAND = {
  name: 'pnpm local',
  summary: 'Synthesize the app and serve what it declares on 127.0.0.1 (no AWS account needed); Ctrl-C stops it.',
  positionals: '[up]',
  options: {
    dir: { type: 'string', value: '<cdktf.out>', description: 'use an existing synth instead of synthesizing' },
    port: { type: 'string', value: '<n>', description: `base port (default ${DEFAULT_LOCAL_PORT}, or LOCAL_PORT); 0: free ports` },
    outputs: { type: 'string', value: '<file>', description: 'flat outputs file (default cfn-outputs/flat-outputs.json)' },
    'state-dir': { type: 'string', value: '<dir>', description: 'working folder: code, logs, lock (default .local)' },
    region: { type: 'string', value: '<region>', description: 'region of ARNs and clients (default AWS_REGION or us-east-1)' },
    'visibility-scale': { type: 'string', value: '<n>', description: 'multiply SQS timing, e.g. 0.01 (default 1)' },
    echo: { type: 'boolean', description: 'also print function output (always in <state-dir>/logs)' },
    'no-enforce': { type: 'boolean', description: 'do not enforce the synthesized IAM policies and network paths (default: enforced; LOCAL_ENFORCE=off too)' },
  },
  epilog: [
    `ports: AWS endpoint = base (${DEFAULT_LOCAL_PORT}); APIs: event-pipeline base+1, payment-api base+2,`,
    '       rest-api base+3; another stack base+10 and up. Two instances need two --port and --state-dir.',
  ],
} as const satisfies CommandSpec;

function synthesize(outDir: string): void {
  process.stdout.write('synthesizing the app ...\n');
  synthesizeApp({ env: process.env, outdir: outDir });
}

/** The value of each token an API's TOKEN authorizer checks: a SecureString its function reads. */
async function tokens(env: LocalEnvironment): Promise<{ api: string; parameter: string; value: string }[]> {
  const out: { api: string; parameter: string; value: string }[] = [];
  for (const front of env.apis) {
    const seen = new Set<string>();
    for (const route of routesOf(front.model)) {
      const fnName = route.authorizer ? /function:([^:/]+)/.exec(route.authorizer.uri)?.[1] : undefined;
      const fn = fnName ? env.functions.get(fnName) : undefined;
      if (!fn || seen.has(fn.spec.name)) continue;
      seen.add(fn.spec.name);
      for (const candidate of Object.values(fn.spec.environment)) {
        if (!candidate.startsWith('/')) continue;
        const parameter = await getSecureString(env.endpoints.AWS_ENDPOINT_URL_SSM, candidate);
        if (parameter !== undefined) out.push({ api: front.model.name, parameter: candidate, value: parameter });
      }
    }
  }
  return out;
}

async function getSecureString(endpoint: string, name: string): Promise<string | undefined> {
  const response = await postJson(endpoint, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter' }, { Name: name, WithDecryption: true });
  if (response.status !== 200) return undefined;
  const parameter = response.body.Parameter as { Type?: string; Value?: string } | undefined;
  return parameter?.Type === 'SecureString' ? parameter.Value : undefined;
}

/** The start-up report after the environment's own summary: routes, tokens, endpoints. */
export async function describe(env: LocalEnvironment, outputsFile: string): Promise<string> {
  const lines: string[] = ['', 'routes (auth from the synthesized method: authorization and api_key_required):'];
  const rows: string[][] = [];
  for (const front of env.apis) {
    const stages = [...front.model.stages.keys()];
    const base = `http://127.0.0.1:${front.port}/${stages[0] ?? '<no stage>'}`;
    for (const r of routesOf(front.model)) rows.push([front.model.name, r.method, `${base}${r.path === '/' ? '' : r.path}`, r.auth]);
  }
  lines.push(textTable(['API', 'method', 'URL', 'auth'], rows, { indent: '  ' }));
  for (const t of await tokens(env)) {
    lines.push('', `token of ${t.api} (SSM SecureString ${t.parameter}):`, `  ${t.value}   (the Authorization header)`);
    lines.push('on AWS, the one command that reads it:', `  aws ssm get-parameter --name ${t.parameter} --with-decryption \\`, '    --query Parameter.Value --output text');
  }
  lines.push('', `flat outputs: ${outputsFile} (${count(Object.keys(env.outputs).length, 'key')})`, '', 'to use the AWS SDK or CLI against it:');
  for (const [k, v] of Object.entries(env.endpoints)) lines.push(`export ${k}=${v}`);
  return lines.join('\n');
}

/** Report lines wrapped at 100 columns, continuation indented under the text. */
function fit(line: string): string {
  if (line.length <= MAX_COLUMNS) return line;
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  return wrap(line.trim(), MAX_COLUMNS - indent.length - 2)
    .map((l, i) => `${indent}${i === 0 ? '' : '  '}${l}`)
    .join('\n');
}

async function main(args: { values: { dir?: string; port?: string; outputs?: string; 'state-dir'?: string; region?: string; 'visibility-scale'?: string; echo?: boolean; 'no-enforce'?: boolean }; positionals: readonly string[] }): Promise<number> {
  const v = args.values;
  // Ctrl-C handlers first, before any start-up work: tsx relays a signal to this process only once it
  // has learnt (over IPC) that a handler exists, and `on`, not `once`: Ctrl-C can arrive twice (from the
  // terminal and relayed by tsx), and a second signal with no listener left would end the process
  // before the servers are stopped.
  const stopRequested = new Promise<void>((requested) => {
    process.on('SIGINT', () => requested());
    process.on('SIGTERM', () => requested());
  });
  if (args.positionals.some((p) => p !== 'up')) throw new Error(`unknown command '${args.positionals.find((p) => p !== 'up')}' (the only command is 'up', the default)`);
  const base = basePort(v.port);
  const stateDir = resolve(v['state-dir'] ?? join(REPO_ROOT, '.local'));
  const outputsFile = resolve(v.outputs ?? join(REPO_ROOT, 'cfn-outputs', 'flat-outputs.json'));
  const scale = v['visibility-scale'] === undefined ? 1 : Number(v['visibility-scale']);
  if (!(scale > 0)) throw new Error(`--visibility-scale: "${v['visibility-scale']}" is not a positive number`);

  const lockFile = join(stateDir, 'local-env.lock');
  const lock = acquireLock(lockFile, base === 0 ? 'free ports' : `from ${base}`);
  if ('heldBy' in lock) {
    throw new Error(`another 'pnpm local' (pid ${lock.heldBy.pid}, started ${lock.heldBy.startedAt}, ports ${lock.heldBy.ports}) is running in ${stateDir}. Stop it with Ctrl-C, or start this one elsewhere: --state-dir <dir> --outputs <file> --port <n>`);
  }
  // Required here, not at the top: the emulators, the AWS SDK and the IAM simulator are most of this
  // command's start-up, and --help or a bad option (answered before main) must not wait for them.
  const { PortInUseError, startLocalEnvironment } = require('./environment') as typeof import('./environment');
  const { DEFAULT_CALLS_FILE } = require('@tap/access') as typeof import('@tap/access');
  let env: LocalEnvironment | undefined;
  try {
    const outDir = resolve(v.dir ?? join(stateDir, 'cdktf.out'));
    if (!v.dir) synthesize(outDir);
    const apis = readSynthesized(outDir).flatMap((s) => Object.keys(s.json.resource?.aws_api_gateway_rest_api ?? {}).map((name) => ({ stack: s.id, name })));
    const plan = planPorts(apis, base);
    env = await startLocalEnvironment({
      outDir,
      stateDir,
      region: v.region ?? process.env.AWS_REGION ?? 'us-east-1',
      outputsFile,
      visibilityTimeoutScale: scale,
      log: (line) => process.stdout.write(`${fit(line)}\n`),
      echoFunctionLogs: v.echo === true,
      ports: { aws: plan.aws, api: (stack, name) => plan.apis.get(`${stack}|${name}`) },
      // IAM and network enforcement is on by default; --no-enforce turns it off.
      ...(v['no-enforce'] === true ? { enforceAccess: false } : {}),
      // Every call each function makes, for `pnpm access --unused`.
      callsFile: join(REPO_ROOT, DEFAULT_CALLS_FILE),
      // Ready first: the access verdicts are evaluated once "running" is out.
      warmUp: false,
    });
    process.stdout.write(`${await describe(env, outputsFile)}\n\nrunning; Ctrl-C to stop\n`);
    void env.warmUp();
  } catch (error) {
    lock.release();
    if (error instanceof PortInUseError) throw new Error(`${error.message}: another 'pnpm local' or another program holds it. Fix: stop it, or choose another base port with --port <n> or LOCAL_PORT=<n> (0: free ports)`);
    throw error;
  }
  const running = env;
  await stopRequested;
  process.stdout.write('\nstopping local environment ...\n');
  await running.stop().finally(() => {
    lock.release();
    process.stdout.write('stopped\n');
  });
  // Child processes and sockets are closed; exit now rather than wait for timers of the SDK clients.
  process.exit(0);
}

if (require.main === module) runCli(LOCAL_COMMAND, main);
