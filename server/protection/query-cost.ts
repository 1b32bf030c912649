import { Kind, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
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
  const known = costsOf(schema, document);
  const key = `${params?.operationName ?? ''}\u0000${JSON.stringify(known.costVariables.map((name) => variables[name] ?? null))}`;
  let cost = known.byKey.get(key);
  if (cost === undefined) {
    const worked = uncachedCost(schema, document, variables, params?.operationName);
    // Variables that do not fit cost 0 (execution refuses them): never kept, or a request with
    // one bad variable would make the same page sizes free for the requests after it.
    if (!worked.fits) return worked.cost;
    cost = worked.cost;
    if (known.byKey.size >= MAX_COSTS_PER_DOCUMENT) known.byKey.clear();
    known.byKey.set(key, cost);
  }
  return cost;
}

/**
 * The same operation sent again (a participant's sendMessage, a dashboard's poll) costs the same
 * unless the variables the cost reads change: those of page sizes and of @include/@skip. A chat
 * message's text does not, so it is costed once per document, not once per message.
 */
const MAX_COSTS_PER_DOCUMENT = 64;
const costsBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { costVariables: string[]; byKey: Map<string, number> }>>();

function costsOf(schema: GraphQLSchema, document: DocumentNode) {
  let byDocument = costsBySchema.get(schema);
  if (!byDocument) costsBySchema.set(schema, (byDocument = new WeakMap()));
  let known = byDocument.get(document);
  if (!known) byDocument.set(document, (known = { costVariables: costVariables(document), byKey: new Map() }));
  return known;
}

/** The variables given to `first`, `last` or any directive: all the estimators and getComplexity read of the variables. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  let inDirective = 0;
  visit(document, {
    Directive: { enter: () => void inDirective++, leave: () => void inDirective-- },
    Argument(node) {
      if (!inDirective && node.name.value !== 'first' && node.name.value !== 'last') return;
      visit(node.value, { Variable: (v) => void names.add(v.name.value) });
    },
    [Kind.VARIABLE_DEFINITION]: () => false,
  });
  return [...names].sort();
}

function uncachedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined): { cost: number; fits: boolean } {
  try {
    const cost = getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators, maxQueryNodes: 20_000 });
    return { cost, fits: true };
  } catch (err) {
    if (err instanceof Error && /maximum allowed number of nodes/.test(err.message)) return { cost: Infinity, fits: true };
    return { cost: 0, fits: false };
  }
}
