// The AI service's webhook endpoint during a chaos run: outside the product, so a stand-in is fair. It verifies
// every delivery with the standardwebhooks library (independent of ours) and keeps every attempt it saw, with the
// `webhook-id` header receivers are told to drop duplicates by. A fault makes it refuse (503) or hang: read the
// request and never answer, past the product's own delivery timeout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type ReceiverMode = 'ok' | 'unavailable' | 'hang';

export interface Delivery {
  /** The `webhook-id` header. */
  webhookId: string;
  type: string;
  handoverId: string | null;
  /** For handover.message: the message it carries. */
  message: { id: string; clientMessageId: string | null; seq: number; sender: string } | null;
  /** ms since the run began. */
  at: number;
  /** What the receiver did with it. */
  answer: 'acknowledged' | 'unavailable' | 'hung';
}

export class ChaosReceiver {
  readonly secret = `whsec_${Buffer.from('a-chaos-secret-of-at-least-24-bytes').toString('base64')}`;
  /** Every verified delivery attempt, in arrival order. */
  readonly deliveries: Delivery[] = [];
  /** Deliveries whose signature did not verify. */
  readonly rejected: string[] = [];
  mode: ReceiverMode = 'ok';
  private server: http.Server | null = null;
  private readonly held = new Set<http.ServerResponse>();

  constructor(private readonly clock: () => number) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port ?? 0}/webhooks`;
  }

  /**
   * The deliveries it processed, each `webhook-id` once (the first), in order: those it acknowledged and those it
   * left hanging. A hanging receiver is a slow one: it acted on the event, but its answer came too late for the
   * product, which sends the event again; the receiver drops the repeat by its `webhook-id`.
   */
  processedOnce(): Delivery[] {
    const seen = new Set<string>();
    return this.deliveries.filter((delivery) => delivery.answer !== 'unavailable' && !seen.has(delivery.webhookId) && seen.add(delivery.webhookId));
  }

  async start(): Promise<void> {
    const verifier = new Webhook(this.secret);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let event: { type: string; data: Record<string, any> };
        try {
          event = verifier.verify(body, req.headers as Record<string, string>) as typeof event;
        } catch (error) {
          this.rejected.push(String(error));
          res.writeHead(400).end();
          return;
        }
        const message = event.type === 'handover.message' ? (event.data.message as Delivery['message']) : null;
        const delivery: Delivery = {
          webhookId: String(req.headers['webhook-id']),
          type: event.type,
          handoverId: (event.data.handoverId as string | undefined) ?? null,
          message: message ? { id: message.id, clientMessageId: message.clientMessageId, seq: message.seq, sender: message.sender } : null,
          at: this.clock(),
          answer: this.mode === 'ok' ? 'acknowledged' : this.mode === 'unavailable' ? 'unavailable' : 'hung',
        };
        this.deliveries.push(delivery);
        if (this.mode === 'unavailable') {
          res.writeHead(503, { 'content-type': 'text/plain' }).end('receiver unavailable');
        } else if (this.mode === 'hang') {
          // Never answered: the product gives up on its own timeout and closes the connection.
          this.held.add(res);
          res.on('close', () => this.held.delete(res));
        } else {
          res.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const res of this.held) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
