import type { Client } from 'graphql-ws';
import { wsClient } from '../helpers/ws.js';
import type { Credential, FuzzOperation } from './generate.js';

export interface GraphqlError {
  message: string;
  path?: unknown[];
  extensions?: Record<string, unknown>;
}

export interface GraphqlResult {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

/** What came back for one operation, on either transport. */
export interface Outcome {
  /** HTTP status (HTTP only). */
  status?: number;
  /** Every result received (HTTP: one; WebSocket: each `next`). */
  results: GraphqlResult[];
  /** The errors of a graphql-ws `error` message. */
  errors?: GraphqlError[];
  /** The body when it was not GraphQL JSON. */
  body?: string;
  /** A subscription the server accepted and kept open (we ended it). */
  open?: boolean;
  /** The WebSocket closed under the operation, with this code. */
  closedWith?: number | string;
  /** No answer in time. */
  timedOut?: boolean;
}

/** How long an accepted subscription that sends nothing is given before we end it. */
const OPEN_SUBSCRIPTION_MS = 800;
const ANSWER_MS = 20_000;

export async function sendHttp(url: string, op: FuzzOperation, credential: string | undefined): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), op.kind === 'subscription' ? ANSWER_MS / 4 : ANSWER_MS);
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
    });
    const body = await res.text();
    try {
      const json = JSON.parse(body) as GraphqlResult;
      return { status: res.status, results: [json] };
    } catch {
      return { status: res.status, results: [], body: body.slice(0, 500) };
    }
  } catch (err) {
    return { results: [], timedOut: abort.signal.aborted, body: String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One graphql-ws connection per credential, kept open across operations as a client would. A
 * connection that closes is replaced, and the close is reported on the operations it ended.
 */
export class WsConnections {
  private readonly clients = new Map<Credential, Client>();
  readonly closes: { credential: Credential; code: number | string }[] = [];

  constructor(
    private readonly url: string,
    private readonly credentials: Record<Credential, string | undefined>,
  ) {}

  /** Uses an existing client for a credential (a participant that already joined on it). */
  adopt(credential: Credential, client: Client): void {
    this.watch(credential, client);
  }

  private watch(credential: Credential, client: Client): Client {
    this.clients.set(credential, client);
    client.on('closed', (event) => {
      this.closes.push({ credential, code: (event as { code?: number }).code ?? String(event) });
      if (this.clients.get(credential) === client) this.clients.delete(credential);
    });
    return client;
  }

  private client(credential: Credential): Client {
    return this.clients.get(credential) ?? this.watch(credential, wsClient(this.url, this.credentials[credential], false));
  }

  send(op: FuzzOperation): Promise<Outcome> {
    const client = this.client(op.credential);
    return new Promise<Outcome>((resolve) => {
      const results: GraphqlResult[] = [];
      let done = false;
      const finish = (outcome: Outcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(
        () => {
          stop();
          finish(op.kind === 'subscription' ? { results, open: true } : { results, timedOut: true });
        },
        op.kind === 'subscription' ? OPEN_SUBSCRIPTION_MS : ANSWER_MS,
      );
      const stop = client.subscribe(
        { query: op.query, variables: op.variables },
        {
          next: (result) => {
            results.push(result as GraphqlResult);
            // A stream that delivered data is open: one item is enough to judge it.
            if (op.kind === 'subscription' && result.data) {
              stop();
              finish({ results, open: true });
            }
          },
          error: (err) => finish(Array.isArray(err) ? { results, errors: err as GraphqlError[] } : { results, closedWith: (err as { code?: number }).code ?? String(err) }),
          complete: () => finish({ results }),
        },
      );
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.dispose()));
  }
}
