export * from './tags';
export * from './cidr';
export * from './network';
export * from './endpoints';
export * from './flow-logs';
export * from './network-lookup';
