/**
 * The console's one door to the Handover API (`/api/v1`): typed calls that return the answer's data
 * or throw an ApiError carrying the envelope's `code` and `message`. Works with the browser's fetch
 * and with SvelteKit's server-side fetch (see hooks.server.ts, which routes /api to the API process).
 *
 * Paths, parameters, bodies and answers are typed by `@handover/client/openapi`, which openapi-typescript
 * generates from the API's OpenAPI document (`npm run generate:client`): a call the API does not serve,
 * or a body it would not accept, does not compile.
 */
import { isErrorCode, type ErrorCode } from '$domain/errors.ts';
import type { components, paths } from '@handover/client/openapi';

type Schemas = components['schemas'];
export type CreateApiKeyResponse = Schemas['CreateApiKeyResponse'];
export type DeliveryStatus = Schemas['WebhookDelivery']['status'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookSettingsResponse = Schemas['WebhookSettingsResponse'];
export type TransferCandidate = Schemas['TransferCandidate'];
export type Handover = Schemas['Handover'];
export type HandoverListItem = Schemas['HandoverListItem'];
export type CannedReply = Schemas['CannedReply'];
export type Attachment = Schemas['Attachment'];
export type MyNotifications = Schemas['MyNotifications'];
export type SlackSettings = Schemas['SlackSettings'];
export type Session = Schemas['Session'];
export type TwoFactorStatus = Schemas['TwoFactorStatus'];
export type Invitation = Schemas['Invitation'];
export type InvitationPreview = Schemas['InvitationPreview'];

export const API_BASE = '/api/v1';

/** A non-2xx answer of the API, or no answer at all (then `unavailable`, status 503). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// ---- The API's calls, typed from the OpenAPI document ------------------------------------------------------
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The paths that answer `method`, as the document writes them (`/handovers/{id}`). */
type PathWith<M extends Method> = { [P in keyof paths]: paths[P][M] extends undefined ? never : P }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
/** The body of the operation's success answer (its 200, 201, 202 or 204). */
type Success<O> = O extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201 | 202 | 204>]> : never;
type PathParams<O> = O extends { parameters: { path: infer Params } } ? Params : never;
type Query<O> = O extends { parameters: { query?: infer Params } } ? NonNullable<Params> : never;
type RequestBody<O> = O extends { requestBody?: infer Body } ? Json<NonNullable<Body>> : never;
type CallOptions<O> = ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([Query<O>] extends [never] ? { query?: never } : { query?: Query<O> }) &
  ([RequestBody<O>] extends [never] ? { body?: never } : { body: RequestBody<O> });

export interface ListHandoversParams {
  view: NonNullable<Query<Operation<'/handovers', 'get'>>['view']>;
  statuses?: readonly Schemas['Handover']['status'][];
  cursor?: string | null;
  limit?: number;
  /** The search: text, a requested-time range of days and an assignee; empty strings are no search. */
  search?: { q: string; from: string; to: string; assigneeId: string };
}

