// What keeping the phrase pairs (migrations/0022_phrase_pairs.ts) costs a message write: appendMessage, the
// product's own write of one message, timed with the pairs' trigger on messages and without it, in blocks alternated
// in one process so that the machine's noise falls on both alike. On a fresh database whose conversations are first
// grown to `--messages` messages of made-up words (as bench/search.ts writes them), or with `--data-dir` on a
// database bench/search.ts kept (a million conversations: there the pairs' index is gigabytes, and where a write's
// new entries land is what it costs). Not part of the test suite; docs/search.md quotes it.
//
//   npx tsx bench/phrase-pairs-write.ts                       # 40 fresh conversations of 30 messages
//   npx tsx bench/phrase-pairs-write.ts --data-dir=DIR        # 40 of the kept database's conversations
//   ... --blocks=6 --writes=500                               # blocks each way, writes a block
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
    'data-dir': { type: 'string' },
  },
});
const conversations = Number(options.conversations);
const kept = options['data-dir'];
const say = (line: string) => console.log(`[phrase-pairs-write] ${line}`);

/** 6-20 words drawn with a skew from 5,000, as bench/search.ts writes them. */
const body = () =>
  Array.from({ length: 6 + Math.floor(Math.random() * 15) }, () => `w${Math.floor(Math.random() ** 2.5 * 5000)}`).join(' ');

const scratch = kept ? path.resolve(kept) : await mkdtemp(path.join(tmpdir(), 'handover-pairs-write-'));
await chmod(scratch, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await findFreePort(), logger: createLogger('silent', 'bench'), persistent: Boolean(kept) });
const db = createDb(postgres.url, { max: 2 });
try {
  let workspaceId: string;
  let ids: string[];
  if (kept) {
    // Conversations spread over the kept database's year, each with its handover's words kept up as the product does.
    ({ id: workspaceId } = await db.selectFrom('workspaces').select('id').where('name', '=', 'Search bench').executeTakeFirstOrThrow());
    ids = (await sql<{ id: string }>`select id from conversations where workspace_id = ${workspaceId} order by random() limit ${conversations}`.execute(db)).rows.map((row) => row.id);
  } else {
    await migrateToLatest(db);
    ({ id: workspaceId } = await db.insertInto('workspaces').values({ name: 'Pairs write' }).returning('id').executeTakeFirstOrThrow());
    ids = [];
    for (let index = 0; index < conversations; index += 1) {
      const row = await db
        .insertInto('conversations')
        .values({ workspace_id: workspaceId, external_id: `c${index}`, customer: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  }
  const append = (conversationId: string) =>
    appendMessage(db, {
      id: randomUUID(),
      workspaceId,
      conversationId,
      handoverId: null,
      sender: 'customer',
      author: null,
      body: body(),
      clientMessageId: randomUUID(),
    });
  if (!kept) for (let round = 0; round < Number(options.messages); round += 1) for (const id of ids) await append(id);
  const { rows } = await sql<{ rows: string; index: string }>`
    select (select count(*) from phrase_pair_sets)::text as rows, pg_size_pretty(pg_relation_size('phrase_pair_sets_pairs_idx')) as index`.execute(db);
  say(`${ids.length} conversations; phrase_pair_sets holds ${rows[0]!.rows} rows, its index ${rows[0]!.index}`);

  const timings = { with: [] as number[], without: [] as number[] };
  try {
    for (let block = 0; block < Number(options.blocks) * 2; block += 1) {
      const on = block % 2 === 0;
      await sql.raw(`alter table messages ${on ? 'enable' : 'disable'} trigger messages_phrase_pair_sets`).execute(db);
      for (let write = 0; write < Number(options.writes); write += 1) {
        const started = performance.now();
        await append(ids[write % ids.length]!);
        (on ? timings.with : timings.without).push(performance.now() - started);
      }
    }
  } finally {
    await sql`alter table messages enable trigger messages_phrase_pair_sets`.execute(db);
  }
  const withTrigger = summarize(timings.with);
  const without = summarize(timings.without);
  for (const [name, key] of [['p50', 'p50'], ['p95', 'p95'], ['p99', 'p99'], ['max', 'max']] as const) {
    say(`appendMessage ${name} ${fmt(withTrigger[key])} ms with the trigger, ${fmt(without[key])} ms without: ${fmt(withTrigger[key] / without[key])}x`);
  }
} finally {
  await db.destroy();
  await postgres.stop();
  if (!kept) await rm(scratch, { recursive: true, force: true });
}
