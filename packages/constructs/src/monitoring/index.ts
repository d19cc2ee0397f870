export * from './alarm';
export * from './alarm-topic';
export * from './metric';
export * from './monitor';
export * from './presets';
export * from './queries';
