import { resources } from '@tap/synth';
import { ACCOUNT_SINGLETONS } from './account-singleton';
import { defineRule } from './define';

/** Profiles whose environments are many short-lived copies on shared infrastructure. */
const COPY_PROFILES = ['pr'];

/** TAP-SINGLETON-02 no account singleton in a pull-request environment, even opted in — no public anchor (complements TAP-SINGLETON-01). */
export const singletonSharedProfile = defineRule(
  {
    id: 'TAP-SINGLETON-02',
    severity: 'error',
    description: 'No account-wide singleton in a pr-profile stack (default tag Profile=pr), even with AccountSingletons=true: the copies overwrite it and any destroy resets it',
    anchors: [],
  },
  (ctx, report) => {
    if (!ctx.profile || !COPY_PROFILES.includes(ctx.profile.toLowerCase())) return;
    for (const r of resources(ctx.stack.json, ...ACCOUNT_SINGLETONS)) {
      report(r.address, `${r.type} in a ${ctx.profile} environment: every pull-request copy would overwrite it and destroying one resets it for the account. Fix: unset ENABLE_ACCOUNT_SINGLETONS for pr environments and set it in exactly one long-lived environment.`);
    }
  },
);
