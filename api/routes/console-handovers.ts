import { AppError, fieldError } from '../../domain/errors.ts';
import { mayEndHandover } from '../../domain/handover.ts';
import { HandoverParams } from '../../domain/schemas/common.ts';
import {
  AcceptedMessageResponse,
  ClaimHandoverRequest,
  EndHandoverRequest,
  HandoverDetailResponse,
  HandoverEventsResponse,
  HandoverResponse,
  InternalNote,
  ListHandoversQuery,
  ListHandoversResponse,
  MarkReadRequest,
  MarkReadResponse,
  SendAgentMessageRequest,
  TransferCandidatesResponse,
  TransferHandoverRequest,
  type Handover,
} from '../../domain/schemas/handovers.ts';
import type { Member } from '../../domain/schemas/members.ts';
import { extractiveSummarizer } from '../../domain/summary.ts';
import { z } from '../../domain/schemas/zod.ts';
import { findEndNote, listHandoverEvents } from '../../db/handover-events.ts';
import { findHandoverRecord, listHandovers, markRead, SearchTooBroadError } from '../../db/handovers.ts';
import { listMessages, messageIdFor, toMessage } from '../../db/messages.ts';
import { insertNote, listNotes } from '../../db/notes.ts';
import { publishLiveEvent } from '../../db/live-events.ts';
import { assertActive, assertAssignee, requireVisibleHandover } from '../access.ts';
import { requireAttachmentsFor } from '../message-attachments.ts';
import { route } from '../route.ts';
import { withPlaceReserved } from '../capacity.ts';
import { countCommand } from '../metrics.ts';
import { claimHandover, endHandover, relayMessage, transferHandover } from '../temporal.ts';
import { findMember, listHandoverTeamWithLoad } from '../../db/members.ts';
import { mayHandleHandovers } from '../../domain/handover.ts';

