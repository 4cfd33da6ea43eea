import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../domain/errors.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { endedHandover } from '../support/scenarios.ts';
import { sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every endpoint of the contract, as OpenAPI writes paths, with the credential it takes. */
const contract: [Method, string, 'apiKey' | 'session' | 'none'][] = [
  ['post', '/handovers', 'apiKey'],
  ['post', '/conversations/{conversationId}/messages', 'apiKey'],
  ['get', '/conversations/{conversationId}', 'apiKey'],
  ['get', '/conversations/{conversationId}/messages', 'apiKey'],
  ['post', '/conversations/{conversationId}/ai-replies', 'apiKey'],
  ['post', '/conversations/{conversationId}/typing', 'apiKey'],
  ['post', '/attachments', 'apiKey'],
  ['post', '/handovers/{id}/leave', 'apiKey'],
  ['post', '/handovers/{id}/rating', 'apiKey'],
  ['post', '/auth/login', 'none'],
  ['post', '/auth/login/two-factor', 'none'],
  ['post', '/auth/logout', 'session'],
  ['get', '/me', 'session'],
  ['get', '/me/sessions', 'session'],
  ['delete', '/me/sessions/{id}', 'session'],
  ['post', '/me/sessions/revoke-others', 'session'],
  ['get', '/me/two-factor', 'session'],
  ['post', '/me/two-factor', 'session'],
  ['post', '/me/two-factor/confirm', 'session'],
  ['post', '/me/two-factor/disable', 'session'],
  ['get', '/settings/security', 'session'],
  ['put', '/settings/security', 'session'],
  ['get', '/handovers', 'session'],
  ['get', '/handovers/{id}', 'session'],
  ['get', '/handovers/{id}/events', 'session'],
  ['get', '/handovers/{id}/customer-context', 'session'],
  ['get', '/handovers/{id}/workflow', 'session'],
  ['post', '/handovers/{id}/claim', 'session'],
  ['post', '/handovers/{id}/messages', 'session'],
  ['post', '/handovers/{id}/notes', 'session'],
  ['post', '/handovers/{id}/typing', 'session'],
  ['post', '/handovers/{id}/attachments', 'session'],
  ['post', '/handovers/{id}/transfer', 'session'],
  ['post', '/handovers/{id}/end', 'session'],
  ['get', '/stream', 'session'],
  ['get', '/settings/handover', 'session'],
  ['put', '/settings/handover', 'session'],
  ['get', '/members', 'session'],
  ['post', '/members', 'session'],
  ['patch', '/members/{id}', 'session'],
  ['get', '/invitations', 'session'],
  ['post', '/invitations/{id}/resend', 'session'],
  ['delete', '/invitations/{id}', 'session'],
  ['post', '/auth/invitation', 'none'],
  ['post', '/auth/invitation/accept', 'none'],
  ['post', '/auth/password-reset', 'none'],
  ['post', '/auth/password-reset/complete', 'none'],
  ['post', '/me/password', 'session'],
  ['get', '/api-keys', 'session'],
  ['post', '/api-keys', 'session'],
  ['delete', '/api-keys/{id}', 'session'],
  ['put', '/settings/webhook', 'session'],
  ['post', '/settings/webhook/rotate-secret', 'session'],
  ['get', '/webhook-deliveries', 'session'],
  ['post', '/webhook-deliveries/{id}/retry', 'session'],
  // Future work: GET /analytics/handover (admin, supervisor) is not implemented yet; add it here when it is.
  ['get', '/analytics/handover/handovers.csv', 'session'],
  ['get', '/analytics/handover/agents.csv', 'session'],
];

interface Operation {
  summary?: string;
  security?: Record<string, unknown>[];
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

async function fetchDocument(): Promise<{ status: number; contentType: string | null; document: any }> {
  // No credentials: the document is public, like the reference page built on it.
  const response = await fetch(`${stack.baseUrl}/api/v1/openapi.json`);
  return { status: response.status, contentType: response.headers.get('content-type'), document: await response.json() };
}

function operations(document: any): [string, string, Operation][] {
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]): [string, string, Operation] => [method, path, operation]),
  );
}

