import type { EnvironmentConfig } from '@tap/config';
import type { PreflightOptions } from './types';

/** The concurrency budget and singleton opt-in the app's config sets (what the synth was built with). */
export function optionsFromConfig(config: EnvironmentConfig): PreflightOptions {
  return {
    plannedEnvironments: config.concurrency.plannedEnvironments,
    accountConcurrency: config.concurrency.accountLimit,
    minUnreserved: config.concurrency.minUnreserved,
    allowSingletons: config.accountSingletons,
  };
}
