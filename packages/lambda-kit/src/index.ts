export * from './http';
export * from './aws-errors';
export * from './caller';
