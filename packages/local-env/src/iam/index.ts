export * from './identities';
export * from './calls';
export * from './enforcer';
