// Each handover's words (handovers.words, migrations/0014_handover_words.ts): the distinct lexemes of its reason,
// its customer's name and email, and the messages it holds, in the 'simple' configuration search uses. Kept by the
// writes that add them, in their transaction, so a search reads one column of the handovers table and no message.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';

/**
 * A handover keeps at most this many words, each at most `maxWordLength` characters: a tsvector cannot pass 1 MB,
 * and a write that would make it larger fails, message and all. 20,000 words of 40 characters stay under it.
 * A conversation's vocabulary levels off in the hundreds; one that keeps growing (pasted logs, ids) stops adding
 * words there, and a longer word (a token, a hash, base64) is not one anybody types into a search box.
 * Documented in docs/search.md.
 */
export const maxWordsPerHandover = 20_000;
export const maxWordLength = 40;
/**
 * And this many bytes of words: 40 characters of Chinese or Thai are 120 bytes, so 20,000 such words would pass
 * PostgreSQL's 1 MB, and then every write of a message with a new word to the handover failed (found by a review).
 */
export const maxWordBytes = 1_000_000;
/** So many words of at most `maxWordLength` characters (4 bytes each at most) are within `maxWordBytes`, own words included. */
const wordsAlwaysWithinBytes = 6_000;

/** The handover's own text: its reason, its customer's name and email, as search reads them. */
function ownText(reason: string, customer: { name?: string | undefined; email?: string | undefined } | undefined): string {
  return [reason, customer?.name ?? '', customer?.email ?? ''].join(' ');
}

/** The handover's own words, as the row is inserted. */
export function ownWords(reason: string, customer: { name?: string | undefined; email?: string | undefined } | undefined): RawBuilder<string> {
  return sql<string>`strip(to_tsvector('simple'::regconfig, ${ownText(reason, customer)}))`;
}

/**
 * Makes the handover's pair filter (handover_pair_filters, migrations/0021_handover_pair_filter.ts), of its own
 * text, as it is inserted: the word pairs standing next to each other in its own text or one of its messages, three
 * bits of 2,048 for each, which a phrase search checks before it reads any message. The message writes add theirs
 * (addHandoverWords). Only ever added to, so a pair it holds is never lost; with many pairs most bits are set and it
 * lets more through.
 */
export async function createPairFilter(
  tx: Db,
  handoverId: string,
  reason: string,
  customer: { name?: string | undefined; email?: string | undefined } | undefined,
): Promise<void> {
  await sql`insert into handover_pair_filters (handover_id, filter)
    values (${handoverId}, ${pairFilterOf(sql`array[${ownText(reason, customer)}]::text[]`)})`.execute(tx);
}

/**
 * The pair filter of these texts: each text's words in the 'simple' configuration search uses, a pair being two
 * words at positions p and p + 1 (what a phrase's <-> means), never across two texts, each setting the bits of
 * `handover_pair_mask` (the one definition of a pair's bits, migrations/0021_handover_pair_filter.ts). One word at a
 * position: PostgreSQL puts several at one only past position 16,383, which a message of 4,000 characters cannot
 * reach. A subquery of the statement rather than a SQL function of its own: called as a function it cost four times
 * as much (its query planned again on every call).
 */
