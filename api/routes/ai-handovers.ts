import { AppError } from '../../domain/errors.ts';
import { HandoverParams } from '../../domain/schemas/common.ts';
import {
  HandoverResponse,
  LeaveHandoverRequest,
  RateHandoverRequest,
  StartHandoverRequest,
} from '../../domain/schemas/handovers.ts';
import { recordHandoverEvent } from '../../db/handover-events.ts';
import { findHandover, rateHandover } from '../../db/handovers.ts';
import { assertActive, requireHandover } from '../access.ts';
import { reply, route } from '../route.ts';
import { startHandover } from '../handover-start.ts';
import { signalCustomerLeft } from '../temporal.ts';

/** The AI service's side of a handover: request one, the customer leaving, the customer's rating. */
export const aiHandoverRoutes = [
  route({
    method: 'post',
    path: '/handovers',
    auth: 'apiKey',
    tag: 'AI services',
    summary: 'Hand a conversation to the team',
    description:
      'Answers 201 with a new handover, or 200 with the active one when the conversation already has one. ' +
      'While the handover is active, customer messages are routed to humans and the AI must stay silent.',
    body: StartHandoverRequest,
    status: 201,
    response: HandoverResponse,
    errors: [200, 409],
    handler: async ({ deps, caller, body, metrics }) => {
      const { handoverId, created } = await startHandover(deps, caller.workspaceId, body);
      if (created) metrics.handoversRequested.inc({ trigger: body.trigger });
      const handover = await findHandover(deps.db, caller.workspaceId, handoverId);
      if (!handover) throw new AppError('unavailable', 'The handover could not be read back; try again');
      return reply(created ? 201 : 200, { handover });
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/leave',
    auth: 'apiKey',
    tag: 'AI services',
    summary: 'The customer left: end the handover',
    params: HandoverParams,
    body: LeaveHandoverRequest,
    status: 200,
    response: HandoverResponse,
    // The handover has ended already.
    errors: [409],
    handler: async ({ deps, caller, params }) => {
      const handover = await requireHandover(deps.db, caller.workspaceId, params.id);
      assertActive(handover);
      await signalCustomerLeft(deps.temporal, handover.id);
      return { handover };
    },
  }),
  route({
    method: 'post',
    path: '/handovers/:id/rating',
    auth: 'apiKey',
    tag: 'AI services',
    summary: "Record the customer's rating of an ended handover",
    params: HandoverParams,
    body: RateHandoverRequest,
    status: 200,
    response: HandoverResponse,
    errors: [409],
    handler: async ({ deps, caller, params, body }) => {
      const handover = await requireHandover(deps.db, caller.workspaceId, params.id);
      if (handover.endedAt === null) throw new AppError('not_ended', 'A handover can be rated once it has ended');
      const rated = await rateHandover(deps.db, caller.workspaceId, handover.id, body);
      if (!rated) throw new AppError('already_rated', 'This handover was already rated');
      await recordHandoverEvent(deps.db, {
        workspaceId: caller.workspaceId,
        handoverId: handover.id,
        type: 'rated',
        actor: { id: null, name: handover.customer.name ?? 'Customer' },
        data: { score: body.score },
        dedupeKey: `${handover.id}:rated`,
      });
      return { handover: await requireHandover(deps.db, caller.workspaceId, handover.id) };
    },
  }),
];
