/**
 * The console's one door to the Handover API (`/api/v1`): typed calls that return the answer's data
 * or throw an ApiError carrying the envelope's `code` and `message`. Works with the browser's fetch
 * and with SvelteKit's server-side fetch (see hooks.server.ts, which routes /api to the API process).
 */
import { isErrorCode, type ErrorCode } from '$domain/errors.ts';
import type {
  ApiKey,
  CreateApiKeyResponse,
  CreateMemberRequest,
  DeliveryStatus,
  EndHandoverRequest,
  Handover,
  HandoverAnalytics,
  HandoverDetailResponse,
  HandoverEvent,
  HandoverSettings,
  HandoverView,
  InternalNote,
  ListHandoversResponse,
  LoginRequest,
  Member,
  SendAgentMessageRequest,
  UpdateMemberRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookSettingsRequest,
  WebhookSettingsResponse,
} from '$domain/schemas/index.ts';
import type { HandoverStatus } from '$domain/handover.ts';

export type { CreateApiKeyResponse, DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookSettingsResponse };

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

export interface ListHandoversParams {
  view: HandoverView;
  statuses?: readonly HandoverStatus[];
  cursor?: string | null;
  limit?: number;
}

/** The API's calls, bound to one fetch (the browser's, or the fetch of a SvelteKit load or action). */
export function createApi(fetch: typeof globalThis.fetch) {
  const call = <T>(method: string, path: string, body?: unknown) => send<T>(fetch, method, path, body);
  const data = async <T>(method: string, path: string, body?: unknown) => (await call<T>(method, path, body)).data;

  return {
    me: async () => (await data<{ member: Member }>('GET', '/me')).member,

    /** Answers the member and the Set-Cookie lines of the new session. */
    login: async (credentials: LoginRequest) => {
      const { data: body, response } = await call<{ member: Member }>('POST', '/auth/login', credentials);
      return { member: body.member, setCookies: response.headers.getSetCookie() };
    },

    logout: async () => {
      const { response } = await call<unknown>('POST', '/auth/logout', {});
      return { setCookies: response.headers.getSetCookie() };
    },

    listHandovers: (params: ListHandoversParams) =>
      data<ListHandoversResponse>('GET', `/handovers?${listQuery(params)}`),

    getHandover: (id: string) => data<HandoverDetailResponse>('GET', `/handovers/${encodeURIComponent(id)}`),

    listHandoverEvents: async (id: string) =>
      (await data<{ events: HandoverEvent[] }>('GET', `/handovers/${encodeURIComponent(id)}/events`)).events,

    claimHandover: async (id: string) =>
      (await data<{ handover: Handover }>('POST', `/handovers/${encodeURIComponent(id)}/claim`, {})).handover,

    sendMessage: (id: string, message: SendAgentMessageRequest) =>
      data<{ messageId: string }>('POST', `/handovers/${encodeURIComponent(id)}/messages`, message),

    addNote: (id: string, body: string) =>
      data<{ note?: InternalNote }>('POST', `/handovers/${encodeURIComponent(id)}/notes`, { body }),

    endHandover: async (id: string, request: EndHandoverRequest) =>
      (await data<{ handover: Handover }>('POST', `/handovers/${encodeURIComponent(id)}/end`, request)).handover,

    getHandoverSettings: async () => (await data<{ settings: HandoverSettings }>('GET', '/settings/handover')).settings,

    saveHandoverSettings: async (settings: HandoverSettings) =>
      (await data<{ settings: HandoverSettings }>('PUT', '/settings/handover', settings)).settings,

    listMembers: async () => (await data<{ members: Member[] }>('GET', '/members')).members,

    inviteMember: async (request: CreateMemberRequest) =>
      (await data<{ member: Member }>('POST', '/members', request)).member,

    updateMember: async (id: string, changes: UpdateMemberRequest) =>
      (await data<{ member: Member }>('PATCH', `/members/${encodeURIComponent(id)}`, changes)).member,

    listApiKeys: async () => (await data<{ apiKeys: ApiKey[] }>('GET', '/api-keys')).apiKeys,

    /** Answers the new key's record and its secret, which the API shows this once. */
    createApiKey: (name: string) => data<CreateApiKeyResponse>('POST', '/api-keys', { name }),

    revokeApiKey: async (id: string) =>
      (await data<{ apiKey: ApiKey }>('DELETE', `/api-keys/${encodeURIComponent(id)}`)).apiKey,

    getWebhook: async () => (await data<{ webhook: WebhookEndpoint | null }>('GET', '/settings/webhook')).webhook,

    /** Answers the saved URL, and the secret only when the API generated one (shown this once). */
    saveWebhook: (request: WebhookSettingsRequest) => data<WebhookSettingsResponse>('PUT', '/settings/webhook', request),

    listWebhookDeliveries: async (params: { status?: DeliveryStatus | null; limit?: number } = {}) =>
      (await data<{ deliveries: WebhookDelivery[] }>('GET', `/webhook-deliveries?${deliveriesQuery(params)}`)).deliveries,

    getAnalytics: (params: { from: string; to: string; bucket: 'hour' | 'day' }) =>
      data<HandoverAnalytics>('GET', `/analytics/handover?${new URLSearchParams(params).toString()}`),

    retryWebhookDelivery: async (id: string) =>
      (await data<{ delivery: WebhookDelivery }>('POST', `/webhook-deliveries/${encodeURIComponent(id)}/retry`, {})).delivery,
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

function listQuery({ view, statuses, cursor, limit }: ListHandoversParams): string {
  const query = new URLSearchParams({ view });
  if (statuses && statuses.length > 0) query.set('status', statuses.join(','));
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  return query.toString();
}

function deliveriesQuery({ status, limit }: { status?: DeliveryStatus | null; limit?: number }): string {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (limit) query.set('limit', String(limit));
  return query.toString();
}
