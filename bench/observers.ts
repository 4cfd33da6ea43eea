// Where the benchmark sees things arrive, and when: the agents' live streams (GET /api/v1/stream, read by the
// tests' SSE client) and the AI service's webhook endpoint (the tests' receiver, which verifies every signature).
import { EventStream, type StreamEvent } from '../test/support/sse.ts';
import { WebhookReceiver, type ReceivedEvent } from '../test/support/webhook-receiver.ts';

/**
 * Calls `record` for each item pushed onto `array`, at the moment it is pushed, and keeps nothing: the
 * benchmark keeps only arrival times, so a long run does not hold every event in memory.
 */
function onPush<T>(array: T[], record: (item: T) => void): void {
  Object.defineProperty(array, 'push', {
    value: (...items: T[]) => {
      for (const item of items) record(item);
      return array.length;
    },
  });
}

export class Arrivals {
  /** `${memberId} ${clientMessageId}` → when `message.created` reached that member's stream. */
  readonly onStream = new Map<string, number>();
  /** Handover id → when a `handover.updated` of it first reached any stream. */
  readonly handoverOnStream = new Map<string, number>();
  /** clientMessageId → when its signed `handover.message` reached the receiver. */
  readonly webhookMessage = new Map<string, number>();
  /** Handover id → when its first webhook event (of any type) reached the receiver. */
  readonly firstWebhook = new Map<string, number>();
  /** Handover id → event type → when it reached the receiver. */
  readonly webhookByHandover = new Map<string, Map<string, number>>();
  readonly webhookTypes = new Map<string, number>();
  /** Deliveries of an event id already acknowledged (the scheme allows them; receivers drop them). */
  redeliveries = 0;
  streamEvents = 0;
  private readonly seenWebhookIds = new Set<string>();
  private readonly streams: { memberId: string; stream: EventStream }[] = [];
  readonly receiver = new WebhookReceiver();

  async startReceiver(): Promise<void> {
    onPush(this.receiver.received, (event) => this.webhook(event));
    await this.receiver.start();
  }

  /** A console session of this member, reading the live stream. */
  async openStream(baseUrl: string, memberId: string, cookie: string): Promise<void> {
    const stream = await EventStream.open(baseUrl, { cookie });
    if (stream.status !== 200) throw new Error(`the stream answered ${stream.status}`);
    onPush(stream.events, (event) => this.streamEvent(memberId, event));
    this.streams.push({ memberId, stream });
  }

  get signaturesRejected(): number {
    return this.receiver.rejected.length;
  }

  get webhooksVerified(): number {
    return this.seenWebhookIds.size + this.redeliveries;
  }

  streamFailures(): string[] {
    return this.streams.filter((entry) => entry.stream.failure !== null).map((entry) => String(entry.stream.failure));
  }

  async closeStreams(): Promise<void> {
    for (const { stream } of this.streams) await stream.close();
  }

  async close(): Promise<void> {
    await this.closeStreams();
    await this.receiver.stop();
  }

  private streamEvent(memberId: string, event: StreamEvent): void {
    const at = performance.now();
    this.streamEvents += 1;
    if (event.event === 'message.created') {
      const { message } = JSON.parse(event.data) as { message: { clientMessageId: string | null } };
      const key = `${memberId} ${message.clientMessageId}`;
      if (!this.onStream.has(key)) this.onStream.set(key, at);
    } else if (event.event === 'handover.updated') {
      const { handover } = JSON.parse(event.data) as { handover: { id: string } };
      if (!this.handoverOnStream.has(handover.id)) this.handoverOnStream.set(handover.id, at);
    }
  }

  private webhook(event: ReceivedEvent): void {
    const at = performance.now();
    if (this.seenWebhookIds.has(event.id)) {
      this.redeliveries += 1;
      return;
    }
    this.seenWebhookIds.add(event.id);
    this.webhookTypes.set(event.type, (this.webhookTypes.get(event.type) ?? 0) + 1);
    const handoverId = event.data.handoverId as string | undefined;
    if (handoverId) {
      if (!this.firstWebhook.has(handoverId)) this.firstWebhook.set(handoverId, at);
      let types = this.webhookByHandover.get(handoverId);
      if (!types) this.webhookByHandover.set(handoverId, (types = new Map()));
      if (!types.has(event.type)) types.set(event.type, at);
    }
    if (event.type === 'handover.message') {
      const clientMessageId = (event.data.message as { clientMessageId: string | null }).clientMessageId;
      if (clientMessageId && !this.webhookMessage.has(clientMessageId)) this.webhookMessage.set(clientMessageId, at);
    }
  }
}
