export * from './environment';
export * from './mocks';
export * from './rehearse';
