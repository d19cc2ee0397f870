import { createHash, randomBytes } from 'node:crypto';
import type { Placement, TextOf } from './emulator';
import type { StackResource as TfResource } from '@tap/synth';

/** Deterministic short id for a resource, like API Gateway's 10-character ids. */
export function shortId(r: TfResource): string {
  return createHash('sha1').update(`${r.stack}|${r.type}|${r.name}`).digest('hex').slice(0, 10);
}

const generated = new Map<string, string>();
/** A random value generated once per resource per start-up (API key values, ephemeral passwords). */
export function generatedSecret(key: string, length: number): string {
  let v = generated.get(key);
  if (!v) {
    v = randomBytes(length * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, length);
    generated.set(key, v);
  }
  return v;
}

/**
 * The synthesized physical name (`key`, default `name`), so handlers and tests see the same names as on
 * AWS; with only a `name_prefix`, the prefix and `local`; with neither, `<terraform name>-local`.
 */
export function physicalName(r: TfResource, text: TextOf, key = 'name'): string {
  const c = r.config;
  return c[key] !== undefined ? text(c[key]) : c.name_prefix !== undefined ? `${text(c.name_prefix)}local` : `${r.name}-local`;
}

/** `arn:aws:<service>:<region>:<account>:<rest>` where the resource runs. */
export function arnAt(at: Placement, service: string, rest: string): string {
  return `arn:aws:${service}:${at.region}:${at.accountId}:${rest}`;
}
