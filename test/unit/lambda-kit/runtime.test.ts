import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { dependencyFailure, failureKind, isConditionalCheckFailed, isThrottling, isUnavailable, numberEnv, optionalEnv, requiredEnv } from '@tap/lambda-kit';

const sdkError = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new DynamoDBServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } }), extra);

describe('the one dependency-failure rule', () => {
  it('throttling: the SDK classification (names, 429, the throttling trait) plus the extras, each 503 with Retry-After', () => {
    const throttled = [
      sdkError('ProvisionedThroughputExceededException', 400),
      sdkError('ThrottlingException', 400),
      sdkError('RequestLimitExceeded', 400),
      sdkError('SomethingNew', 429),
      sdkError('SomethingElse', 400, { $retryable: { throttling: true } }),
      sdkError('TransactionConflictException', 400),
      sdkError('KMSThrottlingException', 400),
    ];
    for (const err of throttled) {
      expect({ name: err.name, throttled: isThrottling(err) }).toEqual({ name: err.name, throttled: true });
      const answer = dependencyFailure(err, 'busy');
      expect(answer.statusCode).toBe(503);
      expect(answer.headers?.['Retry-After']).toBe('1');
    }
  });

  it('unavailable: timeouts, socket codes and any 5xx are 503; an EventBridge entry code by its name alone is too', () => {
    const unavailable: unknown[] = [
      Object.assign(new Error('t'), { name: 'TimeoutError' }),
      Object.assign(new Error('r'), { code: 'ECONNRESET' }),
      Object.assign(new Error('n'), { code: 'ENOTFOUND' }),
      sdkError('InternalServerError', 500),
      sdkError('Whatever', 503),
      { name: 'InternalException' },
      { name: 'ServiceUnavailable' },
    ];
    for (const err of unavailable) {
      expect(isUnavailable(err)).toBe(true);
      expect(dependencyFailure(err, 'busy').statusCode).toBe(503);
    }
  });

  it('anything else is 500 with no detail, never 502 (API Gateway answers 502 for a crashed function)', () => {
    for (const err of [sdkError('AccessDeniedException', 400), sdkError('ResourceNotFoundException', 400), new Error('bug'), 'a string', undefined, null]) {
      const answer = dependencyFailure(err, 'busy');
      expect(answer.statusCode).toBe(500);
      expect(JSON.parse(answer.body)).toEqual({ error: 'internal error' });
      expect(failureKind(err)).toBe('internal');
    }
    expect(isConditionalCheckFailed(sdkError('ConditionalCheckFailedException', 400))).toBe(true);
    expect(isConditionalCheckFailed(sdkError('ValidationException', 400))).toBe(false);
  });
});

describe('environment at cold start', () => {
  afterEach(() => {
    delete process.env.KIT_TEST_VAR;
  });

  it('a missing required variable fails naming it; optional and number variables fall back when unset', () => {
    expect(() => requiredEnv('KIT_TEST_VAR')).toThrow('environment variable KIT_TEST_VAR is not set');
    expect(optionalEnv('KIT_TEST_VAR', 'fallback')).toBe('fallback');
    expect(numberEnv('KIT_TEST_VAR', 35)).toBe(35);
    process.env.KIT_TEST_VAR = '12';
    expect(requiredEnv('KIT_TEST_VAR')).toBe('12');
    expect(numberEnv('KIT_TEST_VAR', 35)).toBe(12);
  });

  it('a malformed number fails naming the variable', () => {
    process.env.KIT_TEST_VAR = 'thirty';
    expect(() => numberEnv('KIT_TEST_VAR', 35)).toThrow(/KIT_TEST_VAR must be a non-negative number, got "thirty"/);
  });

  it('a handler module without its variables fails at load naming the first missing one', async () => {
    const saved = process.env.PAYMENTS_TABLE;
    delete process.env.PAYMENTS_TABLE;
    process.env.ENVIRONMENT_SUFFIX = 'kit1';
    await expect(jest.isolateModulesAsync(async () => void (await import('../../../lambdas/payment-api/src/get-payment/handler')))).rejects.toThrow('environment variable PAYMENTS_TABLE is not set');
    if (saved !== undefined) process.env.PAYMENTS_TABLE = saved;
  });
});