/** The API's calls, bound to one fetch (the browser's, or the fetch of a SvelteKit load or action). */
export function createApi(fetch: typeof globalThis.fetch) {
  const call = <M extends Method, P extends PathWith<M>>(method: M, path: P, options: CallOptions<Operation<P, M>>) =>
    send<Success<Operation<P, M>>>(fetch, method.toUpperCase(), urlOf(path, options), options.body);
  const data = async <M extends Method, P extends PathWith<M>>(method: M, path: P, options: CallOptions<Operation<P, M>>) =>
    (await call(method, path, options)).data;

  return {
    /** The member, and whether their workspace requires a second factor they must set up before anything else. */
    me: () => data('get', '/me', {}),

    /**
     * Answers the member and the Set-Cookie lines of the new session; or, for a member with two-factor on, no member
     * and the cookie of the sign-in that waits for their code (`loginTwoFactor`).
     */
    login: async (credentials: Schemas['LoginRequest']) => {
      const { data: body, response } = await call('post', '/auth/login', { body: credentials });
      return { member: 'member' in body ? body.member : null, setCookies: response.headers.getSetCookie() };
    },

    /**
     * Completes a sign-in with a code of the app or a recovery code. Answers the Set-Cookie lines whatever happened:
     * the session's on success; on a refusal, the cleared cookie of a sign-in that is over (then the password again).
     */
    loginTwoFactor: async (body: Schemas['LoginTwoFactorRequest']) => {
      let response: Response;
      try {
        response = await fetch(`${API_BASE}/auth/login/two-factor`, {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      } catch {
        throw new ApiError(503, 'unavailable', 'The Handover service could not be reached. Check your connection and try again.');
      }
      const setCookies = response.headers.getSetCookie();
      if (!response.ok) return { error: await toApiError(response), setCookies };
      return { error: null, member: ((await response.json()) as Schemas['MemberResponse']).member, setCookies };
    },

    logout: async () => {
      const { response } = await call('post', '/auth/logout', { body: {} });
      return { setCookies: response.headers.getSetCookie() };
    },

    /** In the order people work in: who waits longest first, then mine, closed ones last. */
    listHandovers: ({ view, statuses, cursor, limit, search }: ListHandoversParams) =>
      data('get', '/handovers', {
        query: {
          view,
          sort: 'attention',
          ...(statuses && statuses.length > 0 ? { status: statuses.join(',') } : {}),
          ...(search?.q ? { q: search.q } : {}),
          ...(search?.from ? { from: search.from } : {}),
          ...(search?.to ? { to: search.to } : {}),
          ...(search?.assigneeId ? { assigneeId: search.assigneeId } : {}),
          ...(cursor ? { cursor } : {}),
          ...(limit ? { limit } : {}),
        },
      }),

    getHandover: (id: string) => data('get', '/handovers/{id}', { path: { id } }),

    markRead: async (id: string, seq: number) => (await data('post', '/handovers/{id}/read', { path: { id }, body: { seq } })).readSeq,

    listHandoverEvents: async (id: string) => (await data('get', '/handovers/{id}/events', { path: { id } })).events,

    /** The customer's earlier handovers and the attributes the AI service sent. */
    getCustomerContext: (id: string) => data('get', '/handovers/{id}/customer-context', { path: { id } }),

    /** The handover's workflow as Temporal runs it (admins and supervisors): read on demand, it costs a history read. */
    getHandoverWorkflow: (id: string) => data('get', '/handovers/{id}/workflow', { path: { id } }),

    claimHandover: async (id: string) => (await data('post', '/handovers/{id}/claim', { path: { id }, body: {} })).handover,

    /** Uploads a file for the assignee to send in this handover; its bytes go as they are, its type as Content-Type. */
    uploadAttachment: async (id: string, file: Blob, name: string): Promise<Attachment> => {
      const url = `${API_BASE}${urlOf('/handovers/{id}/attachments', { path: { id }, query: { name } })}`;
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' }, body: file });
      } catch {
        throw new ApiError(503, 'unavailable', 'The Handover service could not be reached. Check your connection and try again.');
      }
      if (!response.ok) throw await toApiError(response);
      return ((await response.json()) as Schemas['AttachmentResponse']).attachment;
    },

    sendMessage: (id: string, message: Schemas['SendAgentMessageRequest']) =>
      data('post', '/handovers/{id}/messages', { path: { id }, body: message }),

    /** This agent is typing to the customer, or stopped: the API tells the AI service (handover.typing). */
    reportTyping: (id: string, typing: boolean) => data('post', '/handovers/{id}/typing', { path: { id }, body: { typing } }),

    addNote: (id: string, body: string) => data('post', '/handovers/{id}/notes', { path: { id }, body: { body } }),

    /** Whom the handover may go to, each with their handovers in progress and whether they are at capacity. */
    listTransferCandidates: (id: string) => data('get', '/handovers/{id}/transfer-candidates', { path: { id } }),

    transferHandover: async (id: string, toMemberId: string) =>
      (await data('post', '/handovers/{id}/transfer', { path: { id }, body: { toMemberId } })).handover,

    endHandover: async (id: string, request: Schemas['EndHandoverRequest']) =>
      (await data('post', '/handovers/{id}/end', { path: { id }, body: request })).handover,

    getHandoverSettings: async () => (await data('get', '/settings/handover', {})).settings,

    saveHandoverSettings: async (settings: Schemas['HandoverSettings']) =>
      (await data('put', '/settings/handover', { body: settings })).settings,

    listMembers: async () => (await data('get', '/members', {})).members,

    /** Without a password the API emails an invitation link and answers the invitation; with one, the member. */
    inviteMember: (request: Schemas['CreateMemberRequest']) => data('post', '/members', { body: request }),

    listInvitations: async () => (await data('get', '/invitations', {})).invitations,

    resendInvitation: async (id: string) => (await data('post', '/invitations/{id}/resend', { path: { id }, body: {} })).invitation,

    revokeInvitation: async (id: string) => (await data('delete', '/invitations/{id}', { path: { id } })).invitation,

    /** What an invitation link invites to (public: the token is the credential). */
    previewInvitation: async (token: string) => (await data('post', '/auth/invitation', { body: { token } })).invitation,

    /** Answers the new member and the Set-Cookie lines of their first session. */
    acceptInvitation: async (request: Schemas['AcceptInvitationRequest']) => {
      const { data: body, response } = await call('post', '/auth/invitation/accept', { body: request });
      return { member: body.member, setCookies: response.headers.getSetCookie() };
    },

    /** Always answers the same, whether the email has an account or not. */
    requestPasswordReset: (email: string) => data('post', '/auth/password-reset', { body: { email } }),

    completePasswordReset: (request: Schemas['CompletePasswordResetRequest']) => data('post', '/auth/password-reset/complete', { body: request }),

    changePassword: (request: Schemas['ChangePasswordRequest']) => data('post', '/me/password', { body: request }),

    updateMember: async (id: string, changes: Schemas['UpdateMemberRequest']) =>
      (await data('patch', '/members/{id}', { path: { id }, body: changes })).member,

    listApiKeys: async () => (await data('get', '/api-keys', {})).apiKeys,

    /** Answers the new key's record and its secret, which the API shows this once. */
    createApiKey: (name: string) => data('post', '/api-keys', { body: { name } }),

    revokeApiKey: async (id: string) => (await data('delete', '/api-keys/{id}', { path: { id } })).apiKey,

    listCannedReplies: async () => (await data('get', '/canned-replies', {})).replies,

    createCannedReply: async (request: Schemas['CreateCannedReplyRequest']) =>
      (await data('post', '/canned-replies', { body: request })).reply,

    updateCannedReply: async (id: string, changes: Schemas['UpdateCannedReplyRequest']) =>
      (await data('patch', '/canned-replies/{id}', { path: { id }, body: changes })).reply,

    deleteCannedReply: async (id: string) => (await data('delete', '/canned-replies/{id}', { path: { id } })).reply,

    getWebhook: async () => (await data('get', '/settings/webhook', {})).webhook,

    /** Answers the saved URL, and the secret only when the API generated one (shown this once). */
    saveWebhook: (request: Schemas['WebhookSettingsRequest']) => data('put', '/settings/webhook', { body: request }),

    /** Answers the new secret (shown this once) and until when the previous one also signs deliveries. */
    rotateWebhookSecret: () => data('post', '/settings/webhook/rotate-secret', { body: {} }),

    listWebhookDeliveries: async ({ status, limit }: { status?: DeliveryStatus | null; limit?: number } = {}) =>
      (await data('get', '/webhook-deliveries', { query: { ...(status ? { status } : {}), ...(limit ? { limit } : {}) } })).deliveries,

    /** A period (`to` exclusive; local days in the workspace's zone unless `tz`), its bucket, and the filters. */
    getAnalytics: (query: Query<Operation<'/analytics/handover', 'get'>>) => data('get', '/analytics/handover', { query }),

    retryWebhookDelivery: async (id: string) =>
      (await data('post', '/webhook-deliveries/{id}/retry', { path: { id }, body: {} })).delivery,

    getMyNotifications: async () => (await data('get', '/me/notifications', {})).notifications,

    setEmailNotifications: async (email: boolean) => (await data('put', '/me/notifications', { body: { email } })).notifications,

    /** Stores this browser's push subscription (PushSubscription.toJSON()) for the member signed in. */
    subscribeToPush: async (subscription: Schemas['SubscribePushRequest']) =>
      (await data('post', '/me/push-subscriptions', { body: subscription })).subscription,

    unsubscribeFromPush: async (id: string) => (await data('delete', '/me/push-subscriptions/{id}', { path: { id } })).notifications,

    listSessions: async () => (await data('get', '/me/sessions', {})).sessions,

    /** Ends one of my sessions; answers those left. */
    revokeSession: async (id: string) => (await data('delete', '/me/sessions/{id}', { path: { id } })).sessions,

    revokeOtherSessions: () => data('post', '/me/sessions/revoke-others', { body: {} }),

    getTwoFactor: async () => (await data('get', '/me/two-factor', {})).twoFactor,

    /** A new secret for the app, as text and as an otpauth:// URI (for the QR code). */
    startTwoFactor: () => data('post', '/me/two-factor', { body: {} }),

    /** Answers the recovery codes, which the API shows this once. */
    confirmTwoFactor: (code: string) => data('post', '/me/two-factor/confirm', { body: { code } }),

    disableTwoFactor: async (request: Schemas['DisableTwoFactorRequest']) =>
      (await data('post', '/me/two-factor/disable', { body: request })).twoFactor,

    getSecuritySettings: async () => (await data('get', '/settings/security', {})).security,

    saveSecuritySettings: async (settings: Schemas['SecuritySettings']) => (await data('put', '/settings/security', { body: settings })).security,

    getWorkspaceSettings: async () => (await data('get', '/settings/workspace', {})).workspace,

    saveWorkspaceSettings: async (settings: Schemas['SaveWorkspaceSettingsRequest']) =>
      (await data('put', '/settings/workspace', { body: settings })).workspace,

    getSlackSettings: async () => (await data('get', '/settings/slack', {})).slack,

    saveSlackSettings: async (url: string | null) => (await data('put', '/settings/slack', { body: { url } })).slack,
  };
}

export type Api = ReturnType<typeof createApi>;

/** The field errors of a 422 `validation_failed`, keyed by the dotted field path ("escalation.levels.0.afterSeconds"). */
export function fieldErrorsOf(error: ApiError): Record<string, string> {
  const issues = error.details.issues;
  const fieldErrors: Record<string, string> = {};
  if (!Array.isArray(issues)) return fieldErrors;
  for (const issue of issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') continue;
    const key = path.join('.');
    fieldErrors[key] ??= message;
  }
  return fieldErrors;
}

/** The `{ id, name }` of the member named in an error's details (for example `already_claimed`). */
export function memberInDetails(error: ApiError, key: string): { id: string; name: string } | null {
  const value = error.details[key];
  if (typeof value !== 'object' || value === null) return null;
  const { id, name } = value as { id?: unknown; name?: unknown };
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : null;
}

async function send<T>(
  fetch: typeof globalThis.fetch,
  method: string,
  path: string,
  body: unknown,
): Promise<{ data: T; response: Response }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(503, 'unavailable', 'The Handover service could not be reached. Check your connection and try again.');
  }

  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, response };
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const envelope = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof envelope === 'object' && envelope !== null) {
    const { code, message, details } = envelope as { code?: unknown; message?: unknown; details?: unknown };
    if (isErrorCode(code) && typeof message === 'string') {
      const detailRecord = typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
      return new ApiError(response.status, code, message, detailRecord);
    }
  }
  return new ApiError(response.status, codeForStatus(response.status), messageForStatus(response.status));
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status >= 502 && status <= 504) return 'unavailable';
  return 'internal_error';
}

function messageForStatus(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'This was not found in your workspace.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 502 && status <= 504) return 'The Handover service is unavailable right now. Try again in a moment.';
  return 'Something went wrong on our side. Try again in a moment.';
}

/** `/handovers/{id}` with its parameters filled in, and the query's defined values after `?`. */
function urlOf(path: string, options: { path?: Record<string, string>; query?: Record<string, string | number | boolean | undefined> }): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = options.path?.[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.set(name, String(value));
  const search = query.toString();
  return search ? `${filled}?${search}` : filled;
}
