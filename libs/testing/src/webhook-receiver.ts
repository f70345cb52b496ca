import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  /** The status the receiver answered (or will answer) with. */
  answered?: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only once this settles (a slow endpoint, a request to abandon). */
  after?: Promise<unknown>;
}

type Responder = (hit: ReceivedWebhook, index: number) => Reply;

/** A real HTTP endpoint on loopback that records what it gets and answers as each path is scripted (200 by default). */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly counts = new Map<string, number>();

  private constructor(private readonly server: Server) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const hit = {
          path: request.url ?? '/',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        };
        const reply = this.record(hit);
        const send = () => response.writeHead(reply.status, reply.headers).end(reply.body ?? '');
        if (reply.after) void reply.after.then(send, send);
        else send();
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    server.keepAliveTimeout = 60_000;
    const receiver = new WebhookReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return this.baseUrl + path;
  }

  respond(path: string, responder: Responder): void {
    this.responders.set(path, responder);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((hit) => hit.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private record(hit: ReceivedWebhook): Reply {
    this.received.push(hit);
    const index = this.counts.get(hit.path) ?? 0;
    this.counts.set(hit.path, index + 1);
    const reply = this.responders.get(hit.path)?.(hit, index) ?? { status: 200 };
    hit.answered = reply.status;
    return reply;
  }
}
