import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** What a connection returns when the caller leaves out `first`. */
const DEFAULT_PAGE = 20;

/**
 * What a connection costs before its nodes: a database round trip (and its count), paid again for
 * every parent it is nested in — the part of a nested page that costs the most time.
 */
const CONNECTION_COST = 10;

/** A connection's selection is paid once per node it may return: `first` (or `last`) times. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((a) => a.name === 'first')) return undefined;
  const page = Number(args.first ?? args.last ?? DEFAULT_PAGE);
  return CONNECTION_COST + childComplexity * (Number.isFinite(page) && page > 0 ? page : DEFAULT_PAGE);
};

const estimators = [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })];

/**
 * The cost of the operation a request runs: every field 1, a connection 10 plus its selection
 * times its page size. Infinity when the document expands past what the estimator will walk (fragment
 * bombs); 0 when the variables do not fit the document, which execution refuses on its own with
 * a clearer error.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, params: { variables?: unknown; operationName?: string | null } | undefined): number {
  const variables = params?.variables && typeof params.variables === 'object' ? (params.variables as Record<string, unknown>) : {};
  try {
    return getComplexity({ schema, query: document, variables, operationName: params?.operationName ?? undefined, estimators, maxQueryNodes: 20_000 });
  } catch (err) {
    if (err instanceof Error && /maximum allowed number of nodes/.test(err.message)) return Infinity;
    return 0;
  }
}
