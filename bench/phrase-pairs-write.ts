// What keeping the phrase pairs (migrations/0022_phrase_pairs.ts) costs a message write: appendMessage, the
// product's own write of one message, timed with the pairs' trigger on messages and without it, in blocks alternated
// in one process so that the machine's noise falls on both alike. Conversations are grown first to `--messages`
// messages of made-up words, as bench/search.ts writes them. Not part of the test suite; docs/search.md quotes it.
//
//   npx tsx bench/phrase-pairs-write.ts          # 40 conversations of 30 messages, then 6 blocks of 200 writes each way
import { randomUUID } from 'node:crypto';
import { mkdtemp, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { appendMessage } from '../db/messages.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { fmt, summarize } from './stats.ts';

const { values: options } = parseArgs({
  options: {
    conversations: { type: 'string', default: '40' },
    messages: { type: 'string', default: '30' },
    blocks: { type: 'string', default: '6' },
    writes: { type: 'string', default: '200' },
  },
});
const conversations = Number(options.conversations);
const say = (line: string) => console.log(`[phrase-pairs-write] ${line}`);

/** 6-20 words drawn with a skew from 5,000, as bench/search.ts writes them. */
const body = () =>
  Array.from({ length: 6 + Math.floor(Math.random() * 15) }, () => `w${Math.floor(Math.random() ** 2.5 * 5000)}`).join(' ');

const scratch = await mkdtemp(path.join(tmpdir(), 'handover-pairs-write-'));
await chmod(scratch, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await findFreePort(), logger: createLogger('silent', 'bench'), persistent: false });
const db = createDb(postgres.url, { max: 2 });
try {
  await migrateToLatest(db);
  const workspace = await db.insertInto('workspaces').values({ name: 'Pairs write' }).returning('id').executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let index = 0; index < conversations; index += 1) {
    const row = await db
      .insertInto('conversations')
      .values({ workspace_id: workspace.id, external_id: `c${index}`, customer: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const append = (conversationId: string) =>
    appendMessage(db, {
      id: randomUUID(),
      workspaceId: workspace.id,
      conversationId,
      handoverId: null,
      sender: 'customer',
      author: null,
      body: body(),
      clientMessageId: randomUUID(),
    });
  for (let round = 0; round < Number(options.messages); round += 1) for (const id of ids) await append(id);
  const { rows } = await sql<{ pairs: number }>`select avg(cardinality(pairs))::float8 as pairs from phrase_pair_sets`.execute(db);
  say(`${conversations} conversations of ${options.messages} messages, ${fmt(rows[0]!.pairs)} pairs a message on average`);

  const timings = { with: [] as number[], without: [] as number[] };
  for (let block = 0; block < Number(options.blocks) * 2; block += 1) {
    const kept = block % 2 === 0;
    await sql.raw(`alter table messages ${kept ? 'enable' : 'disable'} trigger messages_phrase_pair_sets`).execute(db);
    for (let write = 0; write < Number(options.writes); write += 1) {
      const started = performance.now();
      await append(ids[write % ids.length]!);
      (kept ? timings.with : timings.without).push(performance.now() - started);
    }
  }
  const kept = summarize(timings.with);
  const without = summarize(timings.without);
  say(`appendMessage p50 ${fmt(kept.p50)} ms with the trigger, ${fmt(without.p50)} ms without: ${fmt(kept.p50 / without.p50)}x`);
  say(`p95 ${fmt(kept.p95)} ms with, ${fmt(without.p95)} ms without: ${fmt(kept.p95 / without.p95)}x`);
} finally {
  await db.destroy();
  await postgres.stop();
  await rm(scratch, { recursive: true, force: true });
}
