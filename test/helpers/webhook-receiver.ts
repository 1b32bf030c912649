import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  body: string;
  json: any;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

/** A webhook receiver on 127.0.0.1 (or another local address) that records what it gets and answers as told. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** HTTP status to answer with, or 'hang' to never answer. */
  answer: number | 'hang' = 200;
  private server?: Server;
  private port = 0;

  constructor(readonly host = '127.0.0.1') {}

  get url(): string {
    return `http://${this.host}:${this.port}/hooks`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.received.push({ body, json: JSON.parse(body), headers: req.headers, at: Date.now() });
        if (this.answer === 'hang') return;
        res.writeHead(this.answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, this.host, resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  types(): string[] {
    return this.received.map((r) => r.json.data.event_type);
  }
}
