export * from './app';
export * from './bundles';
