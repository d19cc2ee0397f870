import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './errors';

/** Region used when nothing else names one. */
export const DEFAULT_REGION = 'us-east-1';

const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export interface RegionSources {
  /** Explicitly requested region (highest precedence). */
  readonly explicit?: string;
  /** The `AWS_REGION` environment variable. */
  readonly env?: string;
  /** Directory holding an optional `AWS_REGION` file (one line, the region code). */
  readonly repoRoot?: string;
}

/** Checks that a region code looks like one, naming the field that carried it. */
export function validateRegion(region: string, field: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new ConfigError(field, `"${region}" is not an AWS region code`, 'use a code such as us-east-1 or eu-central-1');
  }
  return region;
}

/** Resolves the region: explicit > `AWS_REGION` env > `AWS_REGION` file at the repo root > us-east-1. */
export function resolveRegion(sources: RegionSources): string {
  if (sources.explicit) return validateRegion(sources.explicit.trim(), 'region');
  if (sources.env) return validateRegion(sources.env.trim(), 'AWS_REGION');
  if (sources.repoRoot) {
    const file = join(sources.repoRoot, 'AWS_REGION');
    if (existsSync(file)) {
      const value = readFileSync(file, 'utf8').trim();
      if (value) return validateRegion(value, `${file}`);
    }
  }
  return DEFAULT_REGION;
}
