import { GraphQLError, type SourceLocation } from 'graphql';

/** The `type` GitHub puts on execution errors (top level of the error object, not in extensions). */
export type GithubErrorType =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_CURSOR_ARGUMENTS'
  | 'MISSING_PAGINATION_BOUNDARIES'
  | 'EXCESSIVE_PAGINATION'
  | 'MAX_NODE_LIMIT_EXCEEDED'
  | 'RATE_LIMITED';

export interface GithubGraphqlErrorJson {
  type?: GithubErrorType;
  code?: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: readonly SourceLocation[];
  message: string;
}

/** Thrown by resolvers: graphql-js adds the path and locations, `format` lifts the type. */
export function githubError(type: GithubErrorType, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { githubType: type, ...extensions } });
}

export const forbidden = (message: string): GraphQLError => githubError('FORBIDDEN', message, { saml_failure: false });

/** Puts an error in GitHub's shape: `{type, path, extensions, locations, message}`. */
export function formatGraphqlError(error: GraphQLError): GithubGraphqlErrorJson {
  const { githubType, ...extensions } = error.extensions;
  const out: GithubGraphqlErrorJson = { message: githubMessage(error) };
  if (typeof githubType === 'string') out.type = githubType as GithubErrorType;
  if (error.path) out.path = error.path;
  const ext = Object.keys(extensions).length > 0 ? extensions : validationExtensions(error);
  if (ext) out.extensions = ext;
  if (error.locations) out.locations = error.locations;
  return out;
}

const UNDEFINED_FIELD = /^Cannot query field "(\w+)" on type "(\w+)"\./;
const MISSING_VARIABLE = /^Variable "\$(\w+)" of required type "([^"]+)" was not provided\./;
const SYNTAX = /^Syntax Error: (.*)$/;

/** GitHub runs graphql-ruby: its messages for the common mistakes differ from graphql-js's. */
function githubMessage(error: GraphQLError): string {
  const field = UNDEFINED_FIELD.exec(error.message);
  if (field) return `Field '${field[1]}' doesn't exist on type '${field[2]}'`;
  const variable = MISSING_VARIABLE.exec(error.message);
  if (variable) return `Variable $${variable[1]} of type ${variable[2]} was provided invalid value`;
  const syntax = SYNTAX.exec(error.message);
  if (syntax) {
    const at = error.locations?.[0];
    return `Parse error on ${syntax[1]}${at ? ` at [${at.line}, ${at.column}]` : ''}`;
  }
  return error.message;
}

function validationExtensions(error: GraphQLError): Record<string, unknown> | undefined {
  const field = UNDEFINED_FIELD.exec(error.message);
  if (field) return { code: 'undefinedField', typeName: field[2], fieldName: field[1] };
  const variable = MISSING_VARIABLE.exec(error.message);
  if (variable) return { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] };
  return undefined;
}
