export * from './plan-json';
export * from './plan-summary';
export { runCli, stackNameOf, USAGE } from './cli';
export { main as runSmoke, runCheck, smokeChecks, type SmokeCheck, type SmokeResult } from './smoke';
