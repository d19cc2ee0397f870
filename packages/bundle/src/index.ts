export * from './bundle';
export * from './zip';
