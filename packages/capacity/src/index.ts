export * from './limits';
export * from './paths';
export * from './durations';
export * from './synth-model';
export * from './model';
export * from './report';
export * from './raised';
