import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MAX_NODES = 500_000;
const MAX_PAGE = 100;

export interface QueryCost {
  /** Rate-limit points: connections' requests / 100, rounded, at least 1. */
  readonly cost: number;
  /** Worst-case nodes the query may return (limited to 500,000 per query). */
  readonly nodeCount: number;
  /** `rateLimit(dryRun: true)`: compute, do not charge. */
  readonly dryRun: boolean;
  readonly errors: readonly GraphQLError[];
}

type Variables = Readonly<Record<string, unknown>>;

function argValue(node: ValueNode | undefined, variables: Variables): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

function fieldArg(field: FieldNode, name: string, variables: Variables): unknown {
  return argValue(field.arguments?.find((a) => a.name.value === name)?.value, variables);
}

function paginationError(type: 'MISSING_PAGINATION_BOUNDARIES' | 'EXCESSIVE_PAGINATION', message: string, field: FieldNode, path: readonly string[]): GraphQLError {
  return new GraphQLError(message, { nodes: [field], path: [...path], extensions: { githubType: type } });
}

/**
 * GitHub's published formulas, computed before execution:
 * - every connection must say `first` or `last`, 0..100;
 * - nodeCount multiplies page sizes down each path and sums across paths (limit 500,000);
 * - cost adds, for each connection, the requests needed to fill it (one per parent node),
 *   divides by 100 and rounds, with a minimum of 1.
 */
export function computeQueryCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Variables): QueryCost {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  // Variables not sent fall back to their declared defaults, as execution will.
  const vars: Record<string, unknown> = {};
  for (const def of operation?.variableDefinitions ?? []) vars[def.variable.name.value] = argValue(def.defaultValue, {});
  Object.assign(vars, variables);

  const errors: GraphQLError[] = [];
  let requests = 0;
  let nodeCount = 0;
  let dryRun = false;

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, path: readonly string[]): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, multiplier, path);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (fragment && type && isCompositeType(type)) walk(fragment.selectionSet, type, multiplier, path);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const def = parent.getFields()[name];
      if (!def) continue;
      const responsePath = [...path, selection.alias?.value ?? name];
      if (path.length === 0 && name === 'rateLimit' && fieldArg(selection, 'dryRun', vars) === true) dryRun = true;
      const named = getNamedType(def.type);
      let childMultiplier = multiplier;
      if (named.name.endsWith('Connection') && def.args.some((a) => a.name === 'first')) {
        const first = fieldArg(selection, 'first', vars);
        const last = fieldArg(selection, 'last', vars);
        const sizes = [first, last].filter((v): v is number => typeof v === 'number');
        if (sizes.length === 0) {
          errors.push(paginationError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, selection, responsePath));
          continue;
        }
        const bad = sizes.find((n) => n < 0 || n > MAX_PAGE);
        if (bad !== undefined) {
          const arg = bad === first ? 'first' : 'last';
          errors.push(paginationError('EXCESSIVE_PAGINATION', `Requesting ${bad} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`, selection, responsePath));
          continue;
        }
        const size = Math.max(...sizes);
        requests += multiplier;
        nodeCount += multiplier * size;
        childMultiplier = multiplier * size;
      }
      if (selection.selectionSet && isCompositeType(named)) {
        walk(selection.selectionSet, named, childMultiplier, responsePath);
      }
    }
  };

  const root = schema.getQueryType();
  if (operation && root) walk(operation.selectionSet, root, 1, []);
  if (nodeCount > MAX_NODES) {
    errors.push(
      new GraphQLError(
        `This query requests up to ${nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
        { extensions: { githubType: 'MAX_NODE_LIMIT_EXCEEDED' } },
      ),
    );
  }
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount, dryRun, errors };
}
