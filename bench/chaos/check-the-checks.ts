// A check that cannot fail is a defect. After the run, each sabotage below breaks the real stored state (or what
// the receiver and the client saw) the way a faulty product would (a message lost or doubled, a webhook under a
// second id or out of order, a handover reopened or doubled, a 500, a slow answer, a dead process where none was
// stopped), runs the checks, and undoes it. Every sabotage must be caught by the checks named for it.
import { sql } from 'kysely';
import type { Attempt } from './client.ts';
import { settleAndCheck, type CheckContext, type CheckResult } from './checks.ts';

interface Sabotage {
  name: string;
  /** Checks that must fail while it is in place. */
  caughtBy: string[];
  /** Whether the transcripts must be read through the API again for it (the slowest check). */
  transcripts?: boolean;
  /** Breaks something; returns how to undo it, or null when this run has nothing it applies to. */
  apply(context: CheckContext): Promise<(() => Promise<void>) | null>;
}

const sabotages: Sabotage[] = [
  {
    name: 'an acknowledged agent message is lost from PostgreSQL',
    caughtBy: ['stored exactly once', 'transcripts read back'],
    transcripts: true,
    async apply({ cluster, load, workspaceId }) {
      const message = load.messages.find((m) => m.sender === 'agent');
      if (!message) return null;
      const rows = await sql<Record<string, unknown>>`delete from messages where workspace_id = ${workspaceId} and sender = 'agent'
        and client_message_id = ${message.clientMessageId} returning *`.execute(cluster.db);
      return async () => {
        for (const row of rows.rows) await cluster.db.insertInto('messages').values(row as never).execute();
      };
    },
  },
  {
    name: 'an acknowledged customer message is stored twice (under another client id)',
    caughtBy: ['stored exactly once'],
    async apply({ cluster, load, workspaceId }) {
      const message = load.messages.find((m) => m.sender === 'customer' && m.handoverId !== null);
      if (!message) return null;
      const copy = await sql<{ id: string }>`insert into messages (id, workspace_id, conversation_id, handover_id, seq, sender, body, client_message_id)
        select gen_random_uuid(), workspace_id, conversation_id, handover_id, seq + 100000, sender, body, client_message_id || '-again'
        from messages where workspace_id = ${workspaceId} and sender = 'customer' and client_message_id = ${message.clientMessageId}
        returning id`.execute(cluster.db);
      return async () => {
        for (const row of copy.rows) await sql`delete from messages where id = ${row.id}`.execute(cluster.db);
      };
    },
  },
  {
    name: 'an agent message reaches the receiver under a second webhook-id',
    caughtBy: ['webhooks exactly once, in order'],
    async apply({ receiver }) {
      const delivery = receiver.deliveries.find((d) => d.answer === 'acknowledged' && d.message?.sender === 'agent');
      if (!delivery) return null;
      receiver.deliveries.push({ ...delivery, webhookId: `${delivery.webhookId}-again` });
      return async () => {
        receiver.deliveries.pop();
      };
    },
  },
  {
    name: "a handover's messages reach the receiver out of seq order",
    caughtBy: ['webhooks exactly once, in order'],
    async apply({ receiver }) {
      const once = receiver.processedOnce().filter((d) => d.message?.sender === 'agent');
      const first = once.find((d) => once.some((other) => other.handoverId === d.handoverId && other !== d));
      if (!first) return null;
      const second = once.find((d) => d.handoverId === first.handoverId && d !== first)!;
      const [i, j] = [receiver.deliveries.indexOf(first), receiver.deliveries.indexOf(second)];
      receiver.deliveries[i] = second;
      receiver.deliveries[j] = first;
      return async () => {
        receiver.deliveries[i] = first;
        receiver.deliveries[j] = second;
      };
    },
  },
  {
    name: 'an agent message is never acknowledged by the receiver',
    caughtBy: ['settled', 'webhooks exactly once, in order'],
    async apply({ receiver }) {
      const delivery = receiver.deliveries.find((d) => d.answer === 'acknowledged' && d.message?.sender === 'agent');
      if (!delivery) return null;
      const same = receiver.deliveries.filter((d) => d.handoverId === delivery.handoverId && d.message?.clientMessageId === delivery.message?.clientMessageId);
      const answers = same.map((d) => d.answer);
      for (const d of same) d.answer = 'unavailable';
      return async () => {
        same.forEach((d, index) => (d.answer = answers[index]!));
      };
    },
  },
  {
    name: 'an ended handover is active again',
    caughtBy: ['settled', 'handover states', 'analytics equal the load'],
    async apply({ cluster, load }) {
      const handover = load.handovers.find((h) => h.end === 'acked');
      if (!handover?.handoverId) return null;
      const before = await sql<{ status: string; ended_at: Date; outcome: string }>`select status, ended_at, outcome from handovers where id = ${handover.handoverId}`.execute(
        cluster.db,
      );
      await sql`update handovers set status = 'in_progress', ended_at = null, outcome = null where id = ${handover.handoverId}`.execute(cluster.db);
      const row = before.rows[0]!;
      return async () => {
        await sql`update handovers set status = ${row.status}, ended_at = ${row.ended_at}, outcome = ${row.outcome} where id = ${handover.handoverId}`.execute(cluster.db);
      };
    },
  },
  {
    name: 'a completed handover is counted as missed',
    caughtBy: ['handover states', 'analytics equal the load'],
    async apply({ cluster, load }) {
      const handover = load.handovers.find((h) => h.end === 'acked');
      if (!handover?.handoverId) return null;
      await sql`update handovers set status = 'missed' where id = ${handover.handoverId}`.execute(cluster.db);
      return async () => {
        await sql`update handovers set status = 'completed' where id = ${handover.handoverId}`.execute(cluster.db);
      };
    },
  },
  {
    name: 'a conversation gets a second handover',
    caughtBy: ['handover states', 'analytics equal the load'],
    async apply({ cluster, load }) {
      const handover = load.handovers.find((h) => h.end === 'acked');
      if (!handover?.handoverId) return null;
      const copy = await sql<{ id: string }>`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, metadata, policy, requested_at, ended_at, outcome)
        select gen_random_uuid(), workspace_id, conversation_id, 'completed', trigger, reason, customer, metadata, policy, requested_at, ended_at, outcome
        from handovers where id = ${handover.handoverId} returning id`.execute(cluster.db);
      return async () => {
        for (const row of copy.rows) await sql`delete from handovers where id = ${row.id}`.execute(cluster.db);
      };
    },
  },
  ...(
    [
      ['a request answered 500', { kind: 'server_error', status: 500, code: 'internal_error', latencyMs: 20 }],
      ['a request answered 503 after 12 s', { kind: 'unavailable', status: 503, code: 'unavailable', latencyMs: 12_000 }],
      ['a request that hangs', { kind: 'hang', status: null, code: null, latencyMs: 15_000 }],
      ['a connection refused where no fault stopped the process', { kind: 'connection', status: null, code: null, latencyMs: 1 }],
      ['an unexpected 4xx', { kind: 'client_error', status: 404, code: 'not_found', latencyMs: 20 }],
    ] as const
  ).map(
    ([name, attempt]): Sabotage => ({
      name,
      caughtBy: ['answers: 2xx or 503, within 10 s'],
      async apply(context) {
        const fake: Attempt = { at: context.window.from, op: 'sabotage', api: 0, ...attempt };
        context.attempts.push(fake);
        return async () => {
          context.attempts.splice(context.attempts.indexOf(fake), 1);
        };
      },
    }),
  ),
];

