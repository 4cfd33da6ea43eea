// Each handover's words (handovers.words, migrations/0014_handover_words.ts): the distinct lexemes of its reason,
// its customer's name and email, and the messages it holds, in the 'simple' configuration search uses, and a term
// for each two words that stand together in one of those texts (pairTerm, migrations/0020_search_word_pairs.ts),
// which narrows a phrase. Kept by the writes that add them, in their transaction, so a search reads one column of
// the handovers table and no message.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';

/**
 * A handover keeps at most this many words, each at most `maxWordLength` characters: a tsvector cannot pass 1 MB
 * of text, and a write that would make it larger fails, message and all (see also `maxWordBytes`).
 * A conversation's vocabulary levels off in the hundreds; one that keeps growing (pasted logs, ids) stops adding
 * words there, and a longer word (a token, a hash, base64) is not one anybody types into a search box.
 * Documented in docs/search.md.
 */
export const maxWordsPerHandover = 20_000;
export const maxWordLength = 40;
/**
 * And this many bytes of words: 40 characters of Chinese or Thai are 120 bytes, and 20,000 such words would pass
 * the 1 MB (found by a cold review: every later write of the handover's messages failed). Leaves room for the pairs.
 */
export const maxWordBytes = 960_000;
/** All terms' bytes at most: PostgreSQL's limit is 1,048,575. */
const maxTermBytes = 1_040_000;
/** A pair's bytes: a space and 12 hex digits. */
const pairTermBytes = 13;
/**
 * And at most this many pairs (13 bytes each). Pairs keep coming as long as a conversation does, where words
 * level off: past this many a handover is marked `overflowTerm`, keeps no more, and a phrase is narrowed there by
 * its words alone (db/handover-search.ts), so no phrase is missed and a long conversation's writes stop.
 */
export const maxPairsPerHandover = 2_000;
/** The mark of a handover that holds more pairs than it keeps. Starts with a space, as pairs do: no word does. */
export const overflowTerm = ' +';

/**
 * The term for two words that stand next to each other: a space (which no word holds) and the first 12 hex digits
 * of the md5 of both words' UTF-8, as the SQL function search_pairs makes it (migrations/0020_search_word_pairs.ts).
 */
export function pairTerm(first: string, second: string): string {
  return ` ${createHash('md5').update(`${first} ${second}`, 'utf8').digest('hex').slice(0, 12)}`;
}

/** The handover's own text, as a phrase is checked in it (db/handover-search.ts) and its words are taken. */
export const ownText = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.reason`)} || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'name', '') || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'email', '')`;

/** The words and pairs of the handover's own text (any length of word; its few pairs count toward none of the limits). */
function ownWordsOf(text: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`(select strip(v) || array_to_tsvector(array(select distinct search_pairs(v)))
    from to_tsvector('simple'::regconfig, ${text}) v)`;
}

/** The handover's own words and pairs, as the row is inserted. */
export function ownWords(reason: string, customer: { name?: string | undefined; email?: string | undefined } | undefined): RawBuilder<string> {
  return ownWordsOf(sql`${[reason, customer?.name ?? '', customer?.email ?? ''].join(' ')}`);
}

/** The distinct words of these texts (an array), each text read on its own: one text's tsvector is capped at 1 MB, not many. */
const wordsOfTexts = (texts: RawBuilder<string[]>) =>
  sql<string[]>`coalesce((select array_agg(distinct word.lexeme)
    from unnest(${texts}) t(body), unnest(to_tsvector('simple'::regconfig, t.body)) word
    where length(word.lexeme) <= ${maxWordLength}), '{}')`;

/** The distinct pairs of these texts (an array): a pair never joins two texts. */
const pairsOfTexts = (texts: RawBuilder<string[]>) =>
  sql<string[]>`coalesce((select array_agg(distinct pair)
    from unnest(${texts}) t(body), search_pairs(to_tsvector('simple'::regconfig, t.body)) pair), '{}')`;

/**
 * What of these new words and pairs (arrays) a handover holding `existing` (an array; null for none) has room for,
 * as a tsvector: words while they stay within `maxWordsPerHandover` and `maxWordBytes`; pairs up to
 * `maxPairsPerHandover`, and past it the overflow mark instead of any more; and never more than `maxTermBytes` of
 * all (a handover stored before these limits may hold nearly 1 MB of words). Empty when nothing is new. Each
 * subquery is fenced (`offset 0`) so that PostgreSQL reads the held terms once rather than at each use.
 */
