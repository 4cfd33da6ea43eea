// Stores a generated history (generate.ts) in a workspace: its conversations, handovers, messages and timelines, in
// batches, then each batch's search words (db/handover-words.ts). Where the rows go is the sink's choice: COPY on a
// connection of its own for a million handovers (`npm run seed:analytics`), or INSERTs inside a caller's transaction
// for the demo's few hundred. Nothing here starts a workflow: these handovers are closed history.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../db/connect.ts';
import { fillHandoverWords } from '../../db/handover-words.ts';
import type { HandoverPolicy } from '../../domain/policy.ts';
import type { GeneratedConversation, History, HistorySummary } from './generate.ts';

/** The columns written, with their PostgreSQL types, parents first. */
const tables = {
  conversations: {
    id: 'uuid', workspace_id: 'uuid', external_id: 'text', customer: 'jsonb', ai_paused: 'boolean', closed_at: 'timestamptz',
    last_seq: 'integer', created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  handovers: {
    id: 'uuid', workspace_id: 'uuid', conversation_id: 'uuid', status: 'text', trigger: 'text', reason: 'text', customer: 'jsonb',
    metadata: 'jsonb', policy: 'jsonb', assignee_id: 'uuid', escalation_level: 'integer', requested_at: 'timestamptz',
    claimed_at: 'timestamptz', first_response_at: 'timestamptz', ended_at: 'timestamptz', outcome: 'text', ai_resumed: 'boolean',
    rating_score: 'integer', rating_comment: 'text', rated_at: 'timestamptz', transfers: 'integer', revision: 'bigint',
    requeues: 'integer',
  },
  messages: {
    id: 'uuid', workspace_id: 'uuid', conversation_id: 'uuid', handover_id: 'uuid', seq: 'integer', sender: 'text', author_id: 'uuid',
    author_name: 'text', body: 'text', client_message_id: 'text', created_at: 'timestamptz',
  },
  handover_events: {
    workspace_id: 'uuid', handover_id: 'uuid', type: 'text', actor_id: 'uuid', actor_name: 'text', data: 'jsonb', at: 'timestamptz',
    dedupe_key: 'text',
  },
} as const;

export type HistoryTable = keyof typeof tables;
/** A row as text, in its table's column order (null for SQL NULL). */
export type TextRow = (string | null)[];
export type HistoryBatch = Record<HistoryTable, TextRow[]>;

/** Where a batch of rows goes; tables in the order of `tables` (parents first). */
export interface HistorySink {
  write(batch: HistoryBatch): Promise<void>;
}

export interface WriteHistoryOptions {
  workspaceId: string;
  /** The policy every handover snapshots (the same one the history was generated with). */
  policy: HandoverPolicy;
  /** Conversations per batch. */
  batchSize?: number;
  /** After each batch is stored: the counts so far. */
  onProgress?: (summary: HistorySummary) => void;
}

/**
 * Writes the history through the sink, batch by batch, and fills each batch's search words through `db` (which
 * sees the batch: the sink's transaction, or committed rows). Returns what was written, as the generator counted it.
 */
export async function writeHistory(db: Db, sink: HistorySink, history: History, options: WriteHistoryOptions): Promise<HistorySummary> {
  const batchSize = options.batchSize ?? 2000;
  const policy = JSON.stringify(options.policy);
  let batch = emptyBatch();
  let handoverIds: string[] = [];
  let conversations = 0;
  let batches = 0;
  // Three things overlap: the next batch is generated while the last one is copied, and a copied batch's words
  // are computed (on another connection, for COPY) while the next one is copied.
  let writing: Promise<void> = Promise.resolve();
  let filling: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    const ids = handoverIds;
    const written = sink.write(batch);
    const previousFill = filling;
    const number = (batches += 1);
    // What is stored once this batch is: the counts as they stand now, not when its words are done.
    const counted = { ...history.summary };
    filling = written.then(async () => {
      await previousFill;
      // Statistics as the tables grow (after batch 1, 2, 4, 8, ...): without them, a table that was empty a moment
      // ago is read as if it still were, and a batch's words took seconds instead of a fraction of one.
      if ((number & (number - 1)) === 0) {
        for (const table of Object.keys(tables)) await sql`analyze ${sql.table(table)}`.execute(db);
      }
      await fillHandoverWords(db, options.workspaceId, ids);
      options.onProgress?.(counted);
    });
    writing = written;
    // Awaited later; until then a failure must not count as unhandled.
    written.catch(() => {});
    filling.catch(() => {});
    batch = emptyBatch();
    handoverIds = [];
    conversations = 0;
  };
  try {
    for (const conversation of history.conversations) {
      addRows(batch, options.workspaceId, policy, conversation);
      if (conversation.handover) handoverIds.push(conversation.handover.id);
      if ((conversations += 1) >= batchSize) await flush();
      // Now and then the copy in flight gets its turn to send what it has.
      else if (conversations % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (conversations > 0) await flush();
  } finally {
    await writing.catch(() => {});
    await filling.catch(() => {});
  }
  await writing;
  await filling;
  return history.summary;
}

/** COPY into each table on this connection, a transaction per batch: a batch is stored whole or not at all. */
export function createCopySink(client: pg.ClientBase): HistorySink {
  return {
    async write(batch) {
      await client.query('begin');
      try {
        for (const table of Object.keys(tables) as HistoryTable[]) {
          const rows = batch[table];
          if (rows.length === 0) continue;
          const columns = Object.keys(tables[table]).join(', ');
          await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      }
    },
  };
}

/** INSERTs of whole columns (unnest of one array per column), for a history written inside a caller's transaction. */
export function createInsertSink(db: Db): HistorySink {
  return {
    async write(batch) {
      for (const table of Object.keys(tables) as HistoryTable[]) {
        const rows = batch[table];
        if (rows.length === 0) continue;
        const columns = Object.entries(tables[table]);
        const arrays = columns.map(([, type], index) => sql`${rows.map((row) => row[index] ?? null)}::${sql.raw(type)}[]`);
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
          select * from unnest(${sql.join(arrays)})`.execute(db);
      }
    },
  };
}

function emptyBatch(): HistoryBatch {
  return { conversations: [], handovers: [], messages: [], handover_events: [] };
}

function addRows(batch: HistoryBatch, workspaceId: string, policy: string, conversation: GeneratedConversation): void {
  const { handover } = conversation;
  const customer = JSON.stringify(conversation.customer);
  batch.conversations.push([
    conversation.id, workspaceId, conversation.externalId, customer, 'false', time(conversation.closedAt),
    String(conversation.messages.length), time(conversation.createdAt), time(conversation.updatedAt),
  ]);
  if (handover) {
    batch.handovers.push([
      handover.id, workspaceId, conversation.id, handover.status, handover.trigger, handover.reason, customer,
      JSON.stringify(handover.metadata), policy, handover.assigneeId, String(handover.escalationLevel), time(handover.requestedAt),
      time(handover.claimedAt), time(handover.firstResponseAt), time(handover.endedAt), handover.outcome, String(handover.aiResumed),
      handover.rating ? String(handover.rating.score) : null, handover.rating?.comment ?? null, time(handover.rating?.at ?? null),
      String(handover.transfers),
      // The number of the last change, as the workflow numbers them (microseconds of its clock).
      String((handover.rating?.at ?? handover.endedAt) * 1000),
      String(handover.requeues),
    ]);
    for (const event of handover.events) {
      batch.handover_events.push([
        workspaceId, handover.id, event.type, event.actor?.id ?? null, event.actor?.name ?? null, JSON.stringify(event.data), time(event.at),
        event.dedupeKey,
      ]);
    }
  }
  for (const message of conversation.messages) {
    batch.messages.push([
      message.id, workspaceId, conversation.id, message.handoverId, String(message.seq), message.sender, message.author?.id ?? null,
      message.author?.name ?? null, message.body, message.clientMessageId, time(message.at),
    ]);
  }
}

function time(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Rows in COPY's text format, in chunks of about 64 KiB. */
function* copyText(rows: TextRow[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(copyValue).join('\t') + '\n';
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const needsEscape = /[\\\t\n\r]/;

function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  if (!needsEscape.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char] as string);
}
