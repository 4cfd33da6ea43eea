import { sql, type Compilable, type ExpressionBuilder } from 'kysely';
import { activeStatuses, type HandoverStatus, type Sender } from '../domain/handover.ts';
import type { Handover, HandoverListItem, HandoverSort, HandoverView, StartHandoverRequest } from '../domain/schemas/handovers.ts';
import { audienceReached, type HandoverPolicy } from '../domain/policy.ts';
import type { Db } from './connect.ts';
import { findSearchMatches, inOrderShare, matchesSearch } from './handover-search.ts';
import { addHandoverWords, ownWords } from './handover-words.ts';
import { isUuid } from './ids.ts';
import type { Database, HandoverRow, HandoverUpdate } from './database.ts';

/** Every column of a handover but its words, which only search reads (and which can be long). */
const handoverColumns = [
  'handovers.id', 'handovers.workspace_id', 'handovers.conversation_id', 'handovers.status', 'handovers.trigger',
  'handovers.reason', 'handovers.customer', 'handovers.metadata', 'handovers.policy', 'handovers.assignee_id',
  'handovers.escalation_level', 'handovers.requested_at', 'handovers.claimed_at', 'handovers.first_response_at',
  'handovers.ended_at', 'handovers.outcome', 'handovers.ai_resumed', 'handovers.rating_score', 'handovers.rating_comment',
  'handovers.rated_at', 'handovers.transfers', 'handovers.revision',
] as const satisfies readonly `handovers.${keyof HandoverRow}`[];

/** The handovers read model: one query shape, one mapper. */
export function selectHandovers(db: Db) {
  return db
    .selectFrom('handovers')
    .innerJoin('conversations', 'conversations.id', 'handovers.conversation_id')
    .leftJoin('members as assignee', 'assignee.id', 'handovers.assignee_id')
    .select(handoverColumns)
    .select(['conversations.external_id as conversation_external_id', 'assignee.name as assignee_name'])
    .select((eb) => queuePosition(eb).as('queue_position'));
}

function queuePosition(eb: ExpressionBuilder<Database & { h2: Database['handovers'] }, 'handovers'>) {
  return eb
    .case()
    .when('handovers.status', '=', 'pending')
    .then(
      eb
        .selectFrom('handovers as h2')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .where('h2.workspace_id', '=', eb.ref('handovers.workspace_id'))
        .where('h2.status', '=', 'pending')
        .where('h2.requested_at', '<=', eb.ref('handovers.requested_at')),
    )
    .else(null)
    .end();
}

type HandoverQueryRow = Awaited<ReturnType<ReturnType<typeof selectHandovers>['executeTakeFirstOrThrow']>>;

export function toHandover(row: HandoverQueryRow, estimatedWaitSeconds: number | null = null): Handover {
  const pending = row.status === 'pending';
  return {
    id: row.id,
    conversationId: row.conversation_external_id,
    status: row.status,
    trigger: row.trigger,
    reason: row.reason,
    customer: row.customer,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? 'Former member' } : null,
    escalationLevel: row.escalation_level,
    audience: audienceReached(row.policy.escalation, row.escalation_level),
    queuePosition: pending && row.queue_position !== null ? Number(row.queue_position) : null,
    estimatedWaitSeconds: pending ? estimatedWaitSeconds : null,
    requestedAt: row.requested_at.toISOString(),
    claimedAt: row.claimed_at?.toISOString() ?? null,
    firstResponseAt: row.first_response_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    outcome: row.outcome,
    aiResumed: row.ai_resumed,
    rating:
      row.rating_score === null
        ? null
        : { score: row.rating_score, ...(row.rating_comment ? { comment: row.rating_comment } : {}) },
  };
}

export async function findHandover(db: Db, workspaceId: string, handoverId: string): Promise<Handover | undefined> {
  if (!isUuid(handoverId)) return undefined;
  const row = await selectHandovers(db)
    .where('handovers.workspace_id', '=', workspaceId)
    .where('handovers.id', '=', handoverId)
    .executeTakeFirst();
  if (!row) return undefined;
  return toHandover(row, row.status === 'pending' ? await estimateWaitSeconds(db, workspaceId) : null);
}

