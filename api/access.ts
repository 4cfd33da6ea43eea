import { AppError } from '../domain/errors.ts';
import { mayHandleHandover } from '../domain/handover.ts';
import type { Handover } from '../domain/schemas/handovers.ts';
import type { Member } from '../domain/schemas/members.ts';
import { findConversation } from '../db/conversations.ts';
import type { ConversationRow } from '../db/database.ts';
import { findHandover } from '../db/handovers.ts';
import type { Db } from '../db/connect.ts';

/** The handover in the caller's workspace; another workspace's id is simply not found. */
export async function requireHandover(db: Db, workspaceId: string, handoverId: string): Promise<Handover> {
  const handover = await findHandover(db, workspaceId, handoverId);
  if (!handover) throw new AppError('not_found', 'No such handover');
  return handover;
}

/** What a member may open and take: the team everything; others what is theirs or open to everyone. */
export async function requireVisibleHandover(db: Db, member: Member, handoverId: string): Promise<Handover> {
  const handover = await requireHandover(db, member.workspaceId, handoverId);
  if (!mayHandleHandover(member, handover)) {
    throw new AppError('not_a_handover_member', 'You are not selected to handle handovers in this workspace');
  }
  return handover;
}

export function assertActive(handover: Handover): void {
  if (handover.status === 'completed' || handover.status === 'missed') {
    throw new AppError('handover_ended', 'This handover has ended');
  }
}

/** Only the member who has the handover in progress speaks in it: sends messages, reports typing. */
export function assertAssignee(handover: Handover, member: Member): void {
  if (handover.status !== 'in_progress' || handover.assignee?.id !== member.id) {
    throw new AppError('not_assignee', 'Only the member who took over this handover can send messages');
  }
}

/** The conversation an AI service names by its own id, in its workspace. */
export async function requireConversation(db: Db, workspaceId: string, externalId: string): Promise<ConversationRow> {
  const conversation = await findConversation(db, workspaceId, externalId);
  if (!conversation) throw new AppError('not_found', 'No such conversation');
  return conversation;
}
