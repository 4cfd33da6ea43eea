/** The delivery log's status filter, kept in the URL (`/chat-agent/webhook?status=failed`), and its words. */
import type { DeliveryStatus } from '$lib/api';

export const deliveryStatuses = ['pending', 'delivered', 'failed', 'skipped'] as const satisfies readonly DeliveryStatus[];

export const deliveryStatusLabels: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** How many deliveries the page shows: the most recent ones. */
export const DELIVERY_LIMIT = 50;

export function readDeliveryStatus(url: URL): DeliveryStatus | null {
  const requested = url.searchParams.get('status');
  return deliveryStatuses.find((status) => status === requested) ?? null;
}

export function deliveriesHref(status: DeliveryStatus | null): string {
  return status ? `/chat-agent/webhook?status=${status}#deliveries` : '/chat-agent/webhook#deliveries';
}

/** Failed and skipped deliveries can be sent again; the API refuses delivered ones. */
export function canRetry(status: DeliveryStatus): boolean {
  return status === 'failed' || status === 'skipped';
}
