export * from './schemas';
export * from './program.schemas';
export * from './audit.schemas';
