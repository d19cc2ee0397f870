export * from './http';
export * from './aws-errors';
export * from './contract';
export * from './sdk';
export * from './json-bounds';
export * from './hash';
export * from './caller';
