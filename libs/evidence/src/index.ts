export * from './canonical-json';
export * from './collection-runner';
