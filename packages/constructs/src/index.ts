export * from './base-stack';
export * from './bundle';
export * from './iam';
export * from './encryption-key';
export * from './nodejs-function';
