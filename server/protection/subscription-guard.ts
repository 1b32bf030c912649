import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DomainBus } from '../events/topics.js';
import type { Authenticator, Viewer } from '../access/auth.js';
import type { ClientTokenClaims } from '../access/client-token-signer.js';
import type { Context } from '../../schema/context.js';
import { authError } from '../shared/errors.js';
import { refusalError } from '../transport/error-codes.js';
import type { Logger } from '../app/logger.js';
import { BoundedStream } from './bounded-stream.js';
import { PushStream } from '../shared/push-stream.js';
import { FRAME_LANE, type FrameLane } from '../transport/ws-frames.js';
import { BOUND_SOURCE, withBoundedSources } from './bounded-sources.js';

/** The close code a stalled subscriber's WebSocket gets: it reconnects and subscribes again, starting from a new snapshot. */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

/**
 * A joined participant whose token runs out is removed by its room at the expiry itself, and is
 * told why (ParticipantLeaving, token_expired) on its roomEvents: its subscriptions end a moment
 * later, so that the reason reaches it before the subscription's last error does.
 */
const EXPIRY_GRACE_MS = 1000;

interface GuardDeps {
  bus: DomainBus;
  auth: Authenticator;
  maxQueued: number;
  log: Logger;
}

const isAsyncIterable = (x: unknown): x is AsyncIterable<ExecutionResult> => x != null && typeof (x as any)[Symbol.asyncIterator] === 'function';

/**
 * Every subscription, on WebSocket and HTTP alike, lives only as long as the access it was opened
 * with (a revoked API key, a kicked participant's token, an expired client token end it with a
 * last error saying why) and only while its client keeps up (a bounded queue; a client that falls
 * behind is disconnected rather than buffered without end).
 */
export function useSubscriptionGuard(deps: GuardDeps): Plugin<Context> {
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const ctx = args.contextValue as Context;
      // Two bounds, each of maxQueued: events not yet executed (the source) and results not yet sent.
      // A push stream holds its events itself and is bounded where they wait, without a second queue.
      (ctx as Context & { [BOUND_SOURCE]?: unknown })[BOUND_SOURCE] = (source: AsyncIterable<unknown>) => {
        const overflow = () => fellBehind(ctx, deps, 'events');
        return source instanceof PushStream ? source.bound(deps.maxQueued, overflow) : new BoundedStream(source, deps.maxQueued, overflow);
      };
      setSubscribeFn((a) => subscribeFn({ ...a, schema: withBoundedSources(a.schema) }));
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(guard(result, ctx, deps));
        },
      };
    },
  };
}

function guard(source: AsyncIterable<ExecutionResult>, ctx: Context, deps: GuardDeps): AsyncIterableIterator<ExecutionResult> {
  const cleanups: (() => void)[] = [];
  const cleanup = () => cleanups.splice(0).forEach((fn) => fn());
  const stream = new BoundedStream(source, deps.maxQueued, () => {
    cleanup();
    fellBehind(ctx, deps, 'results');
  });
  const endWith = (reason: string, message: string) => {
    cleanup();
    (ctx as Context & { [FRAME_LANE]?: FrameLane })[FRAME_LANE]?.stopOffers();
    stream.end({ errors: [refusalError(authError('UNAUTHENTICATED', reason, message))] });
  };
  watchAccess(ctx.viewer, ctx, deps, endWith, cleanups);
  return {
    next: () =>
      stream.next().then((r) => {
        if (r.done) cleanup();
        return r;
      }),
    return: () => {
      cleanup();
      return stream.return();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** `waiting`: what piled up, events the server had no time to execute or results the client did not read. */
function fellBehind(ctx: Context, deps: GuardDeps, waiting: 'events' | 'results'): void {
  deps.log.warn({ connection: ctx.connection?.id, maxQueued: deps.maxQueued, waiting }, 'subscriber fell behind: disconnecting it');
  ctx.connection?.close?.(SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: too many events waiting; reconnect and subscribe again');
}

function watchAccess(viewer: Viewer, ctx: Context, deps: GuardDeps, endWith: (reason: string, message: string) => void, cleanups: (() => void)[]): void {
  if (viewer.kind === 'apiKey' && viewer.keyId) {
    cleanups.push(deps.bus.subscribe('apiKeyRevoked', viewer.keyId, () => endWith('revoked_api_key', 'this API key has been revoked')));
  }
  if (viewer.kind === 'clientToken') watchClientToken(viewer.claims, ctx, deps, endWith, cleanups);
}

function watchClientToken(claims: ClientTokenClaims, ctx: Context, deps: GuardDeps, endWith: (reason: string, message: string) => void, cleanups: (() => void)[]): void {
  // Every family the connection's tokens came from: a token swapped in may be of another.
  const families = new Set<string>();
  const watchFamily = (familyId: string) => {
    if (families.has(familyId)) return;
    families.add(familyId);
    cleanups.push(deps.bus.subscribe('tokenFamilyRevoked', familyId, () => endWith('token_revoked', 'client token revoked: its participant was removed from the room')));
  };
  watchFamily(claims.familyId);

  let timer: NodeJS.Timeout | undefined;
  cleanups.push(() => clearTimeout(timer));
  const expireAt = (at: Date) => {
    clearTimeout(timer);
    timer = setTimeout(() => void atExpiry(), Math.max(0, at.getTime() + EXPIRY_GRACE_MS - Date.now()));
    timer.unref();
  };
  // At expiry the subscription lives on only if its connection swapped in a fresh token for the
  // same room (updateClientToken); over HTTP nothing can be swapped.
  const atExpiry = async () => {
    const current = ctx.connection?.authorization;
    const fresh = current ? await deps.auth.authenticate(current).catch(() => undefined) : undefined;
    const v = fresh?.viewer;
    if (v?.kind === 'clientToken' && v.claims.roomId === claims.roomId && v.claims.expiresAt.getTime() > Date.now()) {
      watchFamily(v.claims.familyId);
      expireAt(v.claims.expiresAt);
      return;
    }
    endWith('token_expired', 'client token expired: refresh it (refreshClientToken, then updateClientToken) and subscribe again');
  };
  expireAt(claims.expiresAt);
}
