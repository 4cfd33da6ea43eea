import { sql } from 'kysely';
import type { CustomerContextResponse } from '../domain/schemas/customer-context.ts';
import type { Db } from './connect.ts';
import { selectEndNotes } from './handover-events.ts';
import { openToEveryone, selectHandovers, toHandover } from './handovers.ts';
import { isUuid } from './ids.ts';

export interface CustomerContextFilter {
  handoverId: string;
  /** For a member not on the handover team: only the earlier handovers they may open (theirs, or open to everyone). */
  onlyOpenToMemberId?: string;
  limit: number;
}

/**
 * What the AI service told us about the customer with this handover (its metadata), and the customer's handovers
 * requested before it, newest first: of the same conversation, or with the same email whatever its case, since
 * a returning customer often starts a new conversation. Undefined when the workspace has no such handover.
 */
export async function findCustomerContext(
  db: Db,
  workspaceId: string,
  filter: CustomerContextFilter,
): Promise<CustomerContextResponse | undefined> {
  if (!isUuid(filter.handoverId)) return undefined;
  const self = await db
    .selectFrom('handovers')
    .select(['id', 'conversation_id', 'metadata', sql<string | null>`lower(customer ->> 'email')`.as('email')])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', filter.handoverId)
    .executeTakeFirst();
  if (!self) return undefined;

  let query = selectHandovers(db)
    .select((eb) => selectEndNotes(db, workspaceId).where('handover_events.handover_id', '=', eb.ref('handovers.id')).limit(1).as('end_note'))
    // Counted before the limit applies: the panel says how many there are in all.
    .select(sql<string>`count(*) over ()`.as('total'))
    .where('handovers.workspace_id', '=', workspaceId)
    // Earlier than this one; the id orders two requested in the same microsecond and leaves this one out.
    .where(
      sql<boolean>`(handovers.requested_at, handovers.id) < (select this.requested_at, this.id from handovers as this
        where this.workspace_id = ${workspaceId} and this.id = ${self.id})`,
    )
    .where((eb) =>
      eb.or([
        eb('handovers.conversation_id', '=', self.conversation_id),
        // The expression the migration indexes; an empty email names no one.
        ...(self.email ? [eb(sql<string>`lower(handovers.customer ->> 'email')`, '=', self.email)] : []),
      ]),
    );
  if (filter.onlyOpenToMemberId) {
    const memberId = filter.onlyOpenToMemberId;
    query = query.where((eb) => eb.or([eb('handovers.assignee_id', '=', memberId), openToEveryone]));
  }
  const rows = await query.orderBy('handovers.requested_at', 'desc').orderBy('handovers.id', 'desc').limit(filter.limit).execute();

  return {
    metadata: self.metadata,
    earlierHandovers: rows.map((row) => {
      const handover = toHandover(row);
      return {
        id: handover.id,
        conversationId: handover.conversationId,
        status: handover.status,
        requestedAt: handover.requestedAt,
        endedAt: handover.endedAt,
        outcome: handover.outcome,
        rating: handover.rating,
        assignee: handover.assignee,
        endNote: row.end_note,
      };
    }),
    earlierTotal: Number(rows[0]?.total ?? 0),
  };
}
