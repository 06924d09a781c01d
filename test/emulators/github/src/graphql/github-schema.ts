import { buildSchema, type GraphQLSchema } from 'graphql';
import { GITHUB_SCHEMA_SDL } from './schema-sdl';

let schema: GraphQLSchema | undefined;

/** Built once per process: the SDL never changes and building it is the slow part. */
export function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(GITHUB_SCHEMA_SDL);
  return schema;
}
