// The search benchmark (issue 11): GET /handovers?q= at scale. Seeds one workspace with N handovers and M messages
// in bulk (INSERT ... SELECT generate_series, on the schema before migrations/0009_search.ts), then runs 0009 (so
// its index builds are timed on a full table too) and times the list's query with a search, as the API runs it
// (listHandovers: the page, then the page's snippets), for a few typical searches. Not part of the test suite.
//
//   npx tsx bench/search.ts                                   # 20k handovers, 200k messages: about a minute
//   npx tsx bench/search.ts --handovers=1000000 --messages=10000000 --runs=50
import { mkdtemp, mkdir, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb, type Db } from '../db/connect.ts';
import { listHandovers, SearchTooBroadError } from '../db/handovers.ts';
import { insertMember } from '../db/members.ts';
import { defaultPolicy } from '../domain/policy.ts';
import { migrateToLatest, pendingMigrations } from '../db/migrate.ts';
import { completePhraseFilters } from '../db/phrase-filters.ts';
import { completePhrasePairs } from '../db/phrase-pairs.ts';
import { createLogger } from '../platform/logger.ts';
import { findFreePort } from '../platform/ports.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { fmt, summarize } from './stats.ts';

const { values: options } = parseArgs({
  options: {
    handovers: { type: 'string', default: '20000' },
    messages: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '30' },
    // Keep the seeded database there and reuse it on the next run (seeding 1M handovers takes half an hour).
    'data-dir': { type: 'string' },
    // Seed (and migrate) only; no timings.
    'seed-only': { type: 'boolean', default: false },
  },
});
const handovers = Number(options.handovers);
const messages = Number(options.messages);
const runs = Number(options.runs);
const say = (line: string) => console.log(`[search-bench] ${line}`);

