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
 * delivery with the standardwebhooks library, an implementation independent of ours, and keeps the events it
 * acknowledged. It can go down (refuse connections) and come back on the same port, answer an error status
 * instead of acknowledging, and answer slowly.
 */
export class WebhookReceiver {
  /** Every event it acknowledged (2xx), in the order it acknowledged them, retries included. */
  readonly received: ReceivedEvent[] = [];
  /** Each acknowledged delivery as it came over the wire, for receivers under test that verify it themselves. */
  readonly raw: { body: string; headers: http.IncomingHttpHeaders }[] = [];
  readonly rejected: string[] = [];
  /** Verified deliveries it refused with `failWith`, by event id. */
  readonly refused: string[] = [];
  /** When set, verified deliveries are answered with this status instead of being acknowledged. */
  failWith: number | null = null;
  /** Milliseconds to wait before answering each delivery. */
  delayMs = 0;
  private server: http.Server | null = null;
  private port = 0;

  /** The secret it verifies with: by default one the test hands to Handover, else one Handover generated. */
  constructor(readonly secret = `whsec_${Buffer.from('a-test-secret-of-at-least-24-bytes!').toString('base64')}`) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhooks`;
  }

  /** Events by id, each once (retries are dropped, as the scheme tells receivers to). */
  get uniqueEvents(): ReceivedEvent[] {
    const seen = new Set<string>();
    return this.received.filter((event) => !seen.has(event.id) && seen.add(event.id));
  }

  /**
   * Waits until the handover's events up to `type` are acknowledged. Delivery runs in a workflow of its own,
   * so a handover's workflow can complete before its last events reach the receiver.
   */
  async delivered(handoverId: string, type: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.received.some((event) => event.type === type && event.data.handoverId === handoverId)) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${type} of handover ${handoverId}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async start(): Promise<void> {
    const verifier = new Webhook(this.secret);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let event: ReceivedEvent;
        try {
          event = verifier.verify(body, req.headers as Record<string, string>) as ReceivedEvent;
        } catch (error) {
          this.rejected.push(String(error));
          res.writeHead(400).end();
          return;
        }
        setTimeout(() => {
          if (this.failWith !== null) {
            this.refused.push(event.id);
            res.writeHead(this.failWith).end();
            return;
          }
          this.received.push(event);
          this.raw.push({ body, headers: req.headers });
          res.writeHead(204).end();
        }, this.delayMs);
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
