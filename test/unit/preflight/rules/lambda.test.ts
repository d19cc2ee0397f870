import { lambdaConcurrencyBudget, lambdaEnvKms, lambdaLogGroup, lambdaRuntime, lambdaTimeout, lambdaTracing } from '@tap/preflight';
import { check, goodFunction, stack, title } from './helpers';

const one = (overrides: Record<string, unknown>) => stack({ resource: { aws_lambda_function: { fn: goodFunction('fn-dev', overrides) } } });

describe(title(lambdaRuntime), () => {
  it('compliant: nodejs22.x, nodejs24.x, python3.13, provided.al2023', () => {
    for (const runtime of ['nodejs22.x', 'nodejs24.x', 'python3.12', 'python3.13', 'java21', 'provided.al2023']) expect(check(lambdaRuntime, one({ runtime }))).toEqual([]);
  });
  it('PIPE-21: nodejs18.x, and nodejs20.x / python3.9 near or past end of support, are errors', () => {
    for (const runtime of ['nodejs18.x', 'nodejs20.x', 'python3.9', 'go1.x']) expect(check(lambdaRuntime, one({ runtime }))).toHaveLength(1);
  });
});

describe(title(lambdaTimeout), () => {
  it('compliant: 30 and 300 seconds', () => {
    expect(check(lambdaTimeout, one({ timeout: 30 }))).toEqual([]);
    expect(check(lambdaTimeout, one({ timeout: 300 }))).toEqual([]);
  });
  it('PIPE-18: 5 s, 900 s and the unset 3 s default are errors', () => {
    for (const timeout of [5, 900, undefined]) expect(check(lambdaTimeout, one({ timeout }))).toHaveLength(1);
  });
  it('the range is an option', () => {
    expect(check(lambdaTimeout, one({ timeout: 5 }), { timeoutRange: [3, 900] })).toEqual([]);
  });
});

describe(title(lambdaTracing), () => {
  it('compliant: Active', () => expect(check(lambdaTracing, one({}))).toEqual([]));
  it('PassThrough or missing is an error', () => {
    expect(check(lambdaTracing, one({ tracing_config: { mode: 'PassThrough' } }))).toHaveLength(1);
    expect(check(lambdaTracing, one({ tracing_config: undefined }))).toHaveLength(1);
  });
});

describe(title(lambdaEnvKms), () => {
  it('compliant: environment with kms_key_arn, or no environment', () => {
    expect(check(lambdaEnvKms, one({}))).toEqual([]);
    expect(check(lambdaEnvKms, one({ environment: undefined, kms_key_arn: undefined }))).toEqual([]);
  });
  it('REST-03: environment without kms_key_arn is an error', () => {
    expect(check(lambdaEnvKms, one({ kms_key_arn: undefined }))).toHaveLength(1);
  });
});

describe(title(lambdaConcurrencyBudget), () => {
  const reserving = (name: string, ...values: number[]) =>
    stack({ name, resource: { aws_lambda_function: Object.fromEntries(values.map((v, i) => [`fn${i}`, goodFunction(`${name}-${i}-dev`, { reserved_concurrent_executions: v })])) } });
  it('compliant: the repo dev profile (10 + 10 + 5 + 5) x 4 environments fits 900', () => {
    expect(check(lambdaConcurrencyBudget, [reserving('rest', 10), reserving('pipe', 10, 5, 5)], { plannedEnvironments: 4 })).toEqual([]);
  });
  it('compliant: -1 (unreserved) counts as nothing', () => {
    expect(check(lambdaConcurrencyBudget, reserving('x', -1, 850))).toEqual([]);
  });
  it('PIPE-05: 100 + 50 + 75 x 4 planned environments is over 900, reported on each reserving function', () => {
    const findings = check(lambdaConcurrencyBudget, [reserving('pipe', 100, 50, 75), reserving('vpc')], { plannedEnvironments: 5 });
    expect(findings.map((f) => f.address)).toEqual(['aws_lambda_function.fn0', 'aws_lambda_function.fn1', 'aws_lambda_function.fn2']);
    expect(findings[0].message).toMatch(/225 per environment \(pipe=225\) x 5 planned environments = 1125, over the 900 available/);
  });
  it('sums across stacks (app-wide budget)', () => {
    expect(check(lambdaConcurrencyBudget, [reserving('a', 500), reserving('b', 401)])).toHaveLength(2);
  });
});

describe(title(lambdaLogGroup), () => {
  it('compliant: the stack creates /aws/lambda/<name> (literal or by reference)', () => {
    const literal = stack({ resource: { aws_lambda_function: { fn: goodFunction('fn-dev') }, aws_cloudwatch_log_group: { lg: { name: '/aws/lambda/fn-dev' } } } });
    const byRef = stack({ resource: { aws_lambda_function: { fn: goodFunction('fn-dev') }, aws_cloudwatch_log_group: { lg: { name: '/aws/lambda/${aws_lambda_function.fn.function_name}' } } } });
    expect(check(lambdaLogGroup, literal)).toEqual([]);
    expect(check(lambdaLogGroup, byRef)).toEqual([]);
  });
  it('PIPE-08: a function whose log group Lambda would create is an error', () => {
    expect(check(lambdaLogGroup, one({}))).toHaveLength(1);
  });
});