describe('GET /api/v1/openapi.json', () => {
  it('is served without credentials and validates as an OpenAPI 3.1 document', async () => {
    const { status, contentType, document } = await fetchDocument();
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);

    const result = await validate(structuredClone(document));

    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.specification).toBe('OpenAPI');
  });

  it('lists every endpoint of the contract, with its path parameters in {name} style', async () => {
    const { document } = await fetchDocument();
    const listed = new Set(operations(document).map(([method, path]) => `${method.toUpperCase()} ${path}`));

    const missing = contract.map(([method, path]) => `${method.toUpperCase()} ${path}`).filter((endpoint) => !listed.has(endpoint));

    expect(missing).toEqual([]);
    expect([...listed].filter((endpoint) => endpoint.includes('/:'))).toEqual([]);
  });

  it('declares the API key for AI-service endpoints and the session for console endpoints', async () => {
    const { document } = await fetchDocument();
    const byEndpoint = new Map(operations(document).map(([method, path, operation]) => [`${method} ${path}`, operation]));

    const declared = contract.map(([method, path]) => {
      const schemes = (byEndpoint.get(`${method} ${path}`)?.security ?? []).flatMap((requirement) => Object.keys(requirement));
      return `${method.toUpperCase()} ${path}: ${schemes.join(', ') || 'none'}`;
    });

    expect(declared).toEqual(contract.map(([method, path, credential]) => `${method.toUpperCase()} ${path}: ${credential}`));
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiKey', 'session']);
  });

  it('gives every operation a summary and at least one 4xx answer in the ErrorResponse envelope', async () => {
    const { document } = await fetchDocument();
    const errorRef = '#/components/schemas/ErrorResponse';

    const problems = operations(document).flatMap(([method, path, operation]) => {
      const found: string[] = [];
      if (!operation.summary?.trim()) found.push(`${method.toUpperCase()} ${path} has no summary`);
      const envelopes = Object.entries(operation.responses ?? {}).filter(
        ([status, response]) => /^4\d\d$/.test(status) && response.content?.['application/json']?.schema?.$ref === errorRef,
      );
      if (envelopes.length === 0) found.push(`${method.toUpperCase()} ${path} has no 4xx answer with ${errorRef}`);
      return found;
    });

    expect(problems).toEqual([]);
    // The envelope itself: { error: { code, message, details } }, with the codes of the contract's table.
    const envelope = document.components.schemas.ErrorResponse;
    expect(envelope).toMatchObject({ type: 'object', required: ['error'], properties: { error: { type: 'object' } } });
    expect([...envelope.properties.error.required].sort()).toEqual(['code', 'details', 'message']);
    expect(envelope.properties.error.properties.code.enum).toEqual(expect.arrayContaining(Object.keys(errorStatus)));
  });
});

