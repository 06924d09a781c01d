export * from './framework.schema';
export * from './catalog';
export * from './scoring';
