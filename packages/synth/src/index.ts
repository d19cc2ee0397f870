export * from './types';
export * from './repo-root';
export * from './read';
export * from './walk';
export * from './synthesize';
export * from './cache';
