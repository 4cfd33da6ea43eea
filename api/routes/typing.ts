import { AppError } from '../../domain/errors.ts';
import { ConversationParams, HandoverParams } from '../../domain/schemas/common.ts';
import { TypingRequest, TypingResponse } from '../../domain/schemas/typing.ts';
import { findConversationWithActiveHandover } from '../../db/conversations.ts';
import { assertActive, assertAssignee, requireVisibleHandover } from '../access.ts';
import { route } from '../route.ts';
import { reportAgentTyping, reportCustomerTyping } from '../typing.ts';

/** Typing indicators both ways (api/typing.ts): the customer's from the AI service, the agent's from the console. */
export const typingRoutes = [
  route({
    method: 'post',
    path: '/conversations/:conversationId/typing',
    auth: 'apiKey',
    tag: 'AI services',
    summary: 'The customer is typing, or stopped: shown in the console while a handover is active',
    description:
      'Send `typing: true` every few seconds while the customer types and `false` when they stop; the console shows ' +
      'it until `expiresAt` unless reported again, so a lost `false` leaves nothing stuck. Nothing is stored. ' +
      'Reports are throttled per conversation (one `true` every 3 s goes through; the rest are accepted and dropped). ' +
      'Answers 409 `handover_ended` when no handover is active: the AI has the conversation, and nobody watches.',
    params: ConversationParams,
    body: TypingRequest,
    status: 202,
    response: TypingResponse,
    errors: [409],
    handler: async ({ deps, caller, params, body }) => {
      const conversation = await findConversationWithActiveHandover(deps.db, caller.workspaceId, params.conversationId);
      if (!conversation) throw new AppError('not_found', 'No such conversation');
      const handoverId = conversation.activeHandoverId;
      if (!handoverId) throw new AppError('handover_ended', 'No handover is active for this conversation: nobody watches it type');
      const { expiresAt } = await reportCustomerTyping(deps, caller.workspaceId, handoverId, body.typing);
      return { handoverId, expiresAt };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/typing',
    auth: 'member',
    tag: 'Console',
    summary: 'The assignee is typing, or stopped: sent to the AI service as a handover.typing webhook',
    description:
      'The assignee only, as for sending messages. Throttled per handover (one `typing: true` webhook every 3 s); ' +
      'the webhook is sent once, at once, and never retried nor logged.',
    params: HandoverParams,
    body: TypingRequest,
    status: 202,
    response: TypingResponse,
    errors: [403, 409],
    handler: async ({ deps, caller, params, body }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      assertActive(handover);
      assertAssignee(handover, member);
      const agent = { id: member.id, name: member.name };
      const { expiresAt } = reportAgentTyping(deps, caller.workspaceId, handover, agent, body.typing);
      return { handoverId: handover.id, expiresAt };
    },
  }),
];
