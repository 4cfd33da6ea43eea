import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/connect.ts';
import { notificationQueueUsage } from '../db/live-events.ts';

/** Prometheus metrics of one API process, on a registry of its own (tests build several apps in one process). */
export function createApiMetrics(db: Db) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'handover_live_events_queue_usage',
    help: "How full PostgreSQL's notification queue is (0 to 1): live events wait there for the slowest API process; at 1 every write that raises one fails",
    registers: [registry],
    async collect() {
      // Unknown (NaN) while PostgreSQL is away; /readyz says so too.
      this.set(await notificationQueueUsage(db).catch(() => Number.NaN));
    },
  });
  return {
    registry,
    requests: new Counter({
      name: 'handover_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'handover_http_request_duration_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    handoversRequested: new Counter({
      name: 'handover_handovers_requested_total',
      help: 'Handovers requested by AI services, by trigger (new ones only)',
      labelNames: ['trigger'] as const,
      registers: [registry],
    }),
    messagesAccepted: new Counter({
      name: 'handover_messages_accepted_total',
      help: 'Messages accepted, by sender and where they were routed',
      labelNames: ['sender', 'routed_to'] as const,
      registers: [registry],
    }),
    handoverCommands: new Counter({
      name: 'handover_commands_total',
      help: 'Claims, transfers and ends asked of handover workflows, by command and result',
      labelNames: ['command', 'result'] as const,
      registers: [registry],
    }),
  };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;

/** Runs a workflow command and counts it by its result: ok, or the error code it was refused with. */
export async function countCommand<T>(metrics: ApiMetrics, command: string, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    metrics.handoverCommands.inc({ command, result: 'ok' });
    return result;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    metrics.handoverCommands.inc({ command, result: typeof code === 'string' ? code : 'error' });
    throw error;
  }
}
