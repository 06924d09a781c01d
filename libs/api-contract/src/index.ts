export * from './permissions';
export * from './schemas';
export * from './program.schemas';
export * from './audit.schemas';
export * from './access.schemas';
