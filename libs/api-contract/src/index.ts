export * from './schemas';
export * from './program.schemas';
