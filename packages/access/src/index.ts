export * from './types';
export * from './model';
export * from './simulate';
export * from './network';
export * from './engine';
export * from './report';
export * from './contracts';
export * from './unused';
export * from './profiles';
export { callResourceArn, functions, type FunctionInfo } from './interactions/lambda';
export * from './runtime';
// The command line (`pnpm access`), for the tests that drive it in this process, under names of this package.
export { main as accessMain, parseArgs as parseAccessArgs } from './cli';
