import { admittedConcurrency, ConfigError, DESIGN_DURATION_MS, getEnvironmentConfig, methodThrottle, PROFILE_NAMES } from '@tap/config';
import { Testing } from 'cdktf';
import { RestApiStack } from '@tap/stack-rest-api';
import { resourcesOf, synthJson } from '../../helpers/synth';

// Overload is answered 429 by API Gateway, never 500 by a throttled Lambda: every method in front of a
// function with reserved concurrency admits no more than the reservation holds at the design duration.
describe('method throttles derived from reserved concurrency', () => {
  it('dev items: 10 reserved behind 5 methods carry 10 req/s and a burst of 1 per method; ingest 10 carries 50 req/s, burst 5', () => {
    const dev = getEnvironmentConfig({ profile: 'dev' });
    expect(methodThrottle(dev, 'rest-api.items', 5)).toEqual({ rate: 10, burst: 1 });
    expect(methodThrottle(dev, 'event-pipeline.ingest', 1)).toEqual({ rate: 50, burst: 5 });
    // Unreserved: the stage default.
    expect(methodThrottle(dev, 'payment-api.create', 1)).toEqual({ rate: dev.api.throttleRateLimit, burst: dev.api.throttleBurstLimit });
  });

  it.each(PROFILE_NAMES)('%s: what every derived throttle admits fits its reservation', (profile) => {
    const config = getEnvironmentConfig({ profile });
    // The API functions and how many methods invoke each (the SQS consumer is behind no method).
    const methodsOf = { 'payment-api.create': 2, 'payment-api.status': 2, 'rest-api.items': 5, 'event-pipeline.ingest': 1 } as const;
    for (const [key, methods] of Object.entries(methodsOf) as [keyof typeof methodsOf, number][]) {
      const reserved = config.concurrency.reserved[key];
      {
        const t = methodThrottle(config, key, methods);
        if (reserved !== undefined) expect(admittedConcurrency(t, methods, DESIGN_DURATION_MS[key])).toBeLessThanOrEqual(reserved);
        else expect(t).toEqual({ rate: config.api.throttleRateLimit, burst: config.api.throttleBurstLimit });
        expect(t.rate).toBeLessThanOrEqual(config.api.throttleRateLimit);
        expect(t.burst).toBeLessThanOrEqual(config.api.throttleBurstLimit);
      }
    }
  });

  it('a reservation that cannot carry 1 req/s and a burst of 1 per method is a ConfigError naming it, at synth too', () => {
    const tiny = getEnvironmentConfig({ profile: 'dev', overrides: { concurrency: { reserved: { 'rest-api.items': 3 } } } });
    expect(() => methodThrottle(tiny, 'rest-api.items', 5)).toThrow(ConfigError);
    expect(() => methodThrottle(tiny, 'rest-api.items', 5)).toThrow(/^concurrency\.reserved\.rest-api\.items: 3 reserved executions cannot carry 1 request\/s and a burst of 1 on each of its 5 API methods .* Fix: reserve at least 6/);
    expect(() => synthJson(new RestApiStack(Testing.app(), 'rest-api', { config: tiny }))).toThrow(/concurrency\.reserved\.rest-api\.items/);
  });

  it('synthesized: each route to a reserved function has its own method setting with the derived throttle; the stage default stays', () => {
    const config = getEnvironmentConfig({ profile: 'production', suffix: 'thr-test' });
    const json = synthJson(new RestApiStack(Testing.app(), 'rest-api', { config }));
    const settings = resourcesOf(json, 'aws_api_gateway_method_settings');
    const paths = settings.map((s) => s.method_path).sort();
    expect(paths).toEqual(['*/*', 'items/GET', 'items/POST', 'items/{id}/DELETE', 'items/{id}/GET', 'items/{id}/PUT']);
    const expected = methodThrottle(config, 'rest-api.items', 5);
    for (const s of settings.filter((x) => x.method_path !== '*/*')) {
      expect(s.settings).toMatchObject({ throttling_rate_limit: expected.rate, throttling_burst_limit: expected.burst, metrics_enabled: true });
      expect(s.depends_on).toHaveLength(1);
    }
  });
});