function termsToAdd(existing: RawBuilder<string[] | null>, words: RawBuilder<string[]>, pairs: RawBuilder<string[]>): RawBuilder<string> {
  return sql<string>`(
    select array_to_tsvector(taken.words
      || case when held.overflowed or cardinality(fresh.pairs) = 0 then '{}'::text[]
          when cardinality(fresh.pairs) <= room.pairs then fresh.pairs
          -- The mark's 2 bytes fit: maxTermBytes leaves more than that below PostgreSQL's 1 MB.
          else fresh.pairs[1:room.pairs] || ${overflowTerm}::text end)
    from (select coalesce(${existing}, '{}'::text[]) as terms offset 0) existing,
      lateral (select count(*) filter (where term not like ' %') as words,
          coalesce(sum(octet_length(term)) filter (where term not like ' %'), 0) as word_bytes,
          coalesce(sum(octet_length(term)), 0) as bytes,
          count(*) filter (where term like ' %' and term <> ${overflowTerm}) as pairs,
          coalesce(bool_or(term = ${overflowTerm}), false) as overflowed
        from unnest(existing.terms) term offset 0) held,
      lateral (select array(select unnest(${words}) except select unnest(existing.terms)) as words,
        array(select unnest(${pairs}) except select unnest(existing.terms)) as pairs offset 0) fresh,
      lateral (select array(select word from (
          select word, row_number() over (order by word) as n, sum(octet_length(word)) over (order by word) as bytes
          from unnest(fresh.words) word) candidate
        where candidate.n <= ${maxWordsPerHandover} - held.words and candidate.bytes <= ${maxWordBytes} - held.word_bytes) as words offset 0) taken,
      lateral (select greatest(0, least(${maxPairsPerHandover} - held.pairs,
          (${maxTermBytes} - held.bytes - (select coalesce(sum(octet_length(word)), 0) from unnest(taken.words) word)) / ${pairTermBytes})) as pairs offset 0) room
  )`;
}

/**
 * Adds the words and pairs of messages to the handover that holds them: `handoverId`, or for messages sent outside
 * a handover, the conversation's latest one. Writes the row only when a word or pair is new to it and it has room
 * for it (a long conversation's vocabulary stops growing, its pairs stop at their limit, and so do these writes).
 * Called under the conversation's lock, which every message write takes first, so two writes to one handover's
 * words follow each other.
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
  const added = sql<string[]>`${bodies}::text[]`;
  await sql`
    with added as materialized (
      select h.id, ${termsToAdd(sql`tsvector_to_array(h.words)`, wordsOfTexts(added), pairsOfTexts(added))} as terms
      from handovers h where h.workspace_id = ${target.workspaceId} and h.id = ${handover}
    )
    update handovers h set words = h.words || added.terms
    from added
    where h.workspace_id = ${target.workspaceId} and h.id = added.id and length(added.terms) > 0`.execute(tx);
}

/**
 * Computes handovers' words from what is stored, by the rule of migrations/0014_handover_words.ts: the reason, the
 * customer's name and email, and the messages each owns (those sent in it; one sent outside any handover belongs
 * to the conversation's handover requested last at or before it, or the first one for a message older than them
 * all). For rows written in bulk, which bypass the message writes that keep the words: the history generator's.
 * Replaces what the handovers had. All of the workspace's handovers, or those named.
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
      cross join lateral (
        select coalesce(m.handover_id, (
          select o.id from handovers o where o.conversation_id = m.conversation_id
          order by o.requested_at <= m.created_at desc,
            case when o.requested_at <= m.created_at then o.requested_at end desc, o.requested_at
          limit 1)) as id
      ) owner
      where owner.id in (select id from target)
    ),
    found as (select id, array_agg(body) as bodies from owned group by id)
    update handovers h
    set words = ${ownWordsOf(ownText('h'))} || ${termsToAdd(sql`null`, wordsOfTexts(sql`found.bodies`), pairsOfTexts(sql`found.bodies`))}
    from target left join found on found.id = target.id
    where h.workspace_id = ${workspaceId} and h.id = target.id`.execute(db);
}

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
