import { mayHandleHandovers } from '../../domain/handover.ts';
import { HandoverParams } from '../../domain/schemas/common.ts';
import { CustomerContextQuery, CustomerContextResponse } from '../../domain/schemas/customer-context.ts';
import { findCustomerContext } from '../../db/customer-context.ts';
import { AppError } from '../../domain/errors.ts';
import { requireVisibleHandover } from '../access.ts';
import { route } from '../route.ts';

/**
 * The customer beside a conversation: its own endpoint rather than a field of GET /handovers/{id}, so the detail
 * (read again on every live update) stays one handover's worth of work, and the context can fail or page on its own.
 */
export const customerContextRoutes = [
  route({
    method: 'get',
    path: '/handovers/:id/customer-context',
    auth: 'member',
    tag: 'Console',
    summary: "The customer's earlier handovers and the attributes the AI service sent",
    description:
      'Who may open the handover may ask. A member not on the handover team is shown only the earlier handovers they ' +
      'could open themselves: theirs, or one an escalation opened to everyone.',
    params: HandoverParams,
    query: CustomerContextQuery,
    status: 200,
    response: CustomerContextResponse,
    // 403: a member who may not open this handover (requireVisibleHandover).
    errors: [403],
    handler: async ({ deps, caller, params, query }) => {
      const { member } = caller;
      const handover = await requireVisibleHandover(deps.db, member, params.id);
      const context = await findCustomerContext(deps.db, caller.workspaceId, {
        handoverId: handover.id,
        limit: query.limit,
        ...(mayHandleHandovers(member.role, member.isHandoverMember) ? {} : { onlyOpenToMemberId: member.id }),
      });
      // Gone between the two reads (a workspace's handovers are not deleted, but the answer must not lie if one were).
      if (!context) throw new AppError('not_found', 'No such handover');
      return context;
    },
  }),
];
