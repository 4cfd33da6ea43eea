import type { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { ErrorResponse } from '../domain/schemas/errors.ts';
import { WebhookEvent } from '../domain/schemas/webhook-events.ts';
import type { RouteDefinition } from './route.ts';

const errorDescriptions: Record<number, string> = {
  400: 'The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request)',
  401: 'No or bad credentials',
  403: 'Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required)',
  404: 'Not found in your workspace',
  409: 'The state does not allow it',
  410: 'The one-time link was used, replaced by a newer one, revoked, or has expired (invalid_link)',
  413: 'Body over 64 KiB',
  415: 'The file is not of a type we take, or its bytes are not what its Content-Type says',
  422: 'Validation failed; details.issues lists the fields',
  429: 'Rate limited',
  503: 'Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After',
};

/** Where the stream's refusals differ from every route's. */
const streamErrorDescriptions: Record<number, string> = {
  429: 'Rate limited, or this member holds as many open streams as they may (20): close another tab first',
  503: 'This API process holds as many open streams as it may (5,000), or PostgreSQL is unreachable; open it again after Retry-After',
};

const retryAfterHeader = { description: 'Seconds to wait before sending the same request again', schema: { type: 'integer', minimum: 0 } };

/**
 * What a route answers whatever its handler does, from where it sits in app.ts: every request passes the JSON
 * body parser (400, 413) and the rate limit (429), a parameter names something that may not exist (404), a
 * session write must come from our own origin, a role check can refuse, and so can a workspace's two-factor
 * requirement (403), and zod checks the input (422).
 */
function implicitErrors(definition: RouteDefinition): number[] {
  const member = definition.auth === 'member' || definition.auth === 'apiKeyOrMember';
  return [
    400,
    ...(definition.auth === 'none' ? [] : [401]),
    ...((member && (definition.method !== 'get' || !definition.beforeTwoFactorEnrolment)) || definition.roles ? [403] : []),
    ...(definition.params ? [404] : []),
    413,
    422,
    429,
    503,
  ];
}

/**
 * A body is required unless no body at all is accepted as one: handle() reads an absent body, and a JSON null,
 * as {}. Where that is enough, the document says null is taken too.
 */
function requestBody(schema: z.ZodType) {
  const required = !schema.safeParse({}).success;
  return { required, content: { 'application/json': { schema: required ? schema : schema.nullable() } } };
}

function securityOf(definition: RouteDefinition): Record<string, string[]>[] {
  if (definition.auth === 'apiKey') return [{ apiKey: [] }];
  if (definition.auth === 'member') return [{ session: [] }];
  if (definition.auth === 'apiKeyOrMember') return [{ apiKey: [] }, { session: [] }];
  return [];
}

/** The OpenAPI 3.1 document, generated from the same route declarations and zod schemas that serve requests. */
export function buildOpenApiDocument(routes: RouteDefinition[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const definition of routes) {
    const path = definition.path.replace(/:(\w+)/g, '{$1}');
    const errors = new Set([...(definition.errors ?? []), ...implicitErrors(definition)]);
    errors.delete(definition.status);
    const success = definition.fileResponse
      ? {
          description: definition.fileResponse.description,
          content: Object.fromEntries(definition.fileResponse.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
        }
      : { description: 'Success', content: { 'application/json': { schema: definition.response } } };
    const responses: Record<string, unknown> = { [definition.status]: success };
    for (const status of [...errors].sort()) {
      if (status < 300) {
        responses[status] = { description: 'Success', content: { 'application/json': { schema: definition.response } } };
      } else {
        responses[status] = {
          description: (status === 413 && definition.rawBody ? '`payload_too_large`: the file is larger than the limit (ATTACHMENT_MAX_BYTES, 10 MiB unless set); `quota_exceeded`: the workspace\'s files would take more than ATTACHMENT_QUOTA_BYTES together (no limit unless set)' : errorDescriptions[status]) ?? 'Error',
          ...(status === 429 || status === 503 ? { headers: { 'Retry-After': retryAfterHeader } } : {}),
          content: { 'application/json': { schema: ErrorResponse } },
        };
      }
    }
    paths[path] ??= {};
    paths[path][definition.method] = {
      summary: definition.summary,
      ...(definition.description ? { description: definition.description } : {}),
      tags: [definition.tag],
      security: securityOf(definition),
      requestParams: {
        ...(definition.params ? { path: definition.params } : {}),
        ...(definition.query ? { query: definition.query } : {}),
      },
      ...(definition.body ? { requestBody: requestBody(definition.body) } : {}),
      ...(definition.rawBody
        ? {
            requestBody: {
              required: true,
              description: 'The file\'s bytes, with its type as Content-Type',
              content: Object.fromEntries(definition.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
            },
          }
        : {}),
      responses,
    };
  }
  // The live stream is not JSON, so it is described here rather than declared as a route.
  paths['/stream'] = {
    get: {
      summary: 'Server-Sent Events of what this member may see',
      description:
        'Events `handover.updated` { handover }, `message.created` { message }, `note.created` { note }. Each has an id; ' +
        'reconnect with the `Last-Event-ID` header to receive what was missed. A comment line every 15 s keeps proxies open.',
      tags: ['Console'],
      security: [{ session: [] }],
      responses: {
        200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        ...Object.fromEntries(
          [400, 401, 403, 413, 429, 503].map((status) => [
            status,
            {
              description: streamErrorDescriptions[status] ?? errorDescriptions[status],
              ...(status === 429 || status === 503 ? { headers: { 'Retry-After': retryAfterHeader } } : {}),
              content: { 'application/json': { schema: ErrorResponse } },
            },
          ]),
        ),
      },
    },
  };
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Handover API',
      version: '1.0.0',
      description:
        'Human handover for AI chat agents. AI services use an API key; the console uses a session cookie. ' +
        'Text anywhere in a request (values and keys) must not contain U+0000 or lone surrogates, which PostgreSQL cannot store: ' +
        'such a request is refused with 422. A method a path does not list is answered 405 with an Allow header.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key' },
        session: { type: 'apiKey', in: 'cookie', name: 'handover_session' },
      },
    },
    paths: paths as never,
    webhooks: webhookDocuments(),
  });
}

/** What Handover POSTs to the AI service, one entry per event type, in OpenAPI 3.1's `webhooks`. */
function webhookDocuments() {
  const documents: Record<string, unknown> = {};
  for (const schema of WebhookEvent.options) {
    const type = schema.shape.type.value;
    documents[type] = {
      post: {
        summary: schema.description,
        description:
          'Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours ' +
          'after the secret is rotated `webhook-signature` also holds the replaced secret\'s signature (the current secret\'s first), and any verifies. ' +
          'Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.',
        requestBody: { required: true, content: { 'application/json': { schema } } },
        responses: { 200: { description: 'Handled' } },
      },
    };
  }
  return documents as never;
}
