export * from './embedded-postgres.adapter';