function pairFilterOf(texts: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(
    select coalesce(bit_or(handover_pair_mask(adjacent.lexeme, adjacent.following)), repeat('0', 2048)::bit(2048))
    from (
      select w.lexeme, p.position, lead(w.lexeme) over words as following, lead(p.position) over words as following_position
      from unnest(${texts}) with ordinality t(body, n)
        cross join lateral unnest(to_tsvector('simple'::regconfig, t.body)) w
        cross join lateral unnest(w.positions) p(position)
      window words as (partition by t.n order by p.position)
    ) adjacent
    where adjacent.following_position = adjacent.position + 1
  )`;
}

/** Bytes of a tsvector's lexemes: what PostgreSQL's 1 MB limit counts. */
const bytesOf = (words: RawBuilder<string>) => sql<number>`(select coalesce(sum(octet_length(word)), 0) from unnest(tsvector_to_array(${words})) word)`;

/**
 * The distinct lexemes of these texts, each read on its own (one text's tsvector is capped at 1 MB, not many), at
 * most `maxWordsPerHandover` of them and `maxWordBytes`.
 */
function wordsOfTexts(texts: string[]): RawBuilder<string> {
  return sql<string>`(
    select array_to_tsvector(coalesce(array_agg(word) filter (where n <= ${maxWordsPerHandover} and bytes <= ${maxWordBytes}), '{}'))
    from (
      select word, row_number() over (order by word) as n, sum(octet_length(word)) over (order by word) as bytes
      from (select distinct word.lexeme as word
        from unnest(${texts}::text[]) t(body), unnest(to_tsvector('simple'::regconfig, t.body)) word
        where length(word.lexeme) <= ${maxWordLength}) found
    ) numbered
  )`;
}

/**
 * Adds the words of messages to the handover that holds them: `handoverId`, or for messages sent outside a
 * handover, the conversation's latest one, while it stays within the limits above, and their word pairs to its
 * filter. Writes the row only when a word or a pair's bit is new to it. Called under the
 * conversation's lock, which every message write takes first, so two writes to one handover's words follow each
 * other.
 */
export async function addHandoverWords(
  tx: Db,
  target: { workspaceId: string; conversationId: string; handoverId: string | null },
  texts: string[],
): Promise<void> {
  const bodies = texts.filter((text) => text.trim() !== '');
  if (bodies.length === 0) return;
  const handover = target.handoverId
    ? sql`${target.handoverId}::uuid`
    : sql`(select o.id from handovers o where o.workspace_id = ${target.workspaceId} and o.conversation_id = ${target.conversationId}
        order by o.requested_at desc limit 1)`;
  // One statement: the words while within the limits and when one is new; the pairs into the handover's filter
  // when a bit is new. Only a filter made with the handover is added to: one made here of these pairs alone would
  // say no to the handover's earlier ones, where no filter lets it through.
  await sql`
    with target as materialized (select h.id from handovers h where h.workspace_id = ${target.workspaceId} and h.id = ${handover}),
    added as materialized (select ${wordsOfTexts(bodies)} as words, ${pairFilterOf(sql`${bodies}::text[]`)} as pairs),
    words as (
      update handovers h set words = h.words || added.words
      from added, target
      where h.workspace_id = ${target.workspaceId} and h.id = target.id
        and length(h.words) + length(added.words) <= ${maxWordsPerHandover}
        and not (tsvector_to_array(added.words) <@ tsvector_to_array(h.words))
        -- Summed only where it could matter: words of at most 40 characters (160 bytes) stay within the bytes while
        -- they number under 6,000, with room for the handover's own few words of any length.
        and case when length(h.words) + length(added.words) <= ${wordsAlwaysWithinBytes} then true
          else ${bytesOf(sql`h.words`)} + ${bytesOf(sql`added.words`)} <= ${maxWordBytes} end
    )
    update handover_pair_filters f set filter = f.filter | added.pairs
    from added, target
    where f.handover_id = target.id and (f.filter | added.pairs) <> f.filter`.execute(tx);
}

/**
 * Computes handovers' words and pair filters from what is stored, by the rule of migrations/0014_handover_words.ts:
 * the reason, the customer's name and email, and the messages each owns (those sent in it; one sent outside any
 * handover belongs to the conversation's handover requested last at or before it, or the first one for a message
 * older than them all). For rows written in bulk, which bypass the message writes that keep them: the history
 * generator's. Replaces what the handovers had. All of the workspace's handovers, or those named.
 */
export async function fillHandoverWords(db: Db, workspaceId: string, handoverIds?: readonly string[]): Promise<void> {
  if (handoverIds && handoverIds.length === 0) return;
  const chosen = handoverIds ? sql`and h.id = any(${[...handoverIds]}::uuid[])` : sql``;
  await sql`
    with target as (
      select h.id, h.conversation_id from handovers h where h.workspace_id = ${workspaceId} ${chosen}
    ),
    -- Message by message of the handovers' conversations, through the conversation index whatever the statistics
    -- say (a table loaded in bulk a moment ago has none).
    owned as (
      select owner.id, m.body
      from (select distinct conversation_id from target) c
      cross join lateral (
        select m.handover_id, m.conversation_id, m.created_at, m.body from messages m where m.conversation_id = c.conversation_id
      ) m
      cross join lateral (select coalesce(m.handover_id, ${ownerOfUnassigned('m')}) as id) owner
      where owner.id in (select id from target)
    ),
    found as (
      select owned.id, array_to_tsvector((array_agg(distinct word.lexeme) filter (where length(word.lexeme) <= ${maxWordLength}))[1:${maxWordsPerHandover}]) as words
      from owned cross join lateral unnest(to_tsvector('simple'::regconfig, owned.body)) word
      group by owned.id
    ),
    paired as (select owned.id, array_agg(owned.body) as bodies from owned group by owned.id),
    filters as (
      insert into handover_pair_filters (handover_id, filter)
      select h.id, ${pairFilterOf(sql`array[${ownTextOf('h')}] || coalesce(paired.bodies, '{}'::text[])`)}
      from target join handovers h on h.id = target.id left join paired on paired.id = target.id
      on conflict (handover_id) do update set filter = excluded.filter
    )
    update handovers h
    set words = strip(to_tsvector('simple'::regconfig, ${ownTextOf('h')})) || coalesce(found.words, ''::tsvector)
    from target left join found on found.id = target.id
    where h.workspace_id = ${workspaceId} and h.id = target.id`.execute(db);
}

/**
 * Whose words a message sent outside any handover is (the transcript, the AI's after an End), by the rule of
 * migrations/0014_handover_words.ts: the conversation's handover requested last at or before it, or the first one
 * for a message older than them all. The message writes give them to the conversation's latest handover, the same
 * one for a message stored as it is sent. By the (conversation_id, requested_at) index of migration 0008.
 */
export const ownerOfUnassigned = (message: string) => {
  const conversation = sql.ref(`${message}.conversation_id`);
  const at = sql.ref(`${message}.created_at`);
  return sql<string>`(select o.id from handovers o where o.conversation_id = ${conversation}
    order by o.requested_at <= ${at} desc, case when o.requested_at <= ${at} then o.requested_at end desc, o.requested_at
    limit 1)`;
};

/** A stored handover's own text, as ownText makes it. */
export const ownTextOf = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.reason`)} || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'name', '') || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'email', '')`;

/** The share of handovers each of the most common words is in, as ANALYZE last sampled them. */
export interface WordShares {
  shares: Map<string, number>;
}

const wordSharesLifetimeMs = 5 * 60_000;
const wordSharesCache = new WeakMap<Db, { at: number; value: WordShares | null }>();

/**
 * The words' shares from PostgreSQL's own statistics of handovers.words (migration 0014 asks it to keep 10,000 of
 * them), read at most every 5 minutes per database. Null before the table was first analyzed.
 */
export async function wordShares(db: Db): Promise<WordShares | null> {
  const cached = wordSharesCache.get(db);
  if (cached && Date.now() - cached.at < wordSharesLifetimeMs) return cached.value;
  const { rows } = await sql<{ words: string[] | null; freqs: number[] | null }>`
    select most_common_elems::text::text[] as words, most_common_elem_freqs as freqs from pg_stats
    where schemaname = current_schema() and tablename = 'handovers' and attname = 'words'`.execute(db);
  const { words, freqs } = rows[0] ?? { words: null, freqs: null };
  // The frequencies list the words' shares (then the smallest and the largest of them, and the null share).
  const value = words && freqs && freqs.length >= words.length ? { shares: new Map(words.map((word, index) => [word, freqs[index]!])) } : null;
  wordSharesCache.set(db, { at: Date.now(), value });
  return value;
}
