export * from './environment';
export * from './ops';
