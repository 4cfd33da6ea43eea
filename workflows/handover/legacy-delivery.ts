// Runs in the workflow sandbox: deterministic code only.
import { ActivityFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import { webhookDeliveryOptions } from '../webhooks/delivery-options.ts';

const webhooks = proxyActivities<Activities>(webhookDeliveryOptions);

/**
 * Webhook delivery inside the handover's own workflow, as runs that began before the delivery workflow did
 * it: kept so those runs replay and finish as they began. One consumer only; it stops once closed and empty.
 * Delete it when no such run is left (then also the `legacy` branches and the patch in workflow.ts).
 */
export class LegacyDelivery {
  private readonly queue: string[];
  private delivering = false;
  private closed = false;

  constructor(carried: string[]) {
    this.queue = [...carried];
  }

  get idle(): boolean {
    return !this.delivering;
  }

  get pending(): string[] {
    return this.queue;
  }

  push(eventIds: string[]): void {
    this.queue.push(...eventIds);
  }

  close(): void {
    this.closed = true;
  }

  async run(workspaceId: string): Promise<void> {
    for (;;) {
      await condition(() => this.queue.length > 0 || this.closed);
      if (this.queue.length === 0) return;
      await this.drain(workspaceId);
    }
  }

  private async drain(workspaceId: string): Promise<void> {
    while (this.queue.length > 0) {
      const eventId = this.queue[0] as string;
      this.delivering = true;
      try {
        await webhooks.deliverWebhookEvent({ workspaceId, eventId });
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
      } finally {
        this.delivering = false;
      }
      this.queue.shift();
    }
  }
}
