import { ConfigError, configFromEnv, getEnvironmentConfig } from '@tap/config';

describe('reserved concurrency against the account\'s real limit', () => {
  it('defaults to the AWS default quota of 1000 with 100 kept unreserved', () => {
    const config = getEnvironmentConfig({ profile: 'dev' });
    expect(config.concurrency).toMatchObject({ accountLimit: 1000, minUnreserved: 100 });
  });

  it('a new 10-limit account: the dev synth fails at config time and names RESERVED_CONCURRENCY=off', () => {
    expect(() => configFromEnv({ ENVIRONMENT_PROFILE: 'dev', ACCOUNT_CONCURRENCY_LIMIT: '10' })).toThrow(ConfigError);
    expect(() => configFromEnv({ ENVIRONMENT_PROFILE: 'dev', ACCOUNT_CONCURRENCY_LIMIT: '10' })).toThrow(/account limit 10 - 10 unreserved.*RESERVED_CONCURRENCY=off/);
  });

  it('a new 10-limit account deploys dev with RESERVED_CONCURRENCY=off: no function reserves any', () => {
    const config = configFromEnv({ ENVIRONMENT_PROFILE: 'dev', ACCOUNT_CONCURRENCY_LIMIT: '10', RESERVED_CONCURRENCY: 'off' });
    expect(config.concurrency.reserved).toEqual({});
    expect(config.concurrency.minUnreserved).toBe(10);
  });

  it('production in an account below its budget fails naming ACCOUNT_CONCURRENCY_LIMIT', () => {
    expect(() => configFromEnv({ ENVIRONMENT_PROFILE: 'production', ACCOUNT_CONCURRENCY_LIMIT: '150' })).toThrow(/ACCOUNT_CONCURRENCY_LIMIT/);
    expect(configFromEnv({ ENVIRONMENT_PROFILE: 'production', ACCOUNT_CONCURRENCY_LIMIT: '5000' }).concurrency.accountLimit).toBe(5000);
  });

  it('bad values name the variable', () => {
    expect(() => configFromEnv({ ACCOUNT_CONCURRENCY_LIMIT: 'ten' })).toThrow(/ACCOUNT_CONCURRENCY_LIMIT/);
    expect(() => configFromEnv({ RESERVED_CONCURRENCY: 'maybe' })).toThrow(/RESERVED_CONCURRENCY.*on or off/);
  });
});
