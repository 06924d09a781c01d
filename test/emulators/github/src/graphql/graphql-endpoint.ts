import { execute, getOperationAST, getVariableValues, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import type { Principal } from '../model/access';
import type { GithubModel } from '../model/github-model';
import type { RateLimitSnapshot } from '../rate-limiter';
import type { ApiUrls } from '../rest/api-urls';
import { DOCS, httpErrors } from '../rest/http-error';
import { githubSchema } from './github-schema';
import type { GraphqlContext } from './graphql-context';
import { formatGraphqlError, type GithubGraphqlErrorJson } from './graphql-errors';
import { computeQueryCost } from './query-cost';
import { queryRoot } from './query-root';

export interface GraphqlDeps {
  readonly model: GithubModel;
  readonly principal: Principal;
  readonly urls: ApiUrls;
  /** The quota now, for a query that is refused before it is charged. */
  readonly snapshot: () => RateLimitSnapshot;
  /** Charges the query's cost; `ok: false` when it does not fit (or the quota is forced exhausted). */
  readonly charge: (cost: number) => { ok: boolean; snapshot: RateLimitSnapshot };
}

export interface GraphqlOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly charged: number;
  readonly snapshot: RateLimitSnapshot;
  readonly rateLimited: boolean;
}

interface GraphqlRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readRequest(raw: string): GraphqlRequest | GithubGraphqlErrorJson {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw httpErrors.problemsParsingJson(DOCS.graphql);
  }
  if (!isRecord(json) || typeof json['query'] !== 'string') return { message: 'A query attribute must be specified and must be a string.' };
  const variables = json['variables'];
  const operationName = json['operationName'];
  return {
    query: json['query'],
    variables: isRecord(variables) ? variables : {},
    operationName: typeof operationName === 'string' ? operationName : undefined,
  };
}

/**
 * POST /api/graphql: parse and validate (errors answered 200 with `errors` only, as GitHub does),
 * enforce pagination and node limits, charge the cost (RATE_LIMITED when it does not fit), execute.
 * Queries refused before execution are not charged.
 */
export async function handleGraphql(raw: string, deps: GraphqlDeps): Promise<GraphqlOutcome> {
  const refused = (errors: readonly GithubGraphqlErrorJson[]): GraphqlOutcome => ({ status: 200, body: { errors }, charged: 0, snapshot: deps.snapshot(), rateLimited: false });
  const request = readRequest(raw);
  if (!('query' in request)) return refused([request]);

  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (err) {
    if (err instanceof GraphQLError) return refused([formatGraphqlError(err)]);
    throw err;
  }
  const schema = githubSchema();
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return refused(validationErrors.map(formatGraphqlError));

  // Bad or missing variables are refused before anything is charged, like a validation error.
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return refused([{ message: request.operationName ? `No operation named "${request.operationName}"` : 'An operation name is required' }]);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables);
  if (coerced.errors) return refused(coerced.errors.map(formatGraphqlError));

  const cost = computeQueryCost(schema, document, request.operationName, request.variables);
  if (cost.errors.length > 0) return refused(cost.errors.map(formatGraphqlError));

  const charge = cost.dryRun ? { ok: true, snapshot: deps.snapshot() } : deps.charge(cost.cost);
  if (!charge.ok) {
    const who = deps.principal.user ? `user ID ${deps.principal.user.id}` : 'this installation';
    const already = charge.snapshot.remaining === 0 ? 'already ' : '';
    return {
      status: 200,
      body: { errors: [{ type: 'RATE_LIMITED', code: 'graphql_rate_limit', message: `API rate limit ${already}exceeded for ${who}.` }] },
      charged: 0,
      snapshot: charge.snapshot,
      rateLimited: true,
    };
  }

  const ctx: GraphqlContext = {
    model: deps.model,
    principal: deps.principal,
    urls: deps.urls,
    rateLimit: { cost: cost.cost, nodeCount: cost.nodeCount, snapshot: charge.snapshot },
  };
  const result = await execute({ schema, document, rootValue: queryRoot, contextValue: ctx, variableValues: request.variables, operationName: request.operationName });
  const body: Record<string, unknown> = {};
  if (result.data !== undefined) body['data'] = result.data;
  if (result.errors && result.errors.length > 0) body['errors'] = result.errors.map(formatGraphqlError);
  return { status: 200, body, charged: cost.dryRun ? 0 : cost.cost, snapshot: charge.snapshot, rateLimited: false };
}