// Issue 10: a generated client is only as good as the document. Each case here is something the Schemathesis
// run (schemathesis.test.ts) found where the document and the live API disagreed.
describe('the document and the live API agree', () => {
  let workspace: TestWorkspace;
  let ai: ApiClient;
  let ana: ApiClient;
  let document: any;

  beforeAll(async () => {
    workspace = await createWorkspace(stack.db);
    ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    document = (await fetchDocument()).document;
  });

  function operation(method: string, path: string): any {
    const found = document.paths[path]?.[method.toLowerCase()];
    if (!found) throw new Error(`${method} ${path} is not in the document`);
    return found;
  }

  function queryParameter(method: string, path: string, name: string): any {
    return operation(method, path).parameters.find((parameter: any) => parameter.in === 'query' && parameter.name === name);
  }

  it('bounds integer query parameters to what their column holds, and refuses a larger one with 400, not 500', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Hello', clientMessageId: 'm-1' });

    const tooLarge = await ai.get(`/conversations/${conversationId}/messages?afterSeq=70368744177663`);
    const largest = await ai.get(`/conversations/${conversationId}/messages?afterSeq=2147483647`);

    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.code).toBe('invalid_request');
    expect(largest.status).toBe(200);
    expect(largest.body.messages).toEqual([]);
    expect(queryParameter('get', '/conversations/{conversationId}/messages', 'afterSeq').schema).toMatchObject({ type: 'integer', minimum: 0, maximum: 2147483647 });
    for (const [path, name] of [
      ['/conversations/{conversationId}/messages', 'limit'],
      ['/handovers', 'limit'],
      ['/webhook-deliveries', 'limit'],
    ] as const) {
      expect(queryParameter('get', path, name).schema.maximum, `${path} ${name}`).toEqual(expect.any(Number));
    }
  });

  it("describes the handover list's status filter by a pattern that accepts exactly what the API accepts", async () => {
    const pattern = new RegExp(queryParameter('get', '/handovers', 'status').schema.pattern);
    const values = ['', 'pending', 'pending,missed', ' in_progress , completed ', 'pending\u3000,missed', 'pending,', ',', ' ', 'nope', 'PENDING', 'pending;missed', 'pending\u200b'];

    const disagreements = [];
    for (const value of values) {
      const answer = await ana.get(`/handovers?view=queue&status=${encodeURIComponent(value)}`);
      if ((answer.status === 200) !== pattern.test(value)) disagreements.push(`${JSON.stringify(value)}: ${answer.status}, pattern ${pattern.test(value)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses a transcript entry whose time is not a date-time, as the document says, and keeps one that is', async () => {
    const start = (at: unknown) =>
      ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason: 'Refund', trigger: 'other', transcript: [{ role: 'customer', body: 'Hi', at }] });

    const answers = await Promise.all(['', 'yesterday', 'epoch', '2024-13-01T00:00:00Z', '2024-01-01 10:00:00'].map(start));
    // Any RFC 3339 time, even one PostgreSQL takes only as an instant (an offset past 15:59, the year 0).
    const kept = await Promise.all(['2024-01-01T10:00:00+02:00', '4333-11-30T12:17:03.8+20:11', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999-23:59'].map(start));

    expect(answers.map((answer) => `${answer.status} ${answer.body.error?.details?.issues?.[0]?.path?.join('.')}`)).toEqual(
      Array.from({ length: 5 }, () => '422 transcript.0.at'),
    );
    expect(kept.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    const format = document.components.schemas.StartHandoverRequest.properties.transcript.items.properties.at.format;
    expect(format).toBe('date-time');
  });

  it('refuses a new member whose address mail cannot be sent to, as format: email says, and takes one it can', async () => {
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const tag = randomUUID().slice(0, 8);
    const create = (email: string) => admin.post('/members', { email, name: 'Dana Park', role: 'agent', password: 'a-long-first-password' });

    const refused = await Promise.all([`${'a'.repeat(65)}-${tag}@example.com`, `d-${tag}@${'b'.repeat(64)}.com`, `d-${tag}@example-.com`].map(create));
    const taken = await create(`${'a'.repeat(50)}-${tag}@${'b'.repeat(63)}.com`);

    expect(refused.map((answer) => `${answer.status} ${answer.body.error?.details?.issues?.[0]?.path?.join('.')}`)).toEqual(['422 email', '422 email', '422 email']);
    expect(taken.status).toBe(201);
    expect(document.components.schemas.CreateMemberRequest.properties.email.format).toBe('email');
  });

  it('describes the webhook secret by a pattern that accepts exactly the secrets the API takes', async () => {
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const pattern = new RegExp(document.components.schemas.WebhookSettingsRequest.properties.secret.pattern);
    const base64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
    const secrets = [
      ...[23, 24, 25, 26, 32, 63, 64, 65].map((bytes) => `whsec_${base64(bytes)}`),
      ...[23, 24, 25, 26, 63, 64, 65].map((bytes) => `whsec_${base64(bytes).replace(/=+$/, '')}`),
      `whsec_${'A'.repeat(33)}`,
      `whsec_${'A'.repeat(86)}`,
      `whsec_${'A'.repeat(87)}`,
      `whsec_${'A'.repeat(34)}=`,
      `whsec_${'A'.repeat(35)}==`,
    ];

    const disagreements = [];
    for (const secret of secrets) {
      const answer = await admin.put('/settings/webhook', { url: 'https://hooks.example.com/handover', secret });
      if ((answer.status === 200) !== pattern.test(secret)) disagreements.push(`${secret.length - 6} characters: ${answer.status}, pattern ${pattern.test(secret)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('says a body is nullable where the API reads a JSON null as no body', async () => {
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);

    const answer = await admin.request('PATCH', `/members/${workspace.cara.id}`, 'null');

    expect(answer.status).toBe(200);
    const schema = operation('patch', '/members/{id}').requestBody.content['application/json'].schema;
    expect(schema.anyOf).toEqual(expect.arrayContaining([{ type: 'null' }]));
    const required = operation('post', '/members').requestBody.content['application/json'].schema;
    expect(required.anyOf).toBeUndefined();
  });

  it('marks a request body required where an absent body is refused, and not where it is accepted', async () => {
    const required = (method: string, path: string) => operation(method, path).requestBody?.required === true;

    expect(required('post', '/auth/login')).toBe(true);
    expect(required('post', '/handovers')).toBe(true);
    expect(required('post', '/handovers/{id}/rating')).toBe(true);
    expect(required('put', '/settings/handover')).toBe(true);
    expect(required('post', '/handovers/{id}/notes')).toBe(true);
    // An empty request is a whole claim, end or leave.
    expect(required('post', '/handovers/{id}/claim')).toBe(false);
    expect(required('post', '/handovers/{id}/end')).toBe(false);
    const absent = await fetch(`${stack.baseUrl}/api/v1/auth/login`, { method: 'POST' });
    expect(absent.status).toBe(422);
  });

  it('declares every status the routes answer: 400, 403, 404, 409, 413 as they happen', async () => {
    const ended = await endedHandover(stack.db, stack.baseUrl, workspace);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const unknownId = randomUUID();
    const broken = '{"body":';
    const large = JSON.stringify({ body: 'x'.repeat(70_000), clientMessageId: 'big' });
    const cases: [ApiClient, string, string, string, string | undefined][] = [
      [ai, 'POST', '/conversations/{conversationId}/messages', '/conversations/c-1/messages', broken],
      [ai, 'POST', '/conversations/{conversationId}/messages', '/conversations/c-1/messages', large],
      [ai, 'GET', '/conversations/{conversationId}', `/conversations/none-${unknownId}`, undefined],
      [ai, 'GET', '/conversations/{conversationId}/messages', `/conversations/none-${unknownId}/messages`, undefined],
      [ai, 'GET', '/conversations/{conversationId}/messages', '/conversations/c-1/messages?unknown=1', undefined],
      [ai, 'POST', '/conversations/{conversationId}/ai-replies', `/conversations/none-${unknownId}/ai-replies`, JSON.stringify({ body: 'Hi', clientMessageId: 'r', inReplyTo: unknownId })],
      [ai, 'POST', '/handovers', '/handovers', broken],
      [ai, 'POST', '/handovers/{id}/leave', `/handovers/${unknownId}/leave`, '{}'],
      [ai, 'POST', '/handovers/{id}/leave', `/handovers/${ended.handoverId}/leave`, '{}'],
      [ai, 'POST', '/handovers/{id}/rating', `/handovers/${unknownId}/rating`, JSON.stringify({ score: 5 })],
      [ana, 'POST', '/auth/login', '/auth/login', broken],
      [ana, 'POST', '/auth/invitation/accept', '/auth/invitation/accept', JSON.stringify({ token: 'gone', name: 'Ivy', password: 'violet kettle across the harbour' })],
      [ana, 'POST', '/auth/password-reset/complete', '/auth/password-reset/complete', JSON.stringify({ token: 'gone', password: 'violet kettle across the harbour' })],
      [ana, 'POST', '/me/password', '/me/password', JSON.stringify({ currentPassword: 'wrong', newPassword: 'violet kettle across the harbour' })],
      [ana, 'GET', '/handovers', '/handovers?status=nope', undefined],
      [cara, 'GET', '/handovers/{id}', `/handovers/${ended.handoverId}`, undefined],
      [ana, 'GET', '/handovers/{id}', `/handovers/${unknownId}`, undefined],
      [ana, 'GET', '/handovers/{id}/events', `/handovers/${unknownId}/events`, undefined],
      [cara, 'GET', '/handovers/{id}/customer-context', `/handovers/${ended.handoverId}/customer-context`, undefined],
      [ana, 'GET', '/handovers/{id}/customer-context', `/handovers/${unknownId}/customer-context`, undefined],
      [ana, 'POST', '/handovers/{id}/claim', `/handovers/${unknownId}/claim`, '{}'],
      [ana, 'POST', '/handovers/{id}/messages', `/handovers/${unknownId}/messages`, JSON.stringify({ body: 'Hi', clientMessageId: 'a' })],
      [ana, 'POST', '/handovers/{id}/notes', `/handovers/${unknownId}/notes`, JSON.stringify({ body: 'Hi' })],
      [ana, 'POST', '/handovers/{id}/notes', `/handovers/${unknownId}/notes`, broken],
      [ana, 'POST', '/handovers/{id}/transfer', `/handovers/${unknownId}/transfer`, JSON.stringify({ toMemberId: workspace.ben.id })],
      [ana, 'POST', '/handovers/{id}/end', `/handovers/${unknownId}/end`, '{}'],
      [ana, 'PUT', '/settings/handover', '/settings/handover', broken],
      [ana, 'GET', '/webhook-deliveries', '/webhook-deliveries?unknown=1', undefined],
    ];
    const undeclared: string[] = [];
    for (const [client, method, path, url, body] of cases) {
      const answer = await client.request(method, url, body);
      expect(answer.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${url}`).toBeLessThan(500);
      if (!(String(answer.status) in operation(method, path).responses)) undeclared.push(`${method} ${path}: ${answer.status} ${answer.body.error.code}`);
    }
    expect(undeclared).toEqual([]);
  });

  it('declares 400, 413 and 429 with Retry-After on every operation, since every request passes the body parser and the rate limit', () => {
    const missing = operations(document).flatMap(([method, path, operation]) =>
      ['400', '413', '429'].filter((status) => !(status in (operation.responses ?? {}))).map((status) => `${method.toUpperCase()} ${path}: ${status}`),
    );
    expect(missing).toEqual([]);
    expect(operation('get', '/me').responses['429'].headers['Retry-After']).toBeDefined();
  });

  it('answers a method the document does not declare with 405 and an Allow header, in the envelope', async () => {
    const anaCookie = await sessionCookie(stack.baseUrl, workspace.ana);
    const cases: [string, string, ApiClient, string][] = [
      ['TRACE', '/me', ana, 'GET, HEAD'],
      ['PUT', '/me', ana, 'GET, HEAD'],
      ['DELETE', '/handovers', ai, 'GET, HEAD, POST'],
      ['PATCH', '/conversations/c-1/messages', ai, 'GET, HEAD, POST'],
      ['GET', '/handovers/x/claim', ana, 'POST'],
      // A fixed path beside a parameter's (/me/sessions/{id}): its own methods, not the parameter's.
      ['GET', '/me/sessions/revoke-others', ana, 'POST'],
      ['TRACE', '/auth/login', ana, 'POST'],
      ['POST', '/openapi.json', ai, 'GET, HEAD'],
    ];
    const seen = [];
    for (const [method, url, client] of cases) {
      // node:http rather than fetch, which refuses TRACE.
      const answer = await rawRequest(method, `/api/v1${url}`, client === ai ? { authorization: `Bearer ${workspace.apiKey}` } : { cookie: anaCookie, origin: stack.baseUrl });
      seen.push(`${method} ${url}: ${answer.status} ${answer.body?.error?.code} ${answer.allow}`);
    }
    expect(seen).toEqual(cases.map(([method, url, , allow]) => `${method} ${url}: 405 method_not_allowed ${allow}`));

    const options = await fetch(`${stack.baseUrl}/api/v1/handovers`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

/** A request by node:http, which sends any method (fetch refuses TRACE). */
function rawRequest(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; allow: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${stack.baseUrl}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON: the test shows the text.
        }
        resolve({ status: response.statusCode ?? 0, allow: response.headers.allow, body });
      });
    });
    request.on('error', reject);
    request.end();
  });
}