/** The console's side of a handover: the lists, the conversation view, take over, send, notes, end. */
export const consoleHandoverRoutes = [
  route({
    method: 'get',
    path: '/handovers',
    auth: 'member',
    tag: 'Console',
    summary: 'List handovers: mine (the My Handover tab), queue, or all; filter by status, agent and time, and search',
    query: ListHandoversQuery,
    status: 200,
    response: ListHandoversResponse,
    errors: [403],
    handler: async ({ deps, caller, query }) => {
      const { member } = caller;
      if (query.view === 'all' && member.role === 'agent') {
        throw new AppError('forbidden', 'Only admins and supervisors see all handovers');
      }
      // Someone not on the handover team sees what is theirs and what an escalation opened to everyone.
      return listHandovers(deps.db, caller.workspaceId, {
        view: query.view,
        sort: query.sort,
        memberId: member.id,
        onlyOpenToMember: !mayHandleHandovers(member.role, member.isHandoverMember),
        limit: query.limit,
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      }).catch((error: unknown) => {
        // Valid, but too broad to answer in time: the caller narrows it (400, with what to do).
        throw error instanceof SearchTooBroadError ? new AppError('invalid_request', error.message, { field: 'q' }) : error;
      });
    },
  }),
  route({
    method: 'get',
    path: '/handovers/:id',
    auth: 'member',
    tag: 'Console',
    summary: 'A handover with its transcript, internal notes and session summary',
    params: HandoverParams,
    status: 200,
    response: HandoverDetailResponse,
    // Someone not selected for handovers sees only what is assigned to them.
    errors: [403],
    handler: async ({ deps, caller, params }) => {
      const handover = await requireVisibleHandover(deps.db, caller.member, params.id);
      const record = await findHandoverRecord(deps.db, caller.workspaceId, handover.id);
      const rows = record ? await listMessages(deps.db, caller.workspaceId, record.conversation_id) : [];
      const messages = rows.map((row) => toMessage(row, handover.conversationId));
      const notes = await listNotes(deps.db, caller.workspaceId, handover.id);
      const endNote = handover.endedAt ? await findEndNote(deps.db, caller.workspaceId, handover.id) : null;
      return { handover, messages, notes, summary: extractiveSummarizer(handover, messages, new Date(), endNote) };
    },
  }),
  route({
    method: 'get',
    path: '/handovers/:id/events',
    auth: 'member',
    tag: 'Console',
    summary: "The handover's timeline",
    params: HandoverParams,
    status: 200,
    response: HandoverEventsResponse,
    // Someone not selected for handovers sees only what is assigned to them.
    errors: [403],
    handler: async ({ deps, caller, params }) => {
      const handover = await requireVisibleHandover(deps.db, caller.member, params.id);
      return { events: await listHandoverEvents(deps.db, caller.workspaceId, handover.id) };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/claim',
    auth: 'member',
    tag: 'Console',
    summary: 'Take over a pending handover; exactly one member wins',
    params: HandoverParams,
    body: ClaimHandoverRequest,
    status: 200,
    response: HandoverResponse,
    errors: [403, 409],
    handler: async ({ deps, caller, params, metrics }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      assertActive(handover);
      const record = await findHandoverRecord(deps.db, caller.workspaceId, handover.id);
      const limit = record?.policy.maxConcurrentPerAgent ?? null;
      const claim = () => countCommand(metrics, 'claim', () => claimHandover(deps.temporal, handover.id, { member: { id: member.id, name: member.name } }));
      if (limit === null || handover.assignee?.id === member.id) await claim();
      else {
        const atCapacity = () => new AppError('at_capacity', `You already handle ${limit} handovers; end one first`);
        await withPlaceReserved(deps, { workspaceId: caller.workspaceId, memberId: member.id, handoverId: handover.id, kind: 'claim', limit }, atCapacity, claim);
      }
      return { handover: await requireVisibleHandover(deps.db, member, handover.id) };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/read',
    auth: 'member',
    tag: 'Console',
    summary: "Record how far the member has read the handover's conversation",
    description:
      "The console sends the seq of the last message on screen; the inbox's unreadCount counts the customer's messages after it. The marker only moves forward.",
    params: HandoverParams,
    body: MarkReadRequest,
    status: 200,
    response: MarkReadResponse,
    errors: [403],
    handler: async ({ deps, caller, params, body }) => {
      const handover = await requireVisibleHandover(deps.db, caller.member, params.id);
      return { readSeq: await markRead(deps.db, caller.workspaceId, handover.id, caller.member.id, body.seq) };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/messages',
    auth: 'member',
    tag: 'Console',
    summary: 'Send a message to the customer (the assignee only)',
    description:
      'Answers 202 once the message is durably accepted; it appears with its seq as message.created on the stream. Files upload first ' +
      '(POST /handovers/{id}/attachments) and go by id in `attachmentIds`; one that is not your upload, or went with another message, is refused with 422.',
    params: HandoverParams,
    body: SendAgentMessageRequest,
    status: 202,
    response: AcceptedMessageResponse,
    errors: [409],
    handler: async ({ deps, caller, params, body, metrics }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      assertActive(handover);
      assertAssignee(handover, member);
      const messageId = messageIdFor(caller.workspaceId, handover.conversationId, 'agent', body.clientMessageId);
      const attachments = await requireAttachmentsFor(deps.db, caller.workspaceId, body.attachmentIds, messageId, { kind: 'member', memberId: member.id });
      await relayMessage(deps.temporal, handover.id, {
        messageId,
        clientMessageId: body.clientMessageId,
        sender: 'agent',
        author: { id: member.id, name: member.name },
        body: body.body,
        receivedAt: new Date().toISOString(),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      metrics.messagesAccepted.inc({ sender: 'agent', routed_to: 'customer' });
      return { messageId };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/notes',
    auth: 'member',
    tag: 'Console',
    summary: 'Add an internal note; never sent to the customer',
    params: HandoverParams,
    body: z.object({ body: z.string().trim().min(1).max(4000) }).meta({ id: 'CreateNoteRequest' }),
    status: 201,
    response: z.object({ note: InternalNote }).meta({ id: 'NoteResponse' }),
    handler: async ({ deps, caller, params, body }) => {
      const handover = await requireVisibleHandover(deps.db, caller.member, params.id);
      const note = await insertNote(deps.db, {
        workspaceId: caller.workspaceId,
        handoverId: handover.id,
        author: { id: caller.member.id, name: caller.member.name },
        body: body.body,
      });
      await publishLiveEvent(deps.db, { workspaceId: caller.workspaceId, type: 'note.created', handoverId: handover.id, payload: { note } });
      return { note };
    },
  }),
  route({
    method: 'get',
    path: '/handovers/:id/transfer-candidates',
    auth: 'member',
    tag: 'Console',
    summary: 'Whom a handover in progress may be transferred to, with how many handovers each holds',
    description:
      'The same rules as POST /handovers/{id}/transfer: the assignee, a supervisor or an admin may ask, and a member marked atCapacity would be refused.',
    params: HandoverParams,
    status: 200,
    response: TransferCandidatesResponse,
    // 403: a member who is not on the handover's team (requireVisibleHandover).
    errors: [403, 409],
    handler: async ({ deps, caller, params }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      assertActive(handover);
      assertMayTransfer(member, handover);
      const record = await findHandoverRecord(deps.db, caller.workspaceId, handover.id);
      const limit = record?.policy.maxConcurrentPerAgent ?? null;
      const team = await listHandoverTeamWithLoad(deps.db, caller.workspaceId);
      return {
        maxConcurrentPerAgent: limit,
        candidates: team.map(({ member: candidate, activeHandovers }) => {
          const isAssignee = candidate.id === handover.assignee?.id;
          return {
            id: candidate.id,
            name: candidate.name,
            role: candidate.role,
            activeHandovers,
            atCapacity: !isAssignee && limit !== null && activeHandovers >= limit,
            isAssignee,
          };
        }),
      };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/transfer',
    auth: 'member',
    tag: 'Console',
    summary: 'Transfer a handover in progress to another eligible member',
    params: HandoverParams,
    body: TransferHandoverRequest,
    status: 200,
    response: HandoverResponse,
    errors: [409, 422],
    handler: async ({ deps, caller, params, body, metrics }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      assertActive(handover);
      assertMayTransfer(member, handover);
      const target = await findMember(deps.db, caller.workspaceId, body.toMemberId);
      if (!target || !target.active || !mayHandleHandovers(target.role, target.isHandoverMember)) {
        throw fieldError(['toMemberId'], 'Not an active member who handles handovers');
      }
      // The limit a claim keeps (the handover's policy) holds for a transfer too.
      const record = await findHandoverRecord(deps.db, caller.workspaceId, handover.id);
      const limit = record?.policy.maxConcurrentPerAgent ?? null;
      const transfer = () =>
        countCommand(metrics, 'transfer', () =>
          transferHandover(deps.temporal, handover.id, {
            actor: { id: member.id, name: member.name },
            to: { id: target.id, name: target.name },
          }),
        );
      if (limit === null || target.id === handover.assignee?.id) await transfer();
      else {
        const atCapacity = () =>
          new AppError('at_capacity', `${target.name} is at capacity (${limit} in progress); choose someone else`, {
            member: { id: target.id, name: target.name },
            limit,
          });
        await withPlaceReserved(deps, { workspaceId: caller.workspaceId, memberId: target.id, handoverId: handover.id, kind: 'transfer', limit }, atCapacity, transfer);
      }
      return { handover: await requireVisibleHandover(deps.db, member, handover.id) };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/end',
    auth: 'member',
    tag: 'Console',
    summary: 'End Handover: return the conversation to the AI or close it',
    params: HandoverParams,
    body: EndHandoverRequest,
    status: 200,
    response: HandoverResponse,
    errors: [409],
    handler: async ({ deps, caller, params, body, metrics }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      assertActive(handover);
      if (!mayEndHandover(member.role, member.id, handover.assignee?.id ?? null)) {
        throw new AppError('not_assignee', 'Only the assignee, a supervisor or an admin can end this handover');
      }
      await countCommand(metrics, 'end', () =>
        endHandover(deps.temporal, handover.id, {
          actor: { id: member.id, name: member.name },
          ...(body.outcome ? { outcome: body.outcome } : {}),
          ...(body.note ? { note: body.note } : {}),
        }),
      );
      return { handover: await requireVisibleHandover(deps.db, member, handover.id) };
    },
  }),
];

/** Who may transfer a handover: its assignee, a supervisor or an admin, while it is in progress. */
function assertMayTransfer(member: Member, handover: Handover): void {
  if (handover.status !== 'in_progress' || !mayEndHandover(member.role, member.id, handover.assignee?.id ?? null)) {
    throw new AppError('not_assignee', 'Only the assignee, a supervisor or an admin can transfer a handover in progress');
  }
}
