import { coerceInputValue, GraphQLError, isInputType, Kind, typeFromAST, visit, BREAK, type DocumentNode, type ExecutionArgs, type ExecutionResult, type VariableDefinitionNode } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../shared/database-unavailable.js';
import { RequestRefusedError } from '../shared/errors.js';

/**
 * Every error leaves with an `extensions.code` a program can branch on. graphql-js gives none to
 * the errors of an operation it refuses before running it (a variable of the wrong type, a
 * missing required variable), yoga gives none to a parse error outside HTTP (graphql-ws), and a
 * GraphQLError that a resolver throws without a code would go out bare. A request the domain
 * refused (RequestRefusedError) goes out with its own code and details.
 */
export function useErrorCodes(): Plugin {
  return {
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError && !result.extensions.code) replaceParseResult(withExtensions(result, { code: 'GRAPHQL_PARSE_FAILED' }));
      },
    onExecute: ({ args }) => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, withCodes(args)) }),
    onSubscribe: ({ args }) => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, withCodes(args)) }),
  };
}

function withCodes(args: ExecutionArgs) {
  return ({ result, setResult }: { result: ExecutionResult; setResult: (r: ExecutionResult) => void }) => {
    if (!result.errors?.some((e) => refused(e) || unavailable(e) || lacking(e))) return;
    const fix = (e: GraphQLError) => (refused(e) ? fromRefusal(e) : unavailable(e) ? databaseUnavailableError(e) : lacking(e) ? coded(e, args) : e);
    setResult({ ...result, errors: result.errors.map((e) => fix(e as GraphQLError)) });
  };
}

const refused = (error: unknown) => error instanceof GraphQLError && error.originalError instanceof RequestRefusedError;

const HTTP_STATUS: Partial<Record<RequestRefusedError['code'], number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** The domain's refusal as the caller sees it; the HTTP status is what a plain HTTP client expects. */
export function refusalError(refusal: RequestRefusedError, at?: GraphQLError): GraphQLError {
  const status = HTTP_STATUS[refusal.code];
  return new GraphQLError(refusal.message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    extensions: { code: refusal.code, ...refusal.details, ...(status ? { http: { status } } : {}) },
  });
}

const unavailable = (error: unknown) => error instanceof GraphQLError && !(error.originalError instanceof GraphQLError) && isDatabaseUnavailable(error.originalError);

/**
 * The database went away (a restart, a failover): the caller is told so, as a condition that
 * passes (503), instead of a masked internal error it could not tell from a bug.
 */
export function databaseUnavailableError(at?: GraphQLError): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
  });
}

const fromRefusal = (error: GraphQLError) => refusalError(error.originalError as RequestRefusedError, error);

const refusedVariable = (error: GraphQLError) => error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION;

/** Errors that are not GraphQLErrors are masked by yoga as INTERNAL_SERVER_ERROR, not here. */
const lacking = (error: unknown) => error instanceof GraphQLError && (!error.extensions.code || (refusedVariable(error) && !error.extensions.field));

function coded(error: GraphQLError, args: ExecutionArgs): GraphQLError {
  // An error with a path came from running a field: without a code, it is ours, not the caller's.
  if (error.path) return withExtensions(error, { code: 'INTERNAL_SERVER_ERROR' });
  const definition = error.nodes?.[0];
  const field = definition?.kind === Kind.VARIABLE_DEFINITION ? variableField(args, definition) : undefined;
  return withExtensions(error, { code: error.extensions.code ?? 'BAD_USER_INPUT', ...(field ? { field } : {}) });
}

function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}

/**
 * Names a refused variable as the API names fields, from the argument it is given to:
 * `$f` in `rooms(filter: $f)` with a bad `dateCreatedAt.eq` is `filter.dateCreatedAt.eq`.
 */
function variableField(args: ExecutionArgs, definition: VariableDefinitionNode): string | undefined {
  const name = definition.variable.name.value;
  const used = argumentPath(args.document, name);
  if (!used) return undefined;
  const type = typeFromAST(args.schema, definition.type);
  const value = args.variableValues?.[name];
  if (!type || !isInputType(type) || value == null) return used;
  let inner: readonly (string | number)[] = [];
  let found = false;
  coerceInputValue(value, type, (path) => {
    if (found) return;
    inner = path;
    found = true;
  });
  return used + inner.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

/** Where a variable is first used: the names of the argument and input fields around it. */
function argumentPath(document: DocumentNode, variable: string): string | undefined {
  const stack: string[] = [];
  let path: string | undefined;
  visit(document, {
    Argument: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    ObjectField: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    Variable: (node) => {
      if (stack.length && node.name.value === variable) {
        path = stack.join('.');
        return BREAK;
      }
      return undefined;
    },
  });
  return path;
}
