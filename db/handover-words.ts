// Each handover's words (handovers.words, migrations/0014_handover_words.ts): the distinct lexemes of its reason,
// its customer's name and email, and the messages it holds, in the 'simple' configuration search uses. Kept by the
// writes that add them, in their transaction, so a search reads one column of the handovers table and no message.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { elementShares } from './element-shares.ts';

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

/** A stored handover's own text, as its words are taken from it and a phrase is checked in it (db/handover-search.ts). */
export const ownText = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.reason`)} || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'name', '') || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'email', '')`;

/** The handover's own words, as the row is inserted. */
export function ownWords(reason: string, customer: { name?: string | undefined; email?: string | undefined } | undefined): RawBuilder<string> {
  const text = [reason, customer?.name ?? '', customer?.email ?? ''].join(' ');
  return sql<string>`strip(to_tsvector('simple'::regconfig, ${text}))`;
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
 * handover, the conversation's latest one, while it stays within the limits above. Writes the row only when a word
 * is new to it (a long conversation's vocabulary stops growing, and so do these writes). Called under the
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
  await sql`
    with added as (select ${wordsOfTexts(bodies)} as words)
    update handovers h set words = h.words || added.words
    from added
    where h.workspace_id = ${target.workspaceId} and h.id = ${handover}
      and length(h.words) + length(added.words) <= ${maxWordsPerHandover}
      and not (tsvector_to_array(added.words) <@ tsvector_to_array(h.words))
      -- Summed only where it could matter: words of at most 40 characters (160 bytes) stay within the bytes while
      -- they number under 6,000, with room for the handover's own few words of any length.
      and case when length(h.words) + length(added.words) <= ${wordsAlwaysWithinBytes} then true
        else ${bytesOf(sql`h.words`)} + ${bytesOf(sql`added.words`)} <= ${maxWordBytes} end`.execute(tx);
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
    found as (
      select owner.id, array_to_tsvector((array_agg(distinct word.lexeme) filter (where length(word.lexeme) <= ${maxWordLength}))[1:${maxWordsPerHandover}]) as words
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
      cross join lateral unnest(to_tsvector('simple'::regconfig, m.body)) word
      where owner.id in (select id from target)
      group by owner.id
    )
    update handovers h
    set words = strip(to_tsvector('simple'::regconfig, ${ownText('h')})) || coalesce(found.words, ''::tsvector)
    from target left join found on found.id = target.id
    where h.workspace_id = ${workspaceId} and h.id = target.id`.execute(db);
}

/**
 * The words' shares from PostgreSQL's own statistics of handovers.words (migration 0014 asks it to keep 10,000 of
 * them). Null before the table was first analyzed.
 */
export const wordShares = (db: Db) => elementShares(db, { table: 'handovers', column: 'words' });
