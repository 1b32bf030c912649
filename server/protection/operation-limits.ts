import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Lexer, parse, Source, TokenKind, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits, OperationBudget } from '../app/config.js';
import { operationCost } from './query-cost.js';
import { isAuthenticated, type Admitted } from './admission.js';

type Tier = 'authenticated' | 'anonymous';

/** A limit's refusal: the same code for every limit, with which one and its value, so a client can tell what to trim. */
export function limitError(limit: string, max: number, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit, max, http: { status: 400 } } });
}

/**
 * graphql-armor's rules throw a code-less "Syntax Error: …"; these report one coded error instead.
 * The rule's name carries the tier and value: yoga caches validation results by rule names, and
 * must never hand one tier's result to the other.
 */
function armorRule(tier: Tier, limit: string, max: number, make: (opts: any) => ValidationRule): ValidationRule {
  const rule = make({
    n: max,
    exposeLimits: true,
    propagateOnRejection: false,
    ignoreIntrospection: false,
    flattenFragments: true,
    // Every alias counts, `__typename` ones too (armor lets those through by default).
    allowList: [],
    onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(limitError(limit, max, err.message.replace(/^Syntax Error: /, '')))],
  });
  Object.defineProperty(rule, 'name', { value: `${limit}_${tier}_${max}` });
  return rule;
}

function rulesFor(tier: Tier, budget: OperationBudget): ValidationRule[] {
  return [
    armorRule(tier, 'maxDepth', budget.maxDepth, maxDepthRule),
    armorRule(tier, 'maxAliases', budget.maxAliases, maxAliasesRule),
    armorRule(tier, 'maxDirectives', budget.maxDirectives, maxDirectivesRule),
  ];
}

/**
 * Depth, aliases, directives, tokens and cost, checked before execution on HTTP and WebSocket
 * alike (graphql-ws runs every operation through this envelope). Tokens and bracket nesting bound
 * the parser itself (the same for everyone, since yoga caches parse results by text alone); the rest depends on
 * whether the caller presented a valid credential.
 */
export function useOperationLimits(limits: Limits): Plugin<Admitted> {
  const maxNesting = nestingLimit(limits);
  const rules = { authenticated: rulesFor('authenticated', limits.authenticated), anonymous: rulesFor('anonymous', limits.anonymous) };
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const refusal = measure(source, limits.maxTokens, maxNesting);
        if (refusal) throw refusal;
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (err) {
          // graphql-js parses recursively: should some nesting still be too much for the stack, it stays a refusal.
          if (err instanceof RangeError) throw nestingError(maxNesting);
          throw err;
        }
      });
    },
    onValidate({ context, addValidationRule }) {
      const tier: Tier = isAuthenticated(context) ? 'authenticated' : 'anonymous';
      for (const rule of rules[tier]) addValidationRule(rule);
    },
    // Cost depends on the variables (`first: $n`), so it is worked out per request just before
    // execution, outside validation, whose results yoga caches by document.
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(limits, args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(limits, args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onResultProcess({ result }) {
      // yoga marks parse and validation errors as spec errors, which it answers with 200 to
      // clients that accept application/json (curl, fetch): a limit is a 400 for every client.
      for (const error of (result as { errors?: readonly GraphQLError[] }).errors ?? []) {
        const http = error.extensions?.http as { spec?: boolean } | undefined;
        if (error.extensions?.code === 'OPERATION_LIMIT_EXCEEDED' && http) http.spec = false;
      }
    },
  };
}

function costRefusal(
  limits: Limits,
  args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: unknown; operationName?: string | null; contextValue: unknown },
): GraphQLError | undefined {
  const viewer = (args.contextValue as { viewer?: { kind: string } }).viewer;
  const max = limits[viewer && viewer.kind !== 'anonymous' ? 'authenticated' : 'anonymous'].maxCost;
  const cost = operationCost(args.schema, args.document, { variables: args.variableValues, operationName: args.operationName });
  if (cost <= max) return undefined;
  const found = Number.isFinite(cost) ? `costs ${cost}` : 'is too large to cost';
  return limitError('maxCost', max, `the operation ${found}; at most ${max} is allowed (a connection's selection counts \`first\` times)`);
}

/**
 * Brackets may nest twice as deep as the deepest selection allowed (arguments and inline
 * fragments nest too), with room to spare; far below the few thousand levels at which the
 * recursive parser and validators run out of stack.
 */
function nestingLimit(limits: Limits): number {
  return 2 * Math.max(limits.authenticated.maxDepth, limits.anonymous.maxDepth) + 32;
}

function nestingError(max: number): GraphQLError {
  return limitError('maxNesting', max, `the document nests brackets more than ${max} deep`);
}

/**
 * Counts tokens and bracket nesting with the lexer, which is iterative, before the recursive
 * parser sees the document: a list literal nested a few thousand deep overflows the parser's
 * stack long before its own token count would stop it. Too many tokens is the refusal that
 * matters most, so it is reported even when the nesting went too deep first. Lexing errors are
 * left to the parser.
 */
function measure(source: string | Source, maxTokens: number, maxNesting: number): GraphQLError | undefined {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let tokens = 0;
  let nesting = 0;
  let deepest = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > maxTokens) return limitError('maxTokens', maxTokens, `the document has more than ${maxTokens} tokens`);
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) deepest = Math.max(deepest, ++nesting);
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) nesting--;
    }
  } catch {
    // A lexing error: the parser reports it as usual, unless the nesting alone is too much for it.
  }
  return deepest > maxNesting ? nestingError(maxNesting) : undefined;
}