export interface SabotageResult {
  name: string;
  caughtBy: string[];
  failed: string[];
  caught: boolean;
}

/** Applies each sabotage in turn, checks, and undoes it; then the checks must pass again. */
export async function checkTheChecks(context: CheckContext): Promise<{ results: SabotageResult[]; checks: CheckResult[] }> {
  const results: SabotageResult[] = [];
  // No waiting: nothing is on its way any more, so whatever is missing stays missing.
  const now = context.clock();
  const quick: CheckContext = { ...context, settleTimeoutMs: 0, transcriptsFrom: Number.POSITIVE_INFINITY, window: { from: now, to: now + 1 }, episode: 'sabotage' };
  for (const sabotage of sabotages) {
    const undo = await sabotage.apply(quick);
    if (!undo) {
      results.push({ name: sabotage.name, caughtBy: sabotage.caughtBy, failed: [], caught: false });
      continue;
    }
    try {
      const transcriptsFrom = sabotage.transcripts ? 0 : Number.POSITIVE_INFINITY;
      const { checks } = await settleAndCheck({ ...quick, ended: new Map(context.ended), transcriptsFrom });
      const failed = checks.filter((check) => !check.passed).map((check) => check.name);
      results.push({ name: sabotage.name, caughtBy: sabotage.caughtBy, failed, caught: sabotage.caughtBy.every((name) => failed.includes(name)) });
    } finally {
      await undo();
    }
  }
  const { checks } = await settleAndCheck(quick);
  return { results, checks };
}
