export * from './environment';
export * from './mocks';
export * from './rehearse';
export * from './root';
export * from './terraform-cli';
