import { HandoverParams } from '../../domain/schemas/common.ts';
import { HandoverWorkflowResponse } from '../../domain/schemas/handover-workflow.ts';
import { viewHandoverWorkflow } from '../handover-workflow.ts';
import { route } from '../route.ts';

/**
 * A handover's workflow for the people who supervise: admins and supervisors, who see every handover of their
 * workspace anyway. Agents are refused (403) even for their own: it is a tool for looking into a stuck handover,
 * it names every actor and step, and each read costs Temporal a history read.
 */
export const handoverWorkflowRoutes = [
  route({
    method: 'get',
    path: '/handovers/:id/workflow',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Console',
    summary: "A handover's workflow: its status, live state, pending work and a summary of its history",
    description:
      'Read from Temporal through our authorization, for admins and supervisors (agents: 403). The history summary names ' +
      'signals, Updates, activities and timers with times and counts, never a message or any other payload. Another ' +
      "workspace's handover is not found (404) before Temporal is asked. `workflow` is null, with `message` saying why, " +
      'when Temporal no longer keeps the workflow (retention). Temporal unreachable: 503 `unavailable`. Each view reads Temporal, so ' +
      'a member may view 10 a minute, and a process reads a few at once: beyond, 429 `rate_limited` with Retry-After.',
    params: HandoverParams,
    status: 200,
    response: HandoverWorkflowResponse,
    handler: ({ deps, caller, params }) => viewHandoverWorkflow(deps, { workspaceId: caller.workspaceId, memberId: caller.member.id }, params.id),
  }),
];
