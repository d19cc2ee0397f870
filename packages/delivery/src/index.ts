export * from './plan-json';
export * from './plan-summary';
export { runCli, stackNameOf, USAGE } from './cli';
