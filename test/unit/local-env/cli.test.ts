import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig } from '@tap/config';
import { REPO_ROOT as ROOT, loadSynthDir, synthesizeApp } from '@tap/synth';
import { API_PORT_OFFSETS, basePort, DEFAULT_LOCAL_PORT, planPorts } from '../../../packages/local-env/src/ports';
import { authLabel } from '../../../packages/local-env/src/routes';

jest.setTimeout(90_000);


/** The environment of a user's shell: without the test command's switch for the SDK's Node notice. */
function userEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  return env;
}

describe('pnpm local: fixed ports by default', () => {
  it('the default port table: AWS endpoint on 4600, the three APIs on 4601-4603, a new stack from 4610', () => {
    const plan = planPorts([
      { stack: 'rest-api', name: 'api_4F59AA66' },
      { stack: 'payment-api', name: 'api_4F59AA66' },
      { stack: 'event-pipeline', name: 'api_4F59AA66' },
      { stack: 'reports', name: 'api_1' },
      { stack: 'reports', name: 'api_2' },
    ]);
    expect(DEFAULT_LOCAL_PORT).toBe(4600);
    expect(plan.aws).toBe(4600);
    expect(Object.fromEntries(plan.apis)).toEqual({
      'event-pipeline|api_4F59AA66': 4601,
      'payment-api|api_4F59AA66': 4602,
      'rest-api|api_4F59AA66': 4603,
      'reports|api_1': 4610,
      'reports|api_2': 4611,
    });
  });

  it('every API stack of the app has a documented port, and the README lists them', () => {
    const stacks = loadSynthDir(synthDir).filter((s) => Object.keys(s.json.resource?.aws_api_gateway_rest_api ?? {}).length > 0).map((s) => s.name);
    expect(stacks.sort()).toEqual(Object.keys(API_PORT_OFFSETS).sort());
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [stack, offset] of Object.entries(API_PORT_OFFSETS)) expect(readme).toContain(`| \`${stack}\` API | ${DEFAULT_LOCAL_PORT + offset} |`);
  });

  it('--port and LOCAL_PORT move the base; 0 means free ports; a bad value names its source', () => {
    expect(basePort(undefined, {})).toBe(4600);
    expect(basePort(undefined, { LOCAL_PORT: '5000' })).toBe(5000);
    expect(basePort('6000', { LOCAL_PORT: '5000' })).toBe(6000);
    expect(planPorts([{ stack: 'rest-api', name: 'a' }], 0).apis.get('rest-api|a')).toBe(0);
    expect(() => basePort(undefined, { LOCAL_PORT: 'eighty' })).toThrow(/LOCAL_PORT: "eighty" is not a port/);
    expect(() => basePort('99999', {})).toThrow(/--port/);
  });

  it('auth labels come from the synthesized method: NONE, AWS_IAM, CUSTOM (token), api_key_required', () => {
    const authorizer = { id: 'a', name: 'tok', type: 'TOKEN' as const, uri: '', identitySource: '', ttlSeconds: 0 };
    expect(authLabel({ authorization: 'NONE', apiKeyRequired: false })).toBe('none');
    expect(authLabel({ authorization: 'NONE', apiKeyRequired: true })).toBe('API key');
    expect(authLabel({ authorization: 'AWS_IAM', apiKeyRequired: false })).toBe('IAM (SigV4)');
    expect(authLabel({ authorization: 'AWS_IAM', apiKeyRequired: true })).toBe('IAM (SigV4) + API key');
    expect(authLabel({ authorization: 'CUSTOM', authorizer, apiKeyRequired: false })).toBe('token (tok)');
  });
});

// The app as `pnpm local` would synthesize it (production: the API key methods show up too).
const synthDir = mkdtempSync(join(tmpdir(), 'local-cli-synth-'));
synthesizeApp({ config: getEnvironmentConfig({ suffix: 'dev', profile: 'production' }), outdir: synthDir });

describe('pnpm local prints every API with its routes and their auth, and stops cleanly on Ctrl-C', () => {
  let stdout = '';
  let stderr = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null };

  beforeAll(async () => {
    const state = mkdtempSync(join(tmpdir(), 'local-cli-state-'));
    // Free ports (--port 0): other test runs on this machine may hold the default ones.
    // As `pnpm local` starts it: node with tsx's loader, no tsx CLI process in between (that one gives a
    // signalled child 30 ms to answer and then kills it, which a loaded machine can miss).
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'packages/local-env/src/cli.ts'), '--dir', synthDir, '--port', '0', '--state-dir', state, '--outputs', join(state, 'flat.json')], { cwd: ROOT, env: userEnvironment() });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 'running' line; stdout:\n${stdout}\nstderr:\n${stderr}`)), 60_000);
      child.stdout.on('data', () => {
        if (stdout.includes('running; Ctrl-C to stop')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited early; stdout:\n${stdout}\nstderr:\n${stderr}`)));
    });
    exit = await new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (code, signal) => resolve({ code, signal }));
      child.kill('SIGINT');
    });
  });

  it('one route line per synthesized method, with its API name, URL with the stage, and auth', () => {
    const methods = loadSynthDir(synthDir).flatMap((s) =>
      Object.values((s.json.resource?.aws_api_gateway_method ?? {}) as Record<string, { http_method: string; authorization: string; api_key_required?: boolean }>).map((m) => ({ stack: s.name, ...m })),
    );
    expect(methods.length).toBeGreaterThan(5);
    const apiNames = loadSynthDir(synthDir).flatMap((s) => Object.values((s.json.resource?.aws_api_gateway_rest_api ?? {}) as Record<string, { name: string }>).map((a) => a.name));
    for (const name of apiNames) expect(stdout).toMatch(new RegExp(`^  ${name} +(GET|POST|PUT|DELETE|OPTIONS) +http://127\\.0\\.0\\.1:\\d+/api/`, 'm'));
    const routeLines = stdout.split('\n').filter((l) => /^ {2}\S+ +(GET|POST|PUT|DELETE|PATCH|OPTIONS|ANY) +http:/.test(l));
    expect(routeLines.length).toBe(methods.length);
    expect(stdout).not.toMatch(/api_4F59AA66|<stage>/);
    // Production: the REST API's methods need the API key; the pipeline's POST the token.
    expect(routeLines.some((l) => /rest-api-dev +GET .*API key$/.test(l))).toBe(true);
    expect(routeLines.some((l) => /events-api-dev +POST .*\/events +token \(/.test(l))).toBe(true);
    for (const l of stdout.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('prints the local token and the one command that reads it on AWS', () => {
    expect(stdout).toMatch(/^token of events-api-dev \(SSM SecureString \/event-pipeline-dev\/auth-token\):\n {2}\S{16,} +\(the Authorization header\)$/m);
    expect(stdout).toContain('  aws ssm get-parameter --name /event-pipeline-dev/auth-token --with-decryption \\\n    --query Parameter.Value --output text');
  });

  it('prints no warning (npm, AWS SDK Node version notice) and exits 0 on Ctrl-C', () => {
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/warn|NodeVersionSupportWarning/i);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('stopped');
  });
});