/** The row fields only the backend needs (the workflow's input and the conversation's row id). */
export async function findHandoverRecord(db: Db, workspaceId: string, handoverId: string) {
  if (!isUuid(handoverId)) return undefined;
  return db
    .selectFrom('handovers')
    .select(['id', 'workspace_id', 'conversation_id', 'status', 'assignee_id', 'policy', 'requested_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', handoverId)
    .executeTakeFirst();
}

export async function findActiveHandover(db: Db, workspaceId: string, conversationId: string): Promise<Handover | undefined> {
  const row = await selectHandovers(db)
    .where('handovers.workspace_id', '=', workspaceId)
    .where('handovers.conversation_id', '=', conversationId)
    .where('handovers.status', 'in', activeStatuses)
    .executeTakeFirst();
  if (!row) return undefined;
  return toHandover(row, row.status === 'pending' ? await estimateWaitSeconds(db, workspaceId) : null);
}

/** Every handover of a conversation, newest first: whoever may open one of them sees the conversation's messages. */
export async function listConversationHandovers(db: Db, workspaceId: string, conversationId: string): Promise<Handover[]> {
  const rows = await selectHandovers(db)
    .where('handovers.workspace_id', '=', workspaceId)
    .where('handovers.conversation_id', '=', conversationId)
    .orderBy('handovers.requested_at', 'desc')
    .execute();
  return rows.map((row) => toHandover(row));
}

export interface ListHandoversFilter {
  view: HandoverView;
  sort?: HandoverSort;
  memberId: string;
  /** For a member not on the handover team: only what is theirs or open to everyone. */
  onlyOpenToMember?: boolean;
  statuses?: HandoverStatus[];
  limit: number;
  cursor?: string;
  /** Search text: see db/handover-search.ts. */
  q?: string;
  assigneeId?: string;
  /** The requested-time range, UTC ISO text to the microsecond. */
  from?: string;
  to?: string;
  /** How long a search may take before it is stopped (SearchTooBroadError); tests shorten it. */
  searchTimeoutMs?: number;
}

const searchTimeoutMs = 5_000;

/** A search that matched too much to list within its time: the caller is to narrow it. */
export class SearchTooBroadError extends Error {
  override name = 'SearchTooBroadError';
  constructor() {
    super('This search matches too many handovers to list in time: narrow it with dates, an agent, a status or more words');
  }
}

type RunQuery = <R>(query: Compilable<R>) => Promise<R[]>;
/** Sets planner settings for the rest of a search's transaction (`set local …`). */
type TunePlanner = (settings: string) => Promise<void>;

/**
 * Runs the list's queries; a search's within its time, together: a search reads as many rows as its words match,
 * and one that matches too much to list in time is stopped, so an agent hears at once to narrow it rather than
 * waiting, and no connection is held for a minute.
 */
async function withinSearchTime<T>(db: Db, filter: ListHandoversFilter, work: (run: RunQuery, tune: TunePlanner) => Promise<T>): Promise<T> {
  const outsideSearch: TunePlanner = () => Promise.reject(new Error('planner settings are for searches only'));
  if (!filter.q) return work(async (query) => (await db.executeQuery(query.compile())).rows, outsideSearch);
  return db.transaction().execute(async (tx) => {
    await sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(Number.isFinite(filter.searchTimeoutMs) ? filter.searchTimeoutMs! : searchTimeoutMs))}`).execute(tx);
    const run: RunQuery = async (query) => (await tx.executeQuery(query.compile())).rows;
    const tune: TunePlanner = async (settings) => {
      await sql.raw(settings).execute(tx);
    };
    return work(run, tune).catch((error: unknown) => {
      throw (error as { code?: string }).code === '57014' ? new SearchTooBroadError() : error;
    });
  });
}

/**
 * `mine` is the My Handover tab: assigned to me, or pending and waiting for a human. `newest` sorts by request
 * time, newest first. `attention` puts what needs a person first: waiting handovers, the longest-waiting on top;
 * then the caller's own in progress; then the team's in progress; then closed ones, each newest first.
 * The cursor is the last row's section, requested time and id.
 */
export async function listHandovers(
  db: Db,
  workspaceId: string,
  filter: ListHandoversFilter,
): Promise<{ handovers: HandoverListItem[]; nextCursor: string | null }> {
  const attention = filter.sort === 'attention';
  // The newest-first order is one section; in the other only the waiting section reads oldest first.
  const section = attention ? attentionSection(filter.memberId) : sql<number>`0`;
  const oldestFirst = attention ? sql<boolean>`handovers.status = 'pending'` : sql<boolean>`false`;
  // First the page: which handovers, in order, reading only the handovers table and its indexes. The columns a
  // row shows (its latest message, unread count, queue position) cost a few index reads each: computed before
  // the sort, they were paid for every handover the filters match (thousands, in a search), not the page's 50.
  let query = db.selectFrom('handovers').where('handovers.workspace_id', '=', workspaceId);
  if (filter.view === 'mine') {
    query = query.where((eb) =>
      eb.or([eb('handovers.assignee_id', '=', filter.memberId), eb('handovers.status', '=', 'pending')]),
    );
  } else if (filter.view === 'queue') {
    query = query.where('handovers.status', '=', 'pending');
  }
  if (filter.onlyOpenToMember) {
    query = query.where((eb) => eb.or([eb('handovers.assignee_id', '=', filter.memberId), openToEveryone]));
  }
  if (filter.statuses?.length) query = query.where('handovers.status', 'in', filter.statuses);
  if (filter.assigneeId !== undefined) {
    // A malformed id names no member: nothing is assigned to it.
    query = isUuid(filter.assigneeId) ? query.where('handovers.assignee_id', '=', filter.assigneeId) : query.where(sql<boolean>`false`);
  }
  if (filter.from) query = query.where('handovers.requested_at', '>=', sql<Date>`${filter.from}::timestamptz`);
  if (filter.to) query = query.where('handovers.requested_at', '<=', sql<Date>`${filter.to}::timestamptz`);
  const search = filter.q ? await matchesSearch(db, workspaceId, filter.q) : null;
  if (search) query = query.where(search.condition);
  const cursor = decodeCursor(filter.cursor);
  const columns = [
    'handovers.id',
    'handovers.status',
    section.as('list_section'),
    exactTime.as('list_requested_at'),
  ] as const;
  // Newest first, in the order of the (workspace_id, requested_at) index: a page of the plain list costs a page.
  const newestFirst = (from: typeof query, limit: number, after?: ListCursor) =>
    from
      .$if(after !== undefined, (page) => page.where(sql<boolean>`(handovers.requested_at, handovers.id) < (${after!.requestedAt}::timestamptz, ${after!.id}::uuid)`))
      .select(columns)
      .orderBy('handovers.requested_at', 'desc')
      .orderBy('handovers.id', 'desc')
      .limit(limit);
  // A search read newest first. Which way is fast depends on how common its words are. Read in order, a page
  // costs about 50 ÷ the words' share rows: a word that matches nothing reads every handover (5 s at a million).
  // Through the words index it costs the matches: the commonest word builds a bitmap of 800,000 (200 ms). So the
  // way is chosen by the words' shares from PostgreSQL's statistics (estimateShare). PostgreSQL's own choice takes
  // any word it keeps no statistics of at 0.5 %, and reads in order. Without an estimate (OR, or no statistics
  // yet): first the next `searchWindow` handovers in order, which fills the page whenever a word is common and
  // costs at most that window; only if it does not, the older ones through the index, where a word that did not
  // fill the window has few matches.
  const searchedNewestFirst = async (run: RunQuery, tune: TunePlanner, from: typeof query, limit: number, after?: ListCursor) => {
    if (!search) return run(newestFirst(from, limit, after));
    if (search.share !== null) {
      if (search.share >= inOrderShare) {
        await tune('set local enable_bitmapscan = off');
      } else {
        await tune('set local enable_indexscan = off');
        await tune('set local enable_seqscan = off');
      }
      const page = await run(newestFirst(from, limit, after));
      await tune('reset enable_bitmapscan');
      await tune('reset enable_indexscan');
      await tune('reset enable_seqscan');
      return page;
    }
    const [edge] = await run(
      db
        .selectFrom('handovers')
        .select(['handovers.id', exactTime.as('requested_at')])
        .where('handovers.workspace_id', '=', workspaceId)
        .$if(filter.from !== undefined, (rows) => rows.where('handovers.requested_at', '>=', sql<Date>`${filter.from}::timestamptz`))
        .$if(filter.to !== undefined, (rows) => rows.where('handovers.requested_at', '<=', sql<Date>`${filter.to}::timestamptz`))
        .$if(after !== undefined, (rows) => rows.where(sql<boolean>`(handovers.requested_at, handovers.id) < (${after!.requestedAt}::timestamptz, ${after!.id}::uuid)`))
        .orderBy('handovers.requested_at', 'desc')
        .orderBy('handovers.id', 'desc')
        .offset(searchWindow)
        .limit(1),
    );
    const atOrAfterEdge = (rows: typeof from) =>
      edge ? rows.where(sql<boolean>`(handovers.requested_at, handovers.id) >= (${edge.requested_at}::timestamptz, ${edge.id}::uuid)`) : rows;
    await tune('set local enable_bitmapscan = off');
    const recent = await run(newestFirst(atOrAfterEdge(from), limit, after));
    await tune('reset enable_bitmapscan');
    if (recent.length >= limit || !edge) return recent;
    // The edge was the window's last handover: the older ones start after it.
    await tune('set local enable_indexscan = off');
    await tune('set local enable_seqscan = off');
    const older = await run(newestFirst(from, limit - recent.length, { requestedAt: edge.requested_at, id: edge.id, section: closedSection, oldestFirst: false }));
    await tune('reset enable_indexscan');
    await tune('reset enable_seqscan');
    return [...recent, ...older];
  };
  const ordered = await withinSearchTime(db, filter, async (run, tune) => {
    if (!attention) return searchedNewestFirst(run, tune, query, filter.limit + 1, cursor);
    // The attention order: the live handovers in their sections first, few in any workspace, sorted whole; then the
    // closed ones (section 3) newest first, read in index order rather than sorted, which a search of a million
    // handovers could not afford. A search of common words reads the live handovers from their own index and checks
    // them one by one: PostgreSQL otherwise ANDed that index with the words index's bitmap of every handover holding
    // the words (105 ms of a 113 ms query for the two commonest words at a million handovers). Not for rare words, an
    // email or an id, which the words and trigram indexes find at once among thousands of live handovers.
    const readsLive = !(cursor && cursor.section === closedSection);
    const liveInOrder = readsLive && search !== null && (search.share === null || search.share >= inOrderShare);
    if (liveInOrder) await tune('set local enable_bitmapscan = off');
    const live =
      !readsLive
        ? []
        : await run(
            query
              .where('handovers.status', 'in', activeStatuses)
              .$if(cursor !== undefined, (page) => {
                const after = cursor!.oldestFirst
                  ? sql<boolean>`(handovers.requested_at, handovers.id) > (${cursor!.requestedAt}::timestamptz, ${cursor!.id}::uuid)`
                  : sql<boolean>`(handovers.requested_at, handovers.id) < (${cursor!.requestedAt}::timestamptz, ${cursor!.id}::uuid)`;
                return page.where(sql<boolean>`(${section} > ${cursor!.section} or (${section} = ${cursor!.section} and ${after}))`);
              })
              .select(columns)
              .orderBy(section)
              .orderBy(sql`case when ${oldestFirst} then handovers.requested_at end`)
              .orderBy('handovers.requested_at', 'desc')
              .orderBy(sql`case when ${oldestFirst} then handovers.id end`)
              .orderBy('handovers.id', 'desc')
              .limit(filter.limit + 1),
          );
    if (liveInOrder) await tune('reset enable_bitmapscan');
    if (live.length > filter.limit) return live;
    const closed = query.where('handovers.status', 'not in', activeStatuses);
    return [...live, ...(await searchedNewestFirst(run, tune, closed, filter.limit + 1 - live.length, cursor?.section === closedSection ? cursor : undefined))];
  });
  const pageIds = ordered.slice(0, filter.limit).map((row) => row.id);
  // Then what the page's rows show.
  const fetched =
    pageIds.length === 0
      ? []
      : await selectHandovers(db)
          .select(inboxColumns(filter.memberId))
          .where('handovers.workspace_id', '=', workspaceId)
          .where('handovers.id', 'in', pageIds)
          .execute();
  const byId = new Map(fetched.map((row) => [row.id, row]));
  // A handover is never deleted on its own (only with its workspace), so every id of the page is found.
  const page = pageIds.flatMap((id) => byId.get(id) ?? []);
  const wait = page.some((row) => row.status === 'pending') ? await estimateWaitSeconds(db, workspaceId) : null;
  const matches = filter.q ? await findSearchMatches(db, workspaceId, page.map((row) => row.id), filter.q) : null;
  const last = ordered.length > filter.limit ? ordered[filter.limit - 1] : undefined;
  return {
    handovers: page.map((row) => ({
      ...toHandover(row, wait),
      ...(matches?.has(row.id) ? { match: matches.get(row.id) } : {}),
      lastMessage: row.last_message ? { ...row.last_message, at: new Date(row.last_message.at).toISOString() } : null,
      unreadCount: row.unread_count === null ? null : Number(row.unread_count),
      customerWaitingSince: row.status === 'in_progress' && row.waiting_since ? new Date(row.waiting_since).toISOString() : null,
    })),
    nextCursor: last
      ? encodeCursor({
          section: Number(last.list_section),
          oldestFirst: attention && last.status === 'pending',
          requestedAt: last.list_requested_at,
          id: last.id,
        })
      : null,
  };
}

/**
 * What an inbox row shows beside the handover: the conversation's latest message; how many of the customer's
 * messages the caller has not read while the handover is theirs and in progress; and since when the customer awaits
 * an agent's reply (their oldest message after the agent's last one). Each an index lookup, read for the page's
 * rows only (listHandovers picks the page first).
 */
function inboxColumns(memberId: string) {
  const lastAgentSeq = sql`(select max(a.seq) from messages a where a.handover_id = handovers.id and a.sender = 'agent')`;
  return [
    sql<{ sender: Sender; body: string; at: string } | null>`(
      select json_build_object('sender', m.sender, 'body', left(m.body, 200), 'at', m.created_at)
      from messages m where m.conversation_id = handovers.conversation_id order by m.seq desc limit 1
    )`.as('last_message'),
    sql<string | null>`case when handovers.assignee_id = ${memberId} and handovers.status = 'in_progress' then (
      select count(*) from messages m
      where m.handover_id = handovers.id and m.sender = 'customer'
        and m.seq > coalesce((select r.read_seq from handover_reads r where r.handover_id = handovers.id and r.member_id = ${memberId}), 0)
    ) end`.as('unread_count'),
    sql<Date | null>`(
      select min(m.created_at) from messages m
      where m.handover_id = handovers.id and m.sender = 'customer' and m.seq > coalesce(${lastAgentSeq}, 0)
    )`.as('waiting_since'),
  ];
}

/** Moves a member's read marker on a handover forward to `seq` (never back, nor past the last message); answers where it stands. */
export async function markRead(db: Db, workspaceId: string, handoverId: string, memberId: string, seq: number): Promise<number> {
  const row = await db
    .insertInto('handover_reads')
    .values({
      workspace_id: workspaceId,
      handover_id: handoverId,
      member_id: memberId,
      // No further than the conversation goes: a marker past its end would hide the messages still to come.
      read_seq: sql<number>`least(${seq}::int, (
        select c.last_seq from handovers h join conversations c on c.id = h.conversation_id
        where h.id = ${handoverId} and h.workspace_id = ${workspaceId}))`,
    })
    .onConflict((oc) =>
      oc.columns(['handover_id', 'member_id']).doUpdateSet({
        read_seq: sql<number>`greatest(handover_reads.read_seq, excluded.read_seq)`,
        read_at: sql<Date>`now()`,
      }),
    )
    .returning('read_seq')
    .executeTakeFirstOrThrow();
  return row.read_seq;
}

/** Whether the escalation levels a handover has reached (its policy snapshot's) include one that tells everyone. */
export const openToEveryone = sql<boolean>`exists (
  select 1 from jsonb_array_elements(handovers.policy -> 'escalation' -> 'levels') with ordinality as level(value, position)
  where level.position <= handovers.escalation_level and level.value ->> 'notify' = 'everyone')`;

/** The active handovers a member not on the handover team may follow: theirs, or open to everyone. */
export async function listActiveHandoverIdsOpenTo(db: Db, workspaceId: string, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('handovers')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', activeStatuses)
    .where((eb) => eb.or([eb('assignee_id', '=', memberId), openToEveryone]))
    .execute();
  return rows.map((row) => row.id);
}

/** The request time to the microsecond PostgreSQL keeps (a Date keeps milliseconds: a cursor made of one repeats rows). */
const exactTime = sql<string>`to_char(handovers.requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** How many handovers a search reads in the list's order before it turns to the index of words (see listHandovers). */
const searchWindow = 5_000;

/** The `attention` order's last section: the closed handovers. */
const closedSection = 3;

/** The `attention` order's sections: waiting, mine in progress, the team's in progress, closed. */
function attentionSection(memberId: string) {
  return sql<number>`case
    when handovers.status = 'pending' then 0
    when handovers.status = 'in_progress' and handovers.assignee_id = ${memberId} then 1
    when handovers.status = 'in_progress' then 2
    else 3 end`;
}

export interface NewHandoverInput {
  id: string;
  workspaceId: string;
  request: StartHandoverRequest;
  policy: HandoverPolicy;
}

/**
 * Records a handover request, or finds the conversation's active one: in one transaction, with the partial
 * unique index as the arbiter when two requests race. The transcript is kept only for a conversation that
 * has no messages yet, so it never duplicates what the AI service already sent us.
 */
export async function insertOrFindActiveHandover(
  db: Db,
  input: NewHandoverInput,
): Promise<{ handoverId: string; conversationId: string; created: boolean }> {
  return db.transaction().execute(async (tx) => {
    const { request } = input;
    const conversation = await tx
      .insertInto('conversations')
      .values({
        workspace_id: input.workspaceId,
        external_id: request.conversationId,
        customer: JSON.stringify(request.customer ?? {}),
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'external_id']).doUpdateSet({
          customer: sql`conversations.customer || excluded.customer`,
          updated_at: new Date(),
        }),
      )
      .returning(['id', 'last_seq'])
      .executeTakeFirstOrThrow();
    const inserted = await tx
      .insertInto('handovers')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        conversation_id: conversation.id,
        status: 'pending',
        trigger: request.trigger,
        reason: request.reason,
        customer: JSON.stringify(request.customer ?? {}),
        metadata: JSON.stringify(request.metadata ?? {}),
        policy: JSON.stringify(input.policy),
        words: ownWords(request.reason, request.customer),
      })
      .onConflict((oc) =>
        oc
          .column('conversation_id')
          .where('status', 'in', activeStatuses)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const active = await tx
        .selectFrom('handovers')
        .select('id')
        .where('conversation_id', '=', conversation.id)
        .where('status', 'in', activeStatuses)
        .executeTakeFirstOrThrow();
      return { handoverId: active.id, conversationId: conversation.id, created: false };
    }
    const transcript = request.transcript ?? [];
    if (conversation.last_seq === 0 && transcript.length > 0) {
      const now = Date.now();
      await tx
        .insertInto('messages')
        .values(
          transcript.map((entry, index) => ({
            id: crypto.randomUUID(),
            workspace_id: input.workspaceId,
            conversation_id: conversation.id,
            handover_id: null,
            seq: index + 1,
            sender: entry.role,
            author_id: null,
            author_name: null,
            body: entry.body,
            client_message_id: `transcript:${input.id}:${index}`,
            created_at: entry.at ?? new Date(now - (transcript.length - index) * 1000),
          })),
        )
        .execute();
      await tx.updateTable('conversations').set({ last_seq: transcript.length }).where('id', '=', conversation.id).execute();
      await addHandoverWords(tx, { workspaceId: input.workspaceId, conversationId: conversation.id, handoverId: input.id }, transcript.map((entry) => entry.body));
    } else if (conversation.last_seq > 0) {
      // Messages the AI service sent before the conversation's first handover had no handover to count for: they
      // are this one's (migration 0014's rule). Later ones outside a handover count for the one before them.
      const earlier = await tx
        .selectFrom('handovers')
        .select('id')
        .where('workspace_id', '=', input.workspaceId)
        .where('conversation_id', '=', conversation.id)
        .where('id', '<>', input.id)
        .limit(1)
        .executeTakeFirst();
      if (!earlier) {
        const before = await tx
          .selectFrom('messages')
          .select('body')
          .where('workspace_id', '=', input.workspaceId)
          .where('conversation_id', '=', conversation.id)
          .where('handover_id', 'is', null)
          .execute();
        await addHandoverWords(tx, { workspaceId: input.workspaceId, conversationId: conversation.id, handoverId: input.id }, before.map((row) => row.body));
      }
    }
    return { handoverId: input.id, conversationId: conversation.id, created: true };
  });
}

