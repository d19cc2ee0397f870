export * from './prices';
export * from './estimate';
export * from './report';
export * from './run';
