import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, any>;
}

/**
 * A stand-in for an AI service's webhook endpoint (outside the product, so a fake is fair): it verifies each
 * delivery with the standardwebhooks library, an implementation independent of ours, and keeps the events.
 * It can go down (refuse connections) and come back on the same port.
 */
export class WebhookReceiver {
  readonly secret = `whsec_${Buffer.from('a-test-secret-of-at-least-24-bytes!').toString('base64')}`;
  readonly received: ReceivedEvent[] = [];
  readonly rejected: string[] = [];
  private server: http.Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhooks`;
  }

  /** Events by id, each once (retries are dropped, as the scheme tells receivers to). */
  get uniqueEvents(): ReceivedEvent[] {
    const seen = new Set<string>();
    return this.received.filter((event) => !seen.has(event.id) && seen.add(event.id));
  }

  async start(): Promise<void> {
    const verifier = new Webhook(this.secret);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          const event = verifier.verify(body, req.headers as Record<string, string>) as ReceivedEvent;
          this.received.push(event);
          res.writeHead(204).end();
        } catch (error) {
          this.rejected.push(String(error));
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
