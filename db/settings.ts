import type { HandoverSettings } from '../domain/schemas/settings.ts';
import { defaultEscalation, type HandoverPolicy } from '../domain/policy.ts';
import type { Db } from './connect.ts';

const disabledSettings: HandoverSettings = {
  enabled: false,
  memberIds: [],
  returnToAi: true,
  maxConcurrentPerAgent: null,
  assigneeResponseSeconds: null,
  customerSilenceSeconds: null,
  escalation: defaultEscalation,
};

export async function getHandoverSettings(db: Db, workspaceId: string): Promise<HandoverSettings> {
  const [row, members] = await Promise.all([
    db.selectFrom('handover_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst(),
    handoverMemberIds(db, workspaceId),
  ]);
  if (!row) return { ...disabledSettings, memberIds: members };
  return {
    enabled: row.enabled,
    memberIds: members,
    returnToAi: row.return_to_ai,
    maxConcurrentPerAgent: row.max_concurrent_per_agent,
    assigneeResponseSeconds: row.assignee_response_seconds,
    customerSilenceSeconds: row.customer_silence_seconds,
    escalation: row.escalation,
  };
}

export async function handoverMemberIds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('handover_members')
    .select('member_id')
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((row) => row.member_id);
}

/** Saves the whole settings object; memberIds must already be checked to belong to the workspace. */
export async function saveHandoverSettings(db: Db, workspaceId: string, settings: HandoverSettings): Promise<void> {
  const inTransaction = (work: (tx: Db) => Promise<void>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  await inTransaction(async (tx) => {
    const values = {
      enabled: settings.enabled,
      return_to_ai: settings.returnToAi,
      max_concurrent_per_agent: settings.maxConcurrentPerAgent,
      assignee_response_seconds: settings.assigneeResponseSeconds,
      customer_silence_seconds: settings.customerSilenceSeconds ?? null,
      escalation: JSON.stringify(settings.escalation),
      updated_at: new Date(),
    };
    await tx
      .insertInto('handover_settings')
      .values({ workspace_id: workspaceId, ...values })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
      .execute();
    await tx.deleteFrom('handover_members').where('workspace_id', '=', workspaceId).execute();
    if (settings.memberIds.length > 0) {
      await tx
        .insertInto('handover_members')
        .values(settings.memberIds.map((memberId) => ({ workspace_id: workspaceId, member_id: memberId })))
        .execute();
    }
  });
}

export function toPolicy(settings: HandoverSettings): HandoverPolicy {
  return {
    returnToAi: settings.returnToAi,
    maxConcurrentPerAgent: settings.maxConcurrentPerAgent,
    assigneeResponseSeconds: settings.assigneeResponseSeconds,
    customerSilenceSeconds: settings.customerSilenceSeconds ?? null,
    escalation: settings.escalation,
  };
}
