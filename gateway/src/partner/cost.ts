import {
  getNamedType,
  GraphQLError,
  visit,
  isCompositeType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The cost rules of the public API, in one place (HTTP and WebSocket both call `operationCost`).
 * Measured against Shopify's and GitHub's: what a query may fetch, computed before anything runs,
 * with the operation's variables applied (so `first: $n` counts as what $n is).
 *
 * - A scalar or enum field costs 0; an object (or interface or union) field costs 1 plus what is
 *   selected inside it. Edges (`…Edge`) and `PageInfo` are wrappers and cost nothing themselves.
 * - A paginated field (one taking `first` or `last`) costs 1 plus what one item costs times
 *   `first` (else `last`, else 20 when neither is given): `videos(first: 50) { edges { node { id } } }`
 *   costs 1 + 50 × 1. The `edges` and `nodes` lists inside a connection are the items that
 *   multiplier counted already, and are not multiplied again.
 * - Any other list of objects multiplies by 20 (its size is unknown before it runs).
 * - Nested lists multiply: `titles(first: 100) { … seasons(first: 100) { … episodes(first: 100) …`
 *   costs 1,020,201.
 * - Each mutation field costs 10 more (it writes); `rateLimit` and introspection (`__schema`,
 *   `__type`, `__typename`) cost nothing, so asking about your budget never spends it.
 */
export const COST_RULES = {
  /** Items assumed for a list whose size the request does not give. */
  defaultListSize: 20,
  mutation: 10,
  object: 1,
  scalar: 0,
  /** Fields that cost nothing at all, with everything under them. */
  free: new Set(['Query.rateLimit']),
  /** Object types that cost nothing themselves (what is inside them still counts). */
  wrappers: (typeName: string) => typeName.endsWith('Edge') || typeName === 'PageInfo',
} as const;

/** The most one operation may cost (the default of MAX_OPERATION_COST). */
export const DEFAULT_MAX_OPERATION_COST = 10_000;

const isList = (type: GraphQLOutputType): boolean =>
  isListType(isNonNullType(type) ? type.ofType : type);

const pageSize = (args: Record<string, unknown>): number | undefined => {
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return Math.max(0, value);
    }
  }
  return undefined;
};

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const coordinate = `${type.name}.${field.name}`;
  if (field.name.startsWith('__') || COST_RULES.free.has(coordinate)) {
    return 0;
  }
  const returns = getNamedType(field.type);
  const own =
    !isCompositeType(returns) || COST_RULES.wrappers(returns.name)
      ? COST_RULES.scalar
      : COST_RULES.object;
  const write = type.name === 'Mutation' ? COST_RULES.mutation : 0;
  if (field.args.some(arg => arg.name === 'first' || arg.name === 'last')) {
    return write + own + (pageSize(args) ?? COST_RULES.defaultListSize) * childComplexity;
  }
  const items =
    isList(field.type) && isCompositeType(returns) && !type.name.endsWith('Connection')
      ? COST_RULES.defaultListSize
      : 1;
  return write + items * (own + childComplexity);
};

export interface OperationCostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * The variables a document's cost can depend on: those inside a `first`/`last` argument or a
 * directive (`@include(if: $x)`). Any other variable (`id: $id`) changes what runs, not its cost.
 */
function costVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  let inside = 0;
  const enter = () => void (inside += 1);
  const leave = () => void (inside -= 1);
  visit(document, {
    Argument: {
      enter: node => {
        if (node.name.value === 'first' || node.name.value === 'last') {
          inside += 1;
        }
      },
      leave: node => {
        if (node.name.value === 'first' || node.name.value === 'last') {
          inside -= 1;
        }
      },
    },
    Directive: { enter, leave },
    Variable: node => {
      if (inside > 0) {
        names.add(node.name.value);
      }
    },
    // a variable's definition names it too: not a use
    VariableDefinition: () => false,
  });
  return [...names].sort();
}

/** Costs already computed, per schema and parsed document (Apollo reuses parsed documents). */
const computed = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>
>();
/** Distinct (operation, cost variables) costs kept per document: bounded against junk values. */
const COSTS_PER_DOCUMENT = 1000;
const ABSENT = { absent: true };

/**
 * What the operation costs with its variables. Throws a coded GraphQLError when the variables do not
 * fit the operation (graphql-query-complexity coerces them as execution would).
 *
 * Computed once per document, operation and value of the variables the cost depends on (page
 * sizes, directives): it walked the whole operation against the schema on every request, a good
 * share of the gateway's time. Variables that cannot change the cost (ids) are coerced by execution.
 */
export function operationCost(input: OperationCostInput): number {
  const { schema, document, variables, operationName } = input;
  let bySchema = computed.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    computed.set(schema, bySchema);
  }
  let entry = bySchema.get(document);
  if (!entry) {
    entry = { variables: costVariablesOf(document), costs: new Map() };
    bySchema.set(document, entry);
  }
  const key = JSON.stringify([
    operationName ?? null,
    // absent (the document's default applies) is not the same as null
    entry.variables.map(name => (variables && name in variables ? variables[name] : ABSENT)),
  ]);
  const known = entry.costs.get(key);
  if (known !== undefined) {
    return known;
  }
  const cost = computeCost(input);
  if (entry.costs.size >= COSTS_PER_DOCUMENT) {
    entry.costs.delete(entry.costs.keys().next().value!);
  }
  entry.costs.set(key, cost);
  return cost;
}

function computeCost({ schema, document, variables, operationName }: OperationCostInput): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [estimator],
      maxQueryNodes: 100_000,
    });
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new GraphQLError(error.message, {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
    throw error;
  }
}

/** The refusal of an operation that costs more than one operation may. */
export function tooCostly(cost: number, maximum: number, reason = 'one operation may cost') {
  return new GraphQLError(
    `This operation costs ${cost} points; ${reason} at most ${maximum}. Ask for fewer items (first/last) or fewer nested lists.`,
    {
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        cost: { requestedQueryCost: cost, maximumQueryCost: maximum },
        http: { status: 400 },
      },
    },
  );
}
