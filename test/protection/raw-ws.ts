import WebSocket from 'ws';

export interface WsMessage {
  id?: string;
  type: string;
  payload?: any;
}

export interface OperationOutcome {
  /** Payloads of its `next` messages. */
  results: any[];
  /** The payload of its `error` message, when it ended with one. */
  errors?: any[];
}

/**
 * A graphql-transport-ws client without retries, reconnects or laziness, so a test sees exactly
 * what the server did to this one socket: which messages came for which id, and whether and how
 * it was closed.
 */
export class RawWs {
  readonly messages: WsMessage[] = [];
  closedWith?: { code: number; reason: string };
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closedWith = { code, reason: String(reason) };
      this.wake();
    });
    // A refused handshake or a reset shows up as a close: the tests look at that.
    socket.on('error', () => {});
  }

  static async open(httpUrl: string, authorization?: string): Promise<RawWs> {
    const raw = new RawWs(new WebSocket(httpUrl.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws'));
    await new Promise<void>((resolve, reject) => {
      raw.socket.once('open', () => resolve());
      raw.socket.once('error', reject);
    });
    raw.send({ type: 'connection_init', payload: authorization ? { authorization: `Bearer ${authorization}` } : {} });
    await raw.until('connection_ack', () => raw.messages.find((m) => m.type === 'connection_ack'));
    return raw;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN && !this.closedWith;
  }

  send(message: WsMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  complete(id: string): void {
    this.send({ id, type: 'complete' });
  }

  /** `next` payloads received so far for an operation. */
  results(id: string): any[] {
    return this.messages.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload);
  }

  /** Waits for an operation to end (complete or error) and returns what it got. */
  async outcome(id: string, timeoutMs = 15_000): Promise<OperationOutcome> {
    const end = await this.until(`operation ${id} to end`, () => this.messages.find((m) => m.id === id && (m.type === 'complete' || m.type === 'error')), timeoutMs);
    return { results: this.results(id), ...(end.type === 'error' ? { errors: end.payload } : {}) };
  }

  /** Runs one operation and returns its outcome. */
  run(id: string, query: string, variables?: Record<string, unknown>, timeoutMs?: number): Promise<OperationOutcome> {
    this.subscribe(id, query, variables);
    return this.outcome(id, timeoutMs);
  }

  closed(timeoutMs = 15_000): Promise<{ code: number; reason: string }> {
    return this.until('the socket to close', () => this.closedWith, timeoutMs);
  }

  /** Resolves with the first value `probe` gives (not undefined); fails if the socket closes first or time runs out. */
  until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last messages: ${JSON.stringify(this.messages.slice(-3)).slice(0, 600)}`)), timeoutMs);
      const check = () => {
        const value = probe();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else if (this.closedWith) {
          clearTimeout(timer);
          reject(new Error(`the socket closed (${this.closedWith.code} ${this.closedWith.reason}) while waiting for ${what}`));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
  }

  private wake(): void {
    this.waiters.splice(0).forEach((w) => w());
  }
}
