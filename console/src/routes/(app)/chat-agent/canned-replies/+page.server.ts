import { fail } from '@sveltejs/kit';
import { mayHandleHandovers } from '$domain/handover.ts';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  // Whoever may take over conversations reads the replies (the API's rule); only admins change them. Others see
  // a notice, not a failed request.
  if (!mayHandleHandovers(member.role, member.isHandoverMember)) return { replies: null, canManage: false };
  try {
    return { replies: await createApi(fetch).listCannedReplies(), canManage: member.role === 'admin' };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

function readReply(form: FormData): { title: string; text: string } {
  return { title: String(form.get('title') ?? ''), text: String(form.get('text') ?? '') };
}

/** The API's refusal as the form shows it: field errors beside the fields, a duplicate title beside the title. */
function refusal(failure: ApiError): { message: string; fieldErrors: Record<string, string> } {
  const fieldErrors =
    failure.code === 'validation_failed'
      ? Object.fromEntries(Object.entries(fieldErrorsOf(failure)).map(([field, message]) => [field, `This ${field} ${message}.`]))
      : failure.code === 'conflict'
        ? { title: failure.message }
        : {};
  return { message: Object.keys(fieldErrors).length > 0 ? 'Some fields need your attention.' : failure.message, fieldErrors };
}

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const draft = readReply(await request.formData());
    try {
      const reply = await createApi(fetch).createCannedReply(draft);
      return { action: 'create', done: `“${reply.title}” is saved: agents find it by typing / in the chat box.` };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'create', replyId: null, code: failure.code, ...refusal(failure), draft });
    }
  },

  update: async ({ request, fetch }) => {
    const form = await request.formData();
    const replyId = String(form.get('replyId') ?? '');
    const draft = readReply(form);
    try {
      const reply = await createApi(fetch).updateCannedReply(replyId, draft);
      return { action: 'update', done: `“${reply.title}” is saved.` };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'update', replyId, code: failure.code, ...refusal(failure), draft });
    }
  },

  delete: async ({ request, fetch }) => {
    const replyId = String((await request.formData()).get('replyId') ?? '');
    try {
      const reply = await createApi(fetch).deleteCannedReply(replyId);
      return { action: 'delete', done: `“${reply.title}” is deleted.` };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'delete', replyId, code: failure.code, message: failure.message });
    }
  },
};
