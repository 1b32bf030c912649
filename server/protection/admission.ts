import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Authentication, Authenticator, Viewer } from '../access/auth.js';
import type { ClientConnection } from '../live/connection.js';
import type { RateLimitBucket, RateLimitStore } from '../ports/rate-limit-store.js';

/** What admission adds to an operation's initial context, on HTTP and WebSocket alike. */
export interface Admitted {
  authentication?: Authentication;
  params?: { variables?: unknown; operationName?: string | null };
  connection?: ClientConnection;
}

export function isAuthenticated(ctx: Admitted): boolean {
  return !!ctx.authentication && ctx.authentication.viewer.kind !== 'anonymous';
}

export function rateLimitedError(bucket: RateLimitBucket, retryAfterMs: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`rate limit reached (${bucket}): try again in ${retryAfter} s`, {
    extensions: { code: 'RATE_LIMITED', scope: bucket, retryAfter, http: { status: 429, headers: { 'retry-after': String(retryAfter) } } },
  });
}

/** Root fields with a rate of their own, and whose key they count against. */
const FIELD_BUCKETS: Record<string, RateLimitBucket> = { sendMessage: 'messages', sendRoomMessage: 'messages', join: 'joins' };

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

/** Root fields with a rate, also those inside fragments (`... on Mutation { sendMessage … }`), which run at the root as well. */
function countRootFields(document: DocumentNode, set: SelectionSetNode, counts: Map<RateLimitBucket, number>, seen: Set<string>): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const bucket = FIELD_BUCKETS[sel.name.value];
      if (bucket) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      countRootFields(document, sel.selectionSet, counts, seen);
    } else if (!seen.has(sel.name.value)) {
      // A fragment spread twice still runs its fields once (they merge); cycles are invalid anyway.
      seen.add(sel.name.value);
      const fragment = document.definitions.find((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === sel.name.value);
      if (fragment) countRootFields(document, fragment.selectionSet, counts, seen);
    }
  }
}

/**
 * Who may run an operation at all: authenticates the caller (per request over HTTP; a WebSocket's
 * credential is checked once, see SocketCredential) and counts each operation against the
 * caller's rate (an API key, a client token, or — without a valid credential — the IP address, so
 * guessing keys is slow). Refusals are RATE_LIMITED with retryAfter (HTTP 429).
 */
export class Admission {
  constructor(
    private readonly auth: Authenticator,
    private readonly store: RateLimitStore,
    private readonly onRefused: (bucket: RateLimitBucket) => void = () => {},
  ) {}

  async admit(authorization: unknown, clientIp: string): Promise<{ authentication: Authentication; refusal?: GraphQLError }> {
    const authentication = await this.auth.authenticate(authorization);
    return { authentication, refusal: await this.admitAs(authentication, clientIp) };
  }

  /** Counts an operation of a caller authenticated already (a WebSocket's, checked once for all its operations). */
  admitAs(authentication: Authentication, clientIp: string): Promise<GraphQLError | undefined> {
    const [bucket, key] = this.bucketOf(authentication.viewer, clientIp);
    return this.consume(bucket, key);
  }

  /**
   * Operations with their own rate (messages, joins), counted once per root field so aliases do
   * not multiply them for free: a participant's messages per participant, an operator's
   * (sendRoomMessage) per API key.
   */
  async admitFields(ctx: Admitted, document: DocumentNode, operationName: string | null | undefined): Promise<GraphQLError | undefined> {
    const viewer = ctx.authentication?.viewer;
    if (viewer?.kind !== 'clientToken' && viewer?.kind !== 'apiKey') return undefined;
    const op = operationOf(document, operationName);
    if (op?.operation !== 'mutation') return undefined;
    const counts = new Map<RateLimitBucket, number>();
    countRootFields(document, op.selectionSet, counts, new Set());
    for (const [bucket, points] of counts) {
      const key = viewer.kind === 'apiKey' ? `api-key:${viewer.keyId ?? 'API_KEY'}` : bucket === 'messages' ? (ctx.connection?.participantId ?? viewer.claims.tokenId) : viewer.claims.tokenId;
      const refusal = await this.consume(bucket, key, points);
      if (refusal) return refusal;
    }
    return undefined;
  }

  /**
   * Counts a request whose credential is not an API key or a client token (a WHIP publisher's
   * bearer token) against its address's anonymous rate: guessing tokens stays slow. Answers how
   * long to wait when refused.
   */
  async admitAddress(clientIp: string): Promise<{ retryAfterMs: number } | undefined> {
    const decision = await this.store.consume('anonymous', clientIp, 1);
    if (decision.allowed) return undefined;
    this.onRefused('anonymous');
    return { retryAfterMs: decision.retryAfterMs };
  }

  private bucketOf(viewer: Viewer, clientIp: string): [RateLimitBucket, string] {
    if (viewer.kind === 'apiKey') return ['apiKey', viewer.keyId ?? 'API_KEY'];
    if (viewer.kind === 'clientToken') return ['clientToken', viewer.claims.tokenId];
    return ['anonymous', clientIp];
  }

  private async consume(bucket: RateLimitBucket, key: string, points = 1): Promise<GraphQLError | undefined> {
    const decision = await this.store.consume(bucket, key, points);
    if (decision.allowed) return undefined;
    this.onRefused(bucket);
    return rateLimitedError(bucket, decision.retryAfterMs);
  }
}

/**
 * Admission over HTTP (yoga's onParams runs once per request, before parsing), and the
 * per-field rates for both transports (graphql-ws admits in its own onSubscribe).
 */
export function useAdmission(admission: Admission): Plugin<Admitted> {
  return {
    async onParams({ request, context, setResult }) {
      const server = context as Admitted & { req?: { socket?: { remoteAddress?: string } } };
      const { authentication, refusal } = await admission.admit(request.headers.get('authorization') ?? undefined, server.req?.socket?.remoteAddress ?? 'unknown');
      server.authentication = authentication;
      if (refusal) setResult({ errors: [refusal] });
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const refusal = await admission.admitFields(args.contextValue as Admitted, args.document, args.operationName);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
