export * from './http';
export * from './aws-errors';
