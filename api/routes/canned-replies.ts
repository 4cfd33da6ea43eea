import { AppError } from '../../domain/errors.ts';
import {
  CannedReplyParams,
  CannedReplyResponse,
  CreateCannedReplyRequest,
  ListCannedRepliesResponse,
  UpdateCannedReplyRequest,
} from '../../domain/schemas/canned-replies.ts';
import { deleteCannedReply, insertCannedReply, listCannedReplies, titleTaken, updateCannedReply } from '../../db/canned-replies.ts';
import { route } from '../route.ts';

function titleTakenError(title: string): AppError {
  return new AppError('conflict', `A canned reply titled "${title}" already exists; choose another title`);
}

const notFound = () => new AppError('not_found', 'No such canned reply');

/** Chat Agent > Canned replies: admins keep them; whoever may answer customers reads them to insert in the chat box. */
export const cannedReplyRoutes = [
  route({
    method: 'get',
    path: '/canned-replies',
    auth: 'member',
    tag: 'Canned replies',
    summary: "The workspace's canned replies, by title",
    description:
      'For every member: anyone may come to take a handover (one assigned to them, or one an escalation opened to ' +
      'everyone). Placeholders are returned as written; the console fills them.',
    status: 200,
    response: ListCannedRepliesResponse,
    handler: async ({ deps, caller }) => ({ replies: await listCannedReplies(deps.db, caller.workspaceId) }),
  }),
  route({
    method: 'post',
    path: '/canned-replies',
    auth: 'member',
    roles: ['admin'],
    tag: 'Canned replies',
    summary: 'Save a canned reply (admins)',
    description: 'Refused with 409 when another reply has the same title, whatever its case, and with 422 for an unknown placeholder.',
    body: CreateCannedReplyRequest,
    status: 201,
    response: CannedReplyResponse,
    errors: [403, 409],
    handler: async ({ deps, caller, body }) => {
      const reply = await insertCannedReply(deps.db, { workspaceId: caller.workspaceId, title: body.title, text: body.text, createdBy: caller.member.id });
      if (reply === titleTaken) throw titleTakenError(body.title);
      return { reply };
    },
  }),
  route({
    method: 'patch',
    path: '/canned-replies/:id',
    auth: 'member',
    roles: ['admin'],
    tag: 'Canned replies',
    summary: "Change a canned reply's title or text (admins)",
    description: 'The same rules as POST /canned-replies: 409 for a title another reply has, 422 for an unknown placeholder.',
    params: CannedReplyParams,
    body: UpdateCannedReplyRequest,
    status: 200,
    response: CannedReplyResponse,
    errors: [403, 404, 409],
    handler: async ({ deps, caller, params, body }) => {
      const reply = await updateCannedReply(deps.db, caller.workspaceId, params.id, body);
      if (reply === titleTaken) throw titleTakenError(body.title ?? '');
      if (!reply) throw notFound();
      return { reply };
    },
  }),
  route({
    method: 'delete',
    path: '/canned-replies/:id',
    auth: 'member',
    roles: ['admin'],
    tag: 'Canned replies',
    summary: 'Delete a canned reply (admins)',
    params: CannedReplyParams,
    status: 200,
    response: CannedReplyResponse,
    errors: [403, 404],
    handler: async ({ deps, caller, params }) => {
      const reply = await deleteCannedReply(deps.db, caller.workspaceId, params.id);
      if (!reply) throw notFound();
      return { reply };
    },
  }),
];
