// What one message costs in Temporal: the events in the history of one of our live handovers and of one baseline
// workflow after the relay and saturation phases (each got the same number of messages), by event type.
import type { Client } from '@temporalio/client';
// The SDK's own protobuf package (a dependency of @temporalio/client, same version); CommonJS, so taken whole.
import proto from '@temporalio/proto';

const { EventType } = proto.temporal.api.enums.v1;

export interface HistoryShape {
  workflowId: string;
  events: number;
  byType: Record<string, number>;
}

export async function historyShape(client: Client, workflowId: string): Promise<HistoryShape> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const byType: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const name = (EventType[event.eventType ?? 0] ?? 'unknown').replace(/^EVENT_TYPE_/, '');
    byType[name] = (byType[name] ?? 0) + 1;
  }
  return { workflowId, events: history.events?.length ?? 0, byType };
}
