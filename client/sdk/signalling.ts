import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { Client, subscriptionExchange, type AnyVariables, type CombinedError } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { deferred } from './async.js';
import { VideoRoomsError } from './errors.js';
import type { Logger } from './logger.js';
import { fromGraphQLError, payloadOf, type Payload } from './wire-payload.js';

export type { Payload } from './wire-payload.js';

export interface CloseInfo {
  code: number;
  reason: string;
  /** close() was called: not a network problem. */
  requested: boolean;
}

export interface SignallingOptions {
  url: string;
  /** Read at each connection: the token may have been swapped meanwhile. */
  authorization: () => string;
  log: Logger;
  /** Ping interval; a connection silent for three of them is considered dead. */
  keepAliveMs?: number;
}

/**
 * One graphql-ws connection, with urql on top: every operation (mutations too) goes over this one
 * WebSocket, because the server binds the joined participant to it. A connection is used once:
 * after it closes, the SDK makes a new one. Operations are the generated typed documents.
 */
export class SignallingConnection {
  private readonly ws: WsClient;
  private readonly urql: Client;
  private socket: WebSocket | null = null;
  private requested = false;
  private lastHeard = Date.now();
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private readonly opened = deferred<void>();
  private readonly done = deferred<CloseInfo>();
  private isClosed = false;
  /** Resolves once, when the connection is gone (whoever closed it). */
  readonly closed: Promise<CloseInfo> = this.done.promise;

  constructor(private readonly opts: SignallingOptions) {
    const keepAlive = opts.keepAliveMs ?? 5000;
    this.ws = createClient({
      url: opts.url,
      connectionParams: () => ({ authorization: opts.authorization() }),
      lazy: false,
      retryAttempts: 0,
      keepAlive,
      onNonLazyError: () => {},
      on: {
        opened: (socket) => {
          this.socket = socket as WebSocket;
        },
        connected: () => {
          this.heard();
          this.opened.resolve();
        },
        message: () => this.heard(),
        pong: () => this.heard(),
        closed: (event) => {
          const e = event as { code?: number; reason?: string };
          this.finish({ code: e?.code ?? 1006, reason: e?.reason ?? '', requested: this.requested });
        },
        error: (err) => opts.log.debug('websocket error', err),
      },
    });
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastHeard > keepAlive * 3 + 1000) {
        opts.log.warn('the signalling connection went silent: dropping it');
        this.ws.terminate();
      }
    }, keepAlive);
    this.urql = new Client({
      url: opts.url,
      exchanges: [
        subscriptionExchange({
          enableAllOperations: true,
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: this.ws.subscribe({ ...request, query: request.query ?? '' }, sink as never) }),
          }),
        }),
      ],
    });
  }

  /** Resolves when the server has acknowledged the connection. */
  async open(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new VideoRoomsError('TIMED_OUT', `no answer from ${this.opts.url} within ${timeoutMs} ms`)), timeoutMs);
    });
    const closedEarly = this.closed.then((info) => {
      throw new VideoRoomsError('NETWORK_ERROR', `could not connect to ${this.opts.url} (WebSocket closed ${info.code} ${info.reason})`);
    });
    closedEarly.catch(() => {}); // it loses the race whenever the connection opens
    try {
      await Promise.race([this.opened.promise, timeout, closedEarly]);
    } catch (err) {
      this.close(4000, 'open failed');
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /**
   * Runs a mutation and returns its payload (the field's value). Typed errors of the result union
   * and top-level errors both become a VideoRoomsError.
   */
  async request<TData, TVars extends AnyVariables, F extends keyof TData & string>(document: DocumentTypeDecoration<TData, TVars>, variables: TVars, field: F): Promise<Payload<TData, F>> {
    if (this.isClosed) throw new VideoRoomsError('NETWORK_ERROR', 'the signalling connection is closed');
    const result = await this.urql.mutation<TData, TVars>(String(document), variables).toPromise();
    if (result.error) throw fromCombinedError(result.error);
    return payloadOf(result.data, field);
  }

  /** Starts a subscription; returns the function that stops it. */
  subscribe<TData, TVars extends AnyVariables>(document: DocumentTypeDecoration<TData, TVars>, variables: TVars, handlers: { next(data: TData): void; error(err: VideoRoomsError): void }): () => void {
    const sub = this.urql.subscription<TData, TVars>(String(document), variables).subscribe((result) => {
      if (result.error) handlers.error(fromCombinedError(result.error));
      else if (result.data) handlers.next(result.data);
    });
    return () => sub.unsubscribe();
  }

  /** Closes the connection on purpose (`requested` in the close info). */
  close(code = 1000, reason = 'user_initiated'): void {
    if (this.isClosed) return;
    this.requested = true;
    if (this.socket && this.socket.readyState <= 1) this.socket.close(code, reason);
    else void this.ws.dispose();
    // The socket's close event normally finishes; do not wait for it.
    this.finish({ code, reason, requested: true });
  }

  /** Test hook: the socket closes as if the network dropped it (the SDK reconnects). */
  drop(): void {
    this.socket?.close(4001, 'dropped for a test');
  }

  private heard(): void {
    this.lastHeard = Date.now();
  }

  private finish(info: CloseInfo): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearInterval(this.watchdog);
    this.opts.log.debug('signalling connection closed', info);
    this.done.resolve(info);
    void this.ws.dispose();
  }
}

function fromCombinedError(error: CombinedError): VideoRoomsError {
  const gql = error.graphQLErrors[0];
  if (gql) return fromGraphQLError(gql, error);
  return new VideoRoomsError('NETWORK_ERROR', error.networkError?.message || error.message, { cause: error });
}