/**
 * Writes a state change of the handover's workflow, numbered by `revision`: a write of an older change (a
 * retried or late activity attempt) changes nothing, so the row always shows the workflow's latest state.
 * `null` writes unnumbered, as workers of the version before numbered writes did.
 */
export async function updateHandover(
  db: Db,
  workspaceId: string,
  handoverId: string,
  revision: number | null,
  update: Omit<HandoverUpdate, 'revision'>,
): Promise<void> {
  let query = db
    .updateTable('handovers')
    .set(revision === null ? update : { ...update, revision })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', handoverId);
  if (revision !== null) query = query.where('revision', '<', String(revision));
  await query.execute();
}

/** Counts the handover's requeues: the count only grows, so a retried step writes it once. */
export async function recordRequeueCount(db: Db, workspaceId: string, handoverId: string, requeues: number): Promise<void> {
  await db
    .updateTable('handovers')
    .set({ requeues })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', handoverId)
    .where('requeues', '<', requeues)
    .execute();
}

/** Keeps the first agent answer's time; later answers leave it as it is. */
export async function recordFirstResponseAt(db: Db, workspaceId: string, handoverId: string, at: string): Promise<void> {
  await db
    .updateTable('handovers')
    .set({ first_response_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', handoverId)
    .where('first_response_at', 'is', null)
    .execute();
}

/** Stores the customer's rating once; false when it was already rated. */
export async function rateHandover(
  db: Db,
  workspaceId: string,
  handoverId: string,
  rating: { score: number; comment?: string | undefined },
): Promise<boolean> {
  const result = await db
    .updateTable('handovers')
    .set({ rating_score: rating.score, rating_comment: rating.comment ?? null, rated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', handoverId)
    .where('rating_score', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The AI fence: has a handover of this conversation begun after `since`? */
export async function hasHandoverRequestedAfter(db: Db, workspaceId: string, conversationId: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('handovers')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where((eb) => eb.or([eb('requested_at', '>=', since), eb('status', 'in', activeStatuses)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** The median wait of the workspace's last 50 claimed handovers of the past week; null without any. */
export async function estimateWaitSeconds(db: Db, workspaceId: string): Promise<number | null> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('handovers')
        .select(sql<number>`extract(epoch from claimed_at - requested_at)`.as('wait'))
        .where('workspace_id', '=', workspaceId)
        .where('claimed_at', 'is not', null)
        .where('requested_at', '>', sql<Date>`now() - interval '7 days'`)
        .orderBy('requested_at', 'desc')
        .limit(50)
        .as('recent'),
    )
    .select(sql<number | null>`percentile_cont(0.5) within group (order by wait)`.as('p50'))
    .executeTakeFirst();
  return row?.p50 == null ? null : Math.round(Number(row.p50));
}

interface ListCursor {
  section: number;
  oldestFirst: boolean;
  /** UTC, ISO 8601, to the microsecond. */
  requestedAt: string;
  id: string;
}

const utcTimestamp = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

/** A real instant (Date would roll 30 February over into March, where PostgreSQL refuses it). */
function isUtcTimestamp(text: string): boolean {
  if (!utcTimestamp.test(text)) return false;
  const parsed = new Date(text);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === text.slice(0, 19);
}

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.requestedAt, cursor.id, cursor.section, cursor.oldestFirst])).toString('base64url');
}

/** A cursor this list made; one from before sections existed (two fields) reads as the newest-first order's. */
function decodeCursor(cursor: string | undefined): ListCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [requestedAt, id, section = 0, oldestFirst = false] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof requestedAt !== 'string' || !isUtcTimestamp(requestedAt)) return undefined;
    // The sections are 0 to 3: anything else would reach PostgreSQL as an integer it refuses.
    if (typeof id !== 'string' || !isUuid(id) || ![0, 1, 2, 3].includes(section as number) || typeof oldestFirst !== 'boolean') return undefined;
    return { requestedAt, id, section: section as number, oldestFirst };
  } catch {
    return undefined;
  }
}

/** What a handover's workflow is started with, read from its row (the policy snapshot included). */
export interface HandoverStartRecord {
  id: string;
  workspaceId: string;
  conversationId: string;
  conversationExternalId: string;
  trigger: HandoverRow['trigger'];
  reason: string;
  customerName: string | null;
  requestedAt: Date;
  policy: HandoverPolicy;
}

function selectStartRecords(db: Db) {
  return db
    .selectFrom('handovers')
    .innerJoin('conversations', 'conversations.id', 'handovers.conversation_id')
    .select([
      'handovers.id',
      'handovers.workspace_id',
      'handovers.conversation_id',
      'conversations.external_id',
      'handovers.trigger',
      'handovers.reason',
      'handovers.customer',
      'handovers.requested_at',
      'handovers.policy',
    ]);
}

function toStartRecord(row: Awaited<ReturnType<ReturnType<typeof selectStartRecords>['executeTakeFirstOrThrow']>>): HandoverStartRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    conversationExternalId: row.external_id,
    trigger: row.trigger,
    reason: row.reason,
    customerName: row.customer.name ?? null,
    requestedAt: row.requested_at,
    policy: row.policy,
  };
}

export async function findHandoverStartRecord(db: Db, workspaceId: string, handoverId: string): Promise<HandoverStartRecord | undefined> {
  const row = await selectStartRecords(db)
    .where('handovers.workspace_id', '=', workspaceId)
    .where('handovers.id', '=', handoverId)
    .executeTakeFirst();
  return row && toStartRecord(row);
}

/**
 * Pending handovers whose workflow never recorded the request: the process that accepted them died between
 * the row and the workflow start. Across workspaces, because a system job heals them.
 */
export async function listOrphanedHandovers(db: Db, olderThan: Date, limit = 100): Promise<HandoverStartRecord[]> {
  const rows = await selectStartRecords(db)
    .where('handovers.status', '=', 'pending')
    .where('handovers.requested_at', '<', olderThan)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('handover_events')
            .select('handover_events.id')
            .whereRef('handover_events.handover_id', '=', 'handovers.id')
            .where('handover_events.type', '=', 'requested'),
        ),
      ),
    )
    .orderBy('handovers.requested_at')
    .limit(limit)
    .execute();
  return rows.map(toStartRecord);
}