// Message words: a few support words, then made-up ones, drawn with a skew (low ranks far more often), so some
// words are in many messages and most in few, as in real text. A word's rank sets how common it is.
const vocabularySize = 5000;
const supportWords = ['order', 'refund', 'parcel', 'invoice', 'account', 'password', 'delivery', 'cancel', 'subscription', 'payment'];
const firstNames = ['Ana', 'Ben', 'Chloe', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya'];
const lastNames = ['Lopez', 'Carter', 'Nguyen', 'Okafor', 'Schmidt', 'Tanaka', 'Rossi', 'Haddad', 'Kowalski', 'Silva', 'Berg', 'Moreau'];
const reasons = ['Customer asks for a refund', 'Parcel never arrived', 'Wants to cancel the subscription', 'Invoice address wrong', 'Cannot log in', 'Payment failed twice'];

/** The word of a rank: the support words first, then made-up ones (w12, w13, ...). */
const wordOf = (rank: number) => supportWords[rank] ?? `w${rank}`;

async function seed(db: Db): Promise<{ workspaceId: string; memberId: string }> {
  const workspace = await db.insertInto('workspaces').values({ name: 'Search bench' }).returning('id').executeTakeFirstOrThrow();
  const member = async (index: number) =>
    insertMember(db, { workspaceId: workspace.id, email: `agent${index}@bench.test`, name: `Agent ${index}`, role: index === 0 ? 'admin' : 'agent', passwordHash: 'x' });
  const members = [];
  for (let index = 0; index < 20; index += 1) members.push((await member(index)).id);

  const started = performance.now();
  await sql`
    insert into conversations (workspace_id, external_id, customer)
    select ${workspace.id}::uuid, 'conv-' || g, jsonb_build_object('name', first || ' ' || last, 'email', lower(first || '.' || last || g || '@example.com'))
    from generate_series(1, ${handovers}::int) g,
      lateral (select (${firstNames}::text[])[1 + g % ${firstNames.length}] as first, (${lastNames}::text[])[1 + (g / 7) % ${lastNames.length}] as last) n`.execute(db);
  // One handover per conversation, requested over the past year in the order of the conversations; most closed.
  await sql`
    insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, assignee_id, requested_at, claimed_at, ended_at, outcome)
    select gen_random_uuid(), c.workspace_id, c.id, s.status, 'user_request', (${reasons}::text[])[1 + n % ${reasons.length}], c.customer,
      ${JSON.stringify(defaultPolicy)}::jsonb, case when s.status = 'pending' then null else (${members}::uuid[])[1 + n % ${members.length}] end,
      r.at, case when s.status = 'pending' then null else r.at + interval '1 minute' end,
      case when s.status in ('completed', 'missed') then r.at + interval '20 minutes' end,
      case s.status when 'completed' then 'resolved' when 'missed' then 'timed_out' end
    from (select c.*, substr(c.external_id, 6)::int as n from conversations c where c.workspace_id = ${workspace.id}) c,
      lateral (select now() - (interval '365 days' * (1 - c.n::float8 / ${handovers})) as at) r,
      lateral (select case when c.n > ${handovers} - 50 then 'pending' when c.n > ${handovers} - 200 then 'in_progress'
        when c.n % 10 = 0 then 'missed' else 'completed' end as status) s`.execute(db);
  say(`${handovers} conversations and handovers in ${fmt((performance.now() - started) / 1000)} s`);

  const messageStart = performance.now();
  const batch = 1_000_000;
  for (let from = 0; from < messages; from += batch) {
    const to = Math.min(messages, from + batch) - 1;
    // Message i belongs to conversation i mod N, as its (i div N + 1)th message; 6-20 words each.
    await sql`
      insert into messages (id, workspace_id, conversation_id, handover_id, seq, sender, body, created_at)
      select gen_random_uuid(), ${workspace.id}::uuid, c.id, null, i / ${handovers} + 1,
        case when i % 2 = 0 then 'customer' else 'agent' end,
        (select string_agg(case when rank < ${supportWords.length} then (${supportWords}::text[])[rank + 1] else 'w' || rank end, ' ')
          from (select floor(power(random(), 2.5) * ${vocabularySize})::int as rank from generate_series(1, 6 + (i % 15)) where i >= 0) words),
        h.requested_at + (i / ${handovers}) * interval '30 seconds'
      from generate_series(${from}::int, ${to}::int) i
      join conversations c on c.workspace_id = ${workspace.id} and c.external_id = 'conv-' || (1 + i % ${handovers})
      join handovers h on h.conversation_id = c.id`.execute(db);
    say(`  ${to + 1} messages ...`);
  }
  await sql`update conversations set last_seq = ${Math.ceil(messages / handovers)} where workspace_id = ${workspace.id}`.execute(db);
  say(`${messages} messages in ${fmt((performance.now() - messageStart) / 1000)} s`);
  return { workspaceId: workspace.id, memberId: members[0] as string };
}

/** A database this bench seeded earlier (`--data-dir`): its workspace and admin. */
async function findSeed(db: Db): Promise<{ workspaceId: string; memberId: string } | null> {
  const tables = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_name = 'handovers'`.execute(db);
  if (Number(tables.rows[0]?.n) === 0) return null;
  const row = await db
    .selectFrom('workspaces')
    .innerJoin('members', 'members.workspace_id', 'workspaces.id')
    .select(['workspaces.id as workspaceId', 'members.id as memberId'])
    .where('workspaces.name', '=', 'Search bench')
    .where('members.email', '=', 'agent0@bench.test')
    .executeTakeFirst();
  return row ?? null;
}

interface Case {
  name: string;
  q?: string;
  from?: string;
  to?: string;
  assigneeId?: string;
}

async function main() {
  const kept = options['data-dir'];
  const scratch = kept ? path.resolve(kept) : await mkdtemp(path.join(tmpdir(), 'handover-search-bench-'));
  await mkdir(scratch, { recursive: true });
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its data folder.
  await chmod(scratch, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), port: await findFreePort(), logger: createLogger('silent', 'bench'), persistent: Boolean(kept) });
  const db = createDb(postgres.url, { max: 2 });
  try {
    // A kept database may have run a migration that later ones were numbered before (branches merged since).
    const unordered = { allowUnorderedMigrations: Boolean(kept) };
    const seeded = kept ? await findSeed(db) : null;
    let workspaceId: string, memberId: string;
    if (seeded) {
      ({ workspaceId, memberId } = seeded);
      say(`reusing the database seeded in ${scratch}`);
    } else {
      // Seeded before the search migrations, so their indexes and backfills are timed on full tables.
      await migrateToLatest(db, { ...unordered, to: '0008_customer_context' });
      say(`seeding ${handovers} handovers and ${messages} messages ...`);
      ({ workspaceId, memberId } = await seed(db));
      if (options['seed-only']) return;
    }
    // One at a time, each timed: the upgrade's cost at this size is one of the results (docs/search.md).
    const indexStart = performance.now();
    const pending = await pendingMigrations(db);
    for (const name of pending) {
      const started = performance.now();
      await migrateToLatest(db, { ...unordered, to: name });
      say(`migration ${name}: ${fmt((performance.now() - started) / 1000)} s`);
    }
    say(`migrations after the seed in ${fmt((performance.now() - indexStart) / 1000)} s`);
    // As docs/search.md tells an upgrade at this size to do after 0014 (its update of every row left the customer
    // trigram index fragmented: a whole email took 580 ms through it, 5 ms after this).
    if (pending.length > 0) {
      const reindexStart = performance.now();
      await sql`reindex table handovers`.execute(db);
      say(`reindex table handovers: ${fmt((performance.now() - reindexStart) / 1000)} s`);
    }
    // The phrase filters of the seeded messages, as the API fills them in the background after 0021.
    const fillStart = performance.now();
    await completePhraseFilters(db, (_, conversations) => say(`phrase filters of ${conversations} conversations filled`));
    say(`phrase filters filled in ${fmt((performance.now() - fillStart) / 1000)} s`);
    const pairsStart = performance.now();
    await completePhrasePairs(db, (_, conversations) => say(`phrase pairs of ${conversations} conversations filled`));
    say(`phrase pairs filled in ${fmt((performance.now() - pairsStart) / 1000)} s`);
    // As autovacuum would after a migration that rewrote every row (0014, 0020): the timings are of a settled table.
    await sql`vacuum analyze`.execute(db);

    // A handover in the middle of the year: its email, its conversation id; words of a few frequencies.
    const middle = Math.floor(handovers / 2);
    const sample = await db
      .selectFrom('handovers')
      .innerJoin('conversations', 'conversations.id', 'handovers.conversation_id')
      .select(['conversations.external_id', 'handovers.customer', 'handovers.assignee_id', 'handovers.requested_at'])
      .where('conversations.external_id', '=', `conv-${middle}`)
      .executeTakeFirstOrThrow();
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const monthBefore = new Date(sample.requested_at.getTime() - 30 * 86_400_000);
    // How many handovers hold the word (its frequency is what decides the plan).
    const counts = async (word: string) =>
      (await sql<{ n: string }>`select count(*) as n from handovers where words @@ websearch_to_tsquery('simple', ${word})`.execute(db)).rows[0]?.n;
    const cases: Case[] = [
      { name: 'the list, no search' },
      { name: `rare word (${wordOf(3000)}, in ${await counts(wordOf(3000))} handovers)`, q: wordOf(3000) },
      { name: `common word (${wordOf(300)}, in ${await counts(wordOf(300))} handovers)`, q: wordOf(300) },
      { name: `very common word (${wordOf(20)}, in ${await counts(wordOf(20))} handovers)`, q: wordOf(20) },
      { name: `support word (${wordOf(1)}, in ${await counts(wordOf(1))} handovers)`, q: wordOf(1) },
      { name: `two words (${wordOf(300)} ${wordOf(3000)}, in ${await counts(`${wordOf(300)} ${wordOf(3000)}`)} handovers)`, q: `${wordOf(300)} ${wordOf(3000)}` },
      { name: `a phrase of uncommon words ("${wordOf(300)} ${wordOf(3000)}")`, q: `"${wordOf(300)} ${wordOf(3000)}"` },
      { name: `a phrase of the two commonest words ("${wordOf(1)} ${wordOf(2)}")`, q: `"${wordOf(1)} ${wordOf(2)}"` },
      // Rare as a phrase though each word is in most handovers: the hardest phrase for the words column.
      { name: `a phrase of the three commonest words ("${wordOf(1)} ${wordOf(2)} ${wordOf(0)}")`, q: `"${wordOf(1)} ${wordOf(2)} ${wordOf(0)}"` },
      { name: 'whole email', q: String(sample.customer.email) },
      { name: 'part of an email', q: String(sample.customer.email).split('@')[0]?.slice(-8) ?? '' },
      { name: 'conversation id', q: sample.external_id },
      { name: 'customer name', q: String(sample.customer.name) },
      { name: 'common word + 30 days', q: wordOf(300), from: day(monthBefore), to: day(sample.requested_at) },
      { name: 'agent + 30 days (no text)', ...(sample.assignee_id ? { assigneeId: sample.assignee_id } : {}), from: day(monthBefore), to: day(sample.requested_at) },
      { name: 'no match', q: 'zzzznothing' },
    ];
    const rows: string[] = [];
    for (const entry of cases) {
      const timings: number[] = [];
      let found = 0;
      let refused = false;
      for (let run = 0; run < runs + 3 && !refused; run += 1) {
        const begin = performance.now();
        try {
          const page = await listHandovers(db, workspaceId, {
            view: 'all',
            sort: 'attention',
            memberId,
            limit: 50,
            ...(entry.q ? { q: entry.q } : {}),
            ...(entry.assigneeId ? { assigneeId: entry.assigneeId } : {}),
            ...(entry.from ? { from: `${entry.from}T00:00:00.000000Z` } : {}),
            ...(entry.to ? { to: `${entry.to}T23:59:59.999999Z` } : {}),
          });
          found = page.handovers.length;
        } catch (error) {
          if (!(error instanceof SearchTooBroadError)) throw error;
          refused = true;
        }
        // The first runs warm the cache; only the rest are counted.
        if (run >= 3) timings.push(performance.now() - begin);
      }
      if (refused) {
        rows.push(`| ${entry.name} | refused after 5 s (400, "narrow it") | | | |`);
        say(`${entry.name}: refused after 5 s`);
        continue;
      }
      const summary = summarize(timings);
      rows.push(`| ${entry.name} | ${found} | ${fmt(summary.p50)} | ${fmt(summary.p95)} | ${fmt(summary.max)} |`);
      say(`${entry.name}: p50 ${fmt(summary.p50)} ms, p95 ${fmt(summary.p95)} ms (${found} on the page)`);
    }
    console.log(`\n${handovers} handovers, ${messages} messages, ${runs} runs each (after 3 warm-up runs); view=all, sort=attention, limit 50; milliseconds\n`);
    console.log('| search | rows on the page | p50 | p95 | max |\n|---|---|---|---|---|');
    console.log(rows.join('\n'));
  } finally {
    await db.destroy();
    await postgres.stop();
    if (!kept) await rm(scratch, { recursive: true, force: true });
  }
}

await main();
