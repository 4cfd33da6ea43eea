import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberRoles, triggers } from '../../domain/handover.ts';
import { errorStatus, type ErrorCode } from '../../domain/errors.ts';
import { canonicalTimeZone } from '../../domain/time-zones.ts';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually, type HttpAnswer } from '../support/http.ts';
import {
  claimedHandover,
  endedHandover,
  failedDelivery,
  pendingHandover,
  pendingInvitation,
  pushSubscription,
  pushSubscriptionBody,
  spareApiKey,
  workspaceSnapshot,
} from '../support/scenarios.ts';
import { authHeaders, sessionCookie, type CallerAuth } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Generated bad input for every write endpoint: never a server error, always the contract's envelope with a 4xx
// code, and the workspace exactly as it was. A fixed seed keeps CI deterministic; change it locally to explore.
const seed = 20_251_125;
const numRuns = 30;

let stack: TestStack;

beforeAll(async () => {
  // Limits high enough that hundreds of refused requests (sign-ins among them) are not answered 429.
  stack = await startTestStack({
    rateLimits: { perMinute: 1_000_000, loginFailures: 1_000_000, passwordResetsPerAddress: 1_000_000, passwordResetsPerEmail: 1_000_000 },
  });
});
afterAll(async () => {
  await stack?.stop();
});

// Text that trips up text handling: NUL, lone surrogates, zero-width and direction marks, combining marks,
// emoji sequences, non-characters, escapes.
const oddCharacters = [
  '\u0000', '\uD800', '\uDBFF', '\uDC00', '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\u202E', '\u202D', '\u200F',
  '\u2067', '\u0301', '\u0E47', '👩‍👩‍👧', '🏳️‍🌈', '\uFFFE', '\uFFFF', '\u{10FFFF}', '\u{1D573}', 'ǅ', 'İ', 'ß', '\u0085',
  '\u001B', '"', '\\', '<', '%',
];
const oddCharacter = fc.oneof(fc.constantFrom(...oddCharacters), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const oddText = fc.string({ unit: oddCharacter, maxLength: 12 });

/** Nesting too deep to write as a literal: serialized as text, so the test process never recurses through it. */
class Deep {
  readonly marker = `deep-${randomUUID()}`;
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}

  get text(): string {
    return this.kind === 'array' ? `${'['.repeat(this.depth)}0${']'.repeat(this.depth)}` : `${'{"d":'.repeat(this.depth)}0${'}'.repeat(this.depth)}`;
  }
}
const deepArray = fc.integer({ min: 10, max: 12_000 }).map((depth) => new Deep(depth, 'array'));
const deepObject = fc.integer({ min: 10, max: 9_000 }).map((depth) => new Deep(depth, 'object'));
const deep = fc.oneof(deepArray, deepObject);

function toJsonText(value: unknown): string {
  const deeps: Deep[] = [];
  let text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof Deep)) return item;
    deeps.push(item);
    return item.marker;
  });
  for (const item of deeps) text = text.replace(JSON.stringify(item.marker), item.text);
  return text;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Values a field must refuse, by the field's kind.
const notText = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(oddText, { maxLength: 3 }),
  fc.dictionary(oddText, oddText, { maxKeys: 3 }),
  deep,
);
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u3000', '\u2028', '\uFEFF'), maxLength: 8 });
/** More than `max` characters (zod counts code points) even once trimmed, odd characters inside. */
const tooLong = (max: number) => fc.tuple(fc.integer({ min: max + 1, max: max + 300 }), oddText).map(([length, odd]) => `x${odd}${'x'.repeat(length)}`);
/** A trimmed text field of 1..max characters. */
const badText = (max: number) => fc.oneof(notText, whitespace, tooLong(max));
/** An untrimmed string of min..max characters (passwords, client message ids). */
const badString = (min: number, max: number) =>
  fc.oneof(
    notText,
    tooLong(max),
    ...(min > 0 ? [fc.string({ unit: fc.constantFrom('a', ' ', '\u200B', '\uD800', '\u0000', '\u202E'), maxLength: min - 1 })] : []),
  );
const badId = fc.oneof(notText, fc.constant(''), tooLong(100));
const badEnum = (values: readonly string[]) =>
  fc
    .oneof(
      notText,
      oddText,
      fc.constantFrom(...values).chain((value) =>
        fc.constantFrom(value.toUpperCase(), ` ${value}`, `${value}\u200B`, `\u202E${value}`, `${value}\u0000`, `${value}\u0301`, value.replace('i', 'ı')),
      ),
    )
    .filter((value) => !values.includes(value as string));
const badInteger = (min: number, max: number, nullable = false) =>
  fc.oneof(
    fc.integer({ max: min - 1 }),
    fc.integer({ min: max + 1 }),
    fc.double({ min, max, noInteger: true, noNaN: true }),
    fc.constantFrom(String(min), true, [], {}, `${max}`),
    ...(nullable ? [] : [fc.constant(null)]),
  );
const badBoolean = fc.oneof(fc.constantFrom('true', 'false', 0, 1, null, [], {}, 'yes'), oddText);
/** Not a zone: odd text, names no one knows, a real name spoiled (a space, a zero-width mark, a path). */
const badTimeZone = fc
  .oneof(
    notText,
    whitespace,
    oddText,
    tooLong(64),
    fc.constantFrom('Mars/Olympus_Mons', 'Europe/Pariss', 'Europe/', ' Europe/Paris', 'Europe/Paris\u200B', '../../etc/passwd', '+05:00', 'Local'),
  )
  .filter((value) => typeof value !== 'string' || canonicalTimeZone(value) === null);
const badConversationId = fc.oneof(
  notText,
  whitespace,
  tooLong(200),
  fc.tuple(oddText, fc.constantFrom(' ', '/', '?', '#', '\u3000', '\n'), oddText).map(([before, separator, after]) => `c${before}${separator}${after}c`),
);
const badEmail = fc.oneof(
  notText,
  oddText.filter((text) => !text.includes('@')),
  fc.constantFrom('a@', '@example.com', 'a@b', 'a b@example.com', 'a@@example.com', 'a@example..com', '.a@example.com'),
  tooLong(320),
);
const badUrl = fc.oneof(
  notText,
  oddText.filter((text) => !text.includes(':')),
  fc.constantFrom('ftp://example.com/hooks', 'javascript:alert(1)', 'http://', 'https://', '//example.com/hooks', 'file:///etc/passwd', 'ws://example.com/'),
  tooLong(2000).map((text) => `https://example.com/${text}`),
);
const base64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
const badSecret = fc.oneof(
  notText,
  oddText.filter((text) => !text.startsWith('whsec_')),
  fc.constantFrom('whsec_', `whsec_${base64(10)}`, `whsec_${base64(65)}`, 'whsec_!!!!', `WHSEC_${base64(32)}`, base64(32), `whsec_${base64(32)}\u200B`),
);
const notAnObjectValue = fc.oneof(fc.array(oddText, { maxLength: 3 }), oddText, fc.integer(), fc.constant(null), fc.boolean(), deepArray);
const badCustomer = fc.oneof(
  notAnObjectValue,
  badString(0, 200).map((name) => ({ name })),
  badString(0, 320).map((email) => ({ email })),
  badString(0, 200).map((id) => ({ id })),
);
const badTranscriptEntry = fc.oneof(
  badEnum(['customer', 'ai']).map((role) => ({ role, body: 'Hello' })),
  badText(4000).map((body) => ({ role: 'customer', body })),
  fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.integer())).map((at) => ({ role: 'ai', body: 'Hi', at })),
  notAnObjectValue,
);
const badTranscript = fc.oneof(
  notAnObjectValue.filter((value) => !Array.isArray(value)),
  fc.constant(Array.from({ length: 201 }, () => ({ role: 'customer', body: 'Hello' }))),
  fc.array(badTranscriptEntry, { minLength: 1, maxLength: 3 }),
);
const badMetadata = fc.oneof(
  notAnObjectValue,
  fc.integer({ min: 8_200, max: 20_000 }).map((size) => ({ blob: 'x'.repeat(size) })),
  // Nested deeper than 8 KiB of JSON allows.
  fc.integer({ min: 1_400, max: 9_000 }).map((depth) => ({ nested: new Deep(depth, 'object') })),
);
const validFallback = { afterSeconds: 600, action: 'return_to_ai', customerMessage: 'Our assistant will keep helping you.' };
const badEscalation = fc.oneof(
  notAnObjectValue,
  fc.record({ levels: notAnObjectValue.filter((value) => !Array.isArray(value)), fallback: fc.constant(validFallback) }),
  fc.record({ levels: fc.constant([]), fallback: notAnObjectValue }),
  badInteger(1, 30 * 24 * 3600).map((afterSeconds) => ({ levels: [], fallback: { ...validFallback, afterSeconds } })),
  badEnum(['return_to_ai', 'close']).map((action) => ({ levels: [], fallback: { ...validFallback, action } })),
  badText(1000).map((customerMessage) => ({ levels: [], fallback: { ...validFallback, customerMessage } })),
  badInteger(1, 7 * 24 * 3600).map((afterSeconds) => ({ levels: [{ afterSeconds, notify: 'members' }], fallback: { ...validFallback, afterSeconds: 700_000 } })),
  badEnum(['members', 'supervisors', 'everyone']).map((notify) => ({ levels: [{ afterSeconds: 60, notify }], fallback: validFallback })),
  badText(1000).map((customerMessage) => ({ levels: [{ afterSeconds: 60, notify: 'members', customerMessage }], fallback: validFallback })),
  fc.constant({ levels: [{ afterSeconds: 120, notify: 'members' }, { afterSeconds: 60, notify: 'everyone' }], fallback: validFallback }),
  fc.constant({ levels: [{ afterSeconds: 900, notify: 'members' }], fallback: validFallback }),
  fc.constant({ levels: Array.from({ length: 11 }, (_, index) => ({ afterSeconds: (index + 1) * 10, notify: 'members' })), fallback: validFallback }),
);

/** Keys no schema knows, with odd values; non-strict schemas drop them, strict ones refuse them. */
const noise = fc.array(
  fc.tuple(
    fc.oneof(oddText.map((key) => `~${key}`), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString')),
    fc.oneof(oddText, deep, fc.jsonValue({ maxDepth: 3 })),
  ),
  { maxLength: 3 },
);

function withNoise(payload: Record<string, unknown>, entries: [string, unknown][]): Record<string, unknown> {
  // defineProperty, so that "__proto__" becomes an own key as JSON.parse makes it on the server.
  for (const [key, value] of entries) Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
  return payload;
}

interface World {
  workspace: TestWorkspace;
  auth: { nobody: CallerAuth; apiKey: CallerAuth; ana: CallerAuth; admin: CallerAuth };
}

interface Target {
  /** The request path, with `segment` in place of the path parameter when given. */
  url(segment?: string): string;
}

interface WriteEndpoint {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  caller: keyof World['auth'];
  arrange(world: World): Promise<Target>;
  /** `fields`: a schema with fields; `any-object`: every object is a valid body ({} included); `none`: the body is not read. */
  body: 'fields' | 'any-object' | 'none';
  /** A body the endpoint accepts; the generated ones each break it. */
  valid?(world: World): Record<string, unknown>;
  required?: string[];
  /** For each field, values it must refuse. */
  fields?(world: World): Record<string, fc.Arbitrary<unknown>>;
  /** Optional content the schema accepts, to make the rest of a refused body rich. */
  extras?: fc.Arbitrary<Record<string, unknown>>;
  strict?: boolean;
}

const pending = async (world: World): Promise<Target> => {
  const handover = await pendingHandover(stack.db, stack.baseUrl, world.workspace);
  return { url: (segment = handover.handoverId) => `/handovers/${segment}` };
};
const claimedByAna = async (world: World): Promise<Target> => {
  const handover = await claimedHandover(stack.db, stack.baseUrl, world.workspace, new ApiClient(stack.baseUrl, world.auth.ana));
  return { url: (segment = handover.handoverId) => `/handovers/${segment}` };
};
const at = (path: string): Target => ({ url: () => path });
const below = (target: Target, suffix: string): Target => ({ url: (segment) => `${target.url(segment)}${suffix}` });
const message = { body: 'Hello, I need help', clientMessageId: 'm-1' };
const messageFields = () => ({ body: badText(4000), clientMessageId: badString(1, 200) });

const endpoints: WriteEndpoint[] = [
  {
    method: 'POST',
    path: '/handovers',
    caller: 'apiKey',
    arrange: async () => at('/handovers'),
    body: 'fields',
    valid: () => ({ conversationId: `conv-${randomUUID()}`, reason: 'Customer asks for a refund', trigger: 'user_request' }),
    required: ['conversationId', 'reason', 'trigger'],
    fields: () => ({
      conversationId: badConversationId,
      reason: badText(500),
      trigger: badEnum(triggers),
      customer: badCustomer,
      transcript: badTranscript,
      metadata: badMetadata,
    }),
    // Well-formed but odd content the schema accepts, deep metadata included.
    extras: fc.record(
      {
        customer: fc.record({ name: oddText, email: oddText }, { requiredKeys: [] }),
        transcript: fc.array(fc.record({ role: fc.constantFrom('customer', 'ai'), body: oddText.map((text) => `x${text}x`) }), { maxLength: 3 }),
        metadata: fc.dictionary(oddText, fc.oneof(oddText, deep), { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  {
    method: 'POST',
    path: '/conversations/:conversationId/messages',
    caller: 'apiKey',
    arrange: async () => {
      const conversationId = `conv-${randomUUID()}`;
      return { url: (segment = conversationId) => `/conversations/${segment}/messages` };
    },
    body: 'fields',
    valid: () => message,
    required: ['body', 'clientMessageId'],
    fields: messageFields,
  },
  {
    method: 'POST',
    path: '/conversations/:conversationId/ai-replies',
    caller: 'apiKey',
    arrange: async (world) => {
      const conversationId = `conv-${randomUUID()}`;
      await new ApiClient(stack.baseUrl, world.auth.apiKey).post(`/conversations/${conversationId}/messages`, message);
      return { url: (segment = conversationId) => `/conversations/${segment}/ai-replies` };
    },
    body: 'fields',
    valid: () => ({ body: 'We open at nine', clientMessageId: 'r-1', inReplyTo: randomUUID() }),
    required: ['body', 'clientMessageId', 'inReplyTo'],
    fields: () => ({ ...messageFields(), inReplyTo: badId }),
  },
  {
    method: 'POST',
    path: '/conversations/:conversationId/typing',
    caller: 'apiKey',
    arrange: async (world) => {
      const { conversationId } = await pendingHandover(stack.db, stack.baseUrl, world.workspace);
      return { url: (segment = conversationId) => `/conversations/${segment}/typing` };
    },
    body: 'fields',
    valid: () => ({ typing: true }),
    required: ['typing'],
    fields: () => ({ typing: badBoolean }),
  },
  { method: 'POST', path: '/handovers/:id/leave', caller: 'apiKey', arrange: async (world) => below(await pending(world), '/leave'), body: 'any-object' },
  {
    method: 'POST',
    path: '/handovers/:id/rating',
    caller: 'apiKey',
    arrange: async (world) => {
      const handover = await endedHandover(stack.db, stack.baseUrl, world.workspace);
      return { url: (segment = handover.handoverId) => `/handovers/${segment}/rating` };
    },
    body: 'fields',
    valid: () => ({ score: 5, comment: 'Thanks' }),
    required: ['score'],
    fields: () => ({ score: badInteger(1, 5), comment: fc.oneof(notText, tooLong(2000)) }),
  },
  {
    method: 'POST',
    path: '/auth/login',
    caller: 'nobody',
    arrange: async () => at('/auth/login'),
    body: 'fields',
    valid: (world) => ({ email: world.workspace.ana.email, password: testPassword }),
    required: ['email', 'password'],
    fields: () => ({ email: badEmail, password: fc.oneof(notText, fc.constant(''), tooLong(200)) }),
  },
  {
    method: 'POST',
    path: '/auth/login/two-factor',
    caller: 'nobody',
    arrange: async () => at('/auth/login/two-factor'),
    body: 'fields',
    valid: () => ({ code: '123456' }),
    required: ['code'],
    fields: () => ({ code: fc.oneof(notText, whitespace, tooLong(40), fc.constantFrom('12345', ' 1234 ', '')) }),
  },
  { method: 'POST', path: '/auth/logout', caller: 'ana', arrange: async () => at('/auth/logout'), body: 'any-object' },
  { method: 'POST', path: '/handovers/:id/claim', caller: 'ana', arrange: async (world) => below(await pending(world), '/claim'), body: 'any-object' },
  {
    method: 'POST',
    path: '/handovers/:id/messages',
    caller: 'ana',
    arrange: async (world) => below(await claimedByAna(world), '/messages'),
    body: 'fields',
    valid: () => message,
    required: ['body', 'clientMessageId'],
    fields: messageFields,
  },
  {
    method: 'POST',
    path: '/handovers/:id/typing',
    caller: 'ana',
    arrange: async (world) => below(await claimedByAna(world), '/typing'),
    body: 'fields',
    valid: () => ({ typing: true }),
    required: ['typing'],
    fields: () => ({ typing: badBoolean }),
  },
  {
    method: 'POST',
    path: '/handovers/:id/notes',
    caller: 'ana',
    arrange: async (world) => below(await pending(world), '/notes'),
    body: 'fields',
    valid: () => ({ body: 'VIP customer' }),
    required: ['body'],
    fields: () => ({ body: badText(4000) }),
  },
  {
    method: 'POST',
    path: '/handovers/:id/transfer',
    caller: 'ana',
    arrange: async (world) => below(await claimedByAna(world), '/transfer'),
    body: 'fields',
    valid: (world) => ({ toMemberId: world.workspace.ben.id }),
    required: ['toMemberId'],
    // Cara is not selected for handovers; a random id is nobody.
    fields: (world) => ({ toMemberId: fc.oneof(badId, fc.uuid(), fc.constant(world.workspace.cara.id)) }),
  },
  {
    method: 'POST',
    path: '/handovers/:id/end',
    caller: 'ana',
    arrange: async (world) => below(await claimedByAna(world), '/end'),
    body: 'fields',
    valid: () => ({ outcome: 'resolved', note: 'Refund issued' }),
    required: [],
    fields: () => ({ outcome: badEnum(['resolved', 'unresolved']), note: fc.oneof(notText, tooLong(4000)) }),
  },
  {
    method: 'PUT',
    path: '/settings/handover',
    caller: 'admin',
    arrange: async () => at('/settings/handover'),
    body: 'fields',
    valid: (world) => ({
      enabled: true,
      memberIds: [world.workspace.ana.id, world.workspace.ben.id],
      returnToAi: true,
      maxConcurrentPerAgent: null,
      assigneeResponseSeconds: null,
      escalation: { levels: [{ afterSeconds: 120, notify: 'everyone' }], fallback: validFallback },
    }),
    required: ['enabled', 'memberIds', 'returnToAi', 'maxConcurrentPerAgent', 'assigneeResponseSeconds', 'escalation'],
    fields: () => ({
      enabled: badBoolean,
      // Malformed ids, too many, or members of no workspace of ours.
      memberIds: fc.oneof(
        notAnObjectValue.filter((value) => !Array.isArray(value)),
        fc.array(badId, { minLength: 1, maxLength: 3 }),
        fc.array(fc.uuid(), { minLength: 1, maxLength: 3 }),
        fc.constant(Array.from({ length: 501 }, () => randomUUID())),
      ),
      returnToAi: badBoolean,
      maxConcurrentPerAgent: badInteger(1, 100, true),
      assigneeResponseSeconds: badInteger(1, 24 * 3600, true),
      customerSilenceSeconds: badInteger(1, 7 * 24 * 3600, true),
      escalation: badEscalation,
    }),
  },
  {
    method: 'POST',
    path: '/members',
    caller: 'admin',
    arrange: async () => at('/members'),
    body: 'fields',
    valid: () => ({ email: `dana-${randomUUID().slice(0, 8)}@test.test`, name: 'Dana Park', role: 'agent', password: 'a-long-first-password' }),
    // Without a password it is an invitation: the password is optional, and refused when bad.
    required: ['email', 'name', 'role'],
    fields: () => ({ email: badEmail, name: badText(200), role: badEnum(memberRoles), password: badString(12, 200) }),
  },
  {
    method: 'POST',
    path: '/invitations/:id/resend',
    caller: 'admin',
    arrange: async (world) => {
      const invitation = await pendingInvitation(stack.db, world.workspace);
      return { url: (segment = invitation.id) => `/invitations/${segment}/resend` };
    },
    body: 'any-object',
  },
  {
    method: 'DELETE',
    path: '/invitations/:id',
    caller: 'admin',
    arrange: async (world) => {
      const invitation = await pendingInvitation(stack.db, world.workspace);
      return { url: (segment = invitation.id) => `/invitations/${segment}` };
    },
    body: 'none',
  },
  {
    method: 'POST',
    path: '/auth/invitation',
    caller: 'nobody',
    arrange: async () => at('/auth/invitation'),
    body: 'fields',
    valid: () => ({ token: 'not-a-token' }),
    required: ['token'],
    fields: () => ({ token: badString(1, 200) }),
  },
  {
    method: 'POST',
    path: '/auth/invitation/accept',
    caller: 'nobody',
    arrange: async () => at('/auth/invitation/accept'),
    body: 'fields',
    valid: () => ({ token: 'not-a-token', name: 'Ivy Park', password: 'violet kettle across the harbour' }),
    required: ['token', 'name', 'password'],
    fields: () => ({ token: badString(1, 200), name: badText(200), password: badString(12, 200) }),
  },
  {
    method: 'POST',
    path: '/auth/password-reset',
    caller: 'nobody',
    arrange: async () => at('/auth/password-reset'),
    body: 'fields',
    valid: (world) => ({ email: world.workspace.ana.email }),
    required: ['email'],
    fields: () => ({ email: badEmail }),
  },
  {
    method: 'POST',
    path: '/auth/password-reset/complete',
    caller: 'nobody',
    arrange: async () => at('/auth/password-reset/complete'),
    body: 'fields',
    valid: () => ({ token: 'not-a-token', password: 'violet kettle across the harbour' }),
    required: ['token', 'password'],
    fields: () => ({ token: badString(1, 200), password: badString(12, 200) }),
  },
  {
    method: 'POST',
    path: '/me/password',
    caller: 'ana',
    arrange: async () => at('/me/password'),
    body: 'fields',
    valid: () => ({ currentPassword: testPassword, newPassword: 'violet kettle across the harbour' }),
    required: ['currentPassword', 'newPassword'],
    fields: () => ({ currentPassword: badString(1, 200), newPassword: badString(12, 200) }),
  },
  {
    method: 'PATCH',
    path: '/members/:id',
    caller: 'admin',
    arrange: async (world) => ({ url: (segment = world.workspace.cara.id) => `/members/${segment}` }),
    body: 'fields',
    valid: () => ({ name: 'Cara Diaz-Lee', role: 'supervisor', active: false }),
    required: [],
    fields: () => ({ name: badText(200), role: badEnum(memberRoles), active: badBoolean }),
    strict: true,
  },
  {
    method: 'POST',
    path: '/api-keys',
    caller: 'admin',
    arrange: async () => at('/api-keys'),
    body: 'fields',
    valid: () => ({ name: 'Support bot' }),
    required: ['name'],
    fields: () => ({ name: badText(100) }),
  },
  {
    method: 'DELETE',
    path: '/api-keys/:id',
    caller: 'admin',
    arrange: async (world) => {
      const keyId = await spareApiKey(stack.db, world.workspace.id);
      return { url: (segment = keyId) => `/api-keys/${segment}` };
    },
    body: 'none',
  },
  {
    method: 'PUT',
    path: '/settings/webhook',
    caller: 'admin',
    arrange: async () => at('/settings/webhook'),
    body: 'fields',
    valid: () => ({ url: 'https://hooks.example.com/handover', secret: `whsec_${base64(32)}` }),
    required: ['url'],
    fields: () => ({ url: badUrl, secret: badSecret }),
  },
  {
    method: 'POST',
    path: '/webhook-deliveries/:id/retry',
    caller: 'admin',
    arrange: async (world) => {
      const deliveryId = await failedDelivery(stack.db, world.workspace.id);
      return { url: (segment = deliveryId) => `/webhook-deliveries/${segment}/retry` };
    },
    body: 'any-object',
  },
  {
    method: 'PUT',
    path: '/me/notifications',
    caller: 'ana',
    arrange: async () => at('/me/notifications'),
    body: 'fields',
    valid: () => ({ email: true }),
    required: ['email'],
    fields: () => ({ email: badBoolean }),
    strict: true,
  },
  {
    method: 'POST',
    path: '/me/push-subscriptions',
    caller: 'ana',
    arrange: async () => at('/me/push-subscriptions'),
    body: 'fields',
    valid: () => pushSubscriptionBody('ana'),
    required: ['endpoint', 'keys'],
    fields: () => {
      const good = pushSubscriptionBody('ana').keys;
      // Not base64url, or not the sizes a browser gives (a 65-byte P-256 point, a 16-byte secret).
      const badKey = fc.oneof(notText, fc.constantFrom('', 'not base64!', base64(65), Buffer.alloc(64, 4).toString('base64url'), Buffer.alloc(65, 3).toString('base64url')));
      return {
        endpoint: badUrl,
        expirationTime: fc.oneof(fc.constantFrom('soon', true, [], {})),
        keys: fc.oneof(
          notAnObjectValue,
          badKey.map((p256dh) => ({ ...good, p256dh })),
          fc.oneof(notText, fc.constantFrom('', Buffer.alloc(15, 1).toString('base64url'), Buffer.alloc(32, 1).toString('base64url'))).map((auth) => ({ ...good, auth })),
        ),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/me/push-subscriptions/:id',
    caller: 'ana',
    arrange: async (world) => {
      const id = await pushSubscription(stack.db, world.workspace.id, world.workspace.ana.id);
      return { url: (segment = id) => `/me/push-subscriptions/${segment}` };
    },
    body: 'none',
  },
  { method: 'POST', path: '/me/sessions/revoke-others', caller: 'ana', arrange: async () => at('/me/sessions/revoke-others'), body: 'any-object' },
  {
    method: 'DELETE',
    path: '/me/sessions/:id',
    caller: 'ana',
    arrange: async (world) => {
      await sessionCookie(stack.baseUrl, world.workspace.ana);
      const newest = await stack.db.selectFrom('sessions').select('id').where('member_id', '=', world.workspace.ana.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      return { url: (segment = newest.id) => `/me/sessions/${segment}` };
    },
    body: 'none',
  },
  { method: 'POST', path: '/me/two-factor', caller: 'ana', arrange: async () => at('/me/two-factor'), body: 'any-object' },
  {
    method: 'POST',
    path: '/me/two-factor/confirm',
    caller: 'ana',
    arrange: async (world) => {
      await new ApiClient(stack.baseUrl, world.auth.ana).post('/me/two-factor');
      return at('/me/two-factor/confirm');
    },
    body: 'fields',
    valid: () => ({ code: '123 456' }),
    required: ['code'],
    fields: () => ({ code: fc.oneof(notText, whitespace, tooLong(20), fc.constantFrom('12345', '1234567', 'abcdef', '12 34 56', '\u0661\u0662\u0663\u0664\u0665\u0666')) }),
  },
  {
    method: 'POST',
    path: '/me/two-factor/disable',
    caller: 'ana',
    arrange: async () => at('/me/two-factor/disable'),
    body: 'fields',
    valid: () => ({ password: testPassword, code: '123456' }),
    required: ['password', 'code'],
    fields: () => ({ password: fc.oneof(notText, fc.constant(''), tooLong(200)), code: fc.oneof(notText, whitespace, tooLong(40), fc.constantFrom('12345', ' abc ')) }),
  },
  {
    method: 'PUT',
    path: '/settings/security',
    caller: 'admin',
    arrange: async () => at('/settings/security'),
    body: 'fields',
    valid: () => ({ requireTwoFactor: false }),
    required: ['requireTwoFactor'],
    fields: () => ({ requireTwoFactor: badBoolean }),
    strict: true,
  },
  {
    method: 'PUT',
    path: '/settings/workspace',
    caller: 'admin',
    arrange: async () => at('/settings/workspace'),
    body: 'fields',
    valid: () => ({ name: 'Acme Support', timeZone: 'Europe/Paris' }),
    fields: () => ({ name: badText(100), timeZone: badTimeZone }),
    strict: true,
  },
  {
    method: 'PUT',
    path: '/settings/slack',
    caller: 'admin',
    arrange: async () => at('/settings/slack'),
    body: 'fields',
    valid: () => ({ url: 'https://hooks.slack.com/services/T0/B0/secret' }),
    required: ['url'],
    // null is valid here: it turns Slack off.
    fields: () => ({ url: badUrl.filter((value) => value !== null) }),
    strict: true,
  },
];

/** One generated request and what it must get. */
type Case =
  | { kind: 'json'; payload: unknown; named: string[] }
  | { kind: 'text'; text: string; contentType: string | null; encoding?: string; expect: 'invalid_json' | 'payload_too_large' | 'unreadable' | 'validation_failed' }
  | { kind: 'path'; segment: string };

const brokenJson = fc
  .oneof(
    fc.constantFrom('{', '{"name":', "{'name': 'x'}", '{"a":1,}', '[1,2', 'NaN', 'undefined', '{"a":"\\x"}', '{"a":1}}', 'tru', '"open', '{"a":01}', '{a:1}', '\u0000', '{"a":"\u0001"}', '<xml/>', '// c\n{}', '{"a":1}\n{"b":2}'),
    fc.string({ unit: oddCharacter, minLength: 1, maxLength: 20 }),
  )
  // A leading byte-order mark is dropped by the server, as it should be; blank bodies count as no body.
  .filter((text) => !text.startsWith('\uFEFF') && text.trim() !== '' && !parses(text));

/** Path segments a router can choke on: broken percent-encoding, NUL, dots, odd text, overlong ids. */
const pathSegment = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '%00', '%2F', '%2e%2e', 'a%20b', '%uD800', '%%', '%0A'),
  oddText.map((text) => Array.from(text, (character) => (/[\uD800-\uDFFF]/.test(character) ? '%ED%A0%80' : encodeURIComponent(character))).join('')),
  fc.integer({ min: 101, max: 3_000 }).map((length) => 'x'.repeat(length)),
  fc.uuid(),
);

function casesFor(endpoint: WriteEndpoint, world: World, target: Target): fc.Arbitrary<Case> {
  const valid = endpoint.valid?.(world) ?? {};
  const fields = endpoint.fields?.(world) ?? {};
  const required = endpoint.required ?? [];
  const extras = endpoint.extras ?? fc.constant({});
  const acceptsEmpty = endpoint.body !== 'fields' || required.length === 0;
  const options: fc.Arbitrary<Case>[] = [
    brokenJson.map((text): Case => ({ kind: 'text', text, contentType: 'application/json', expect: 'invalid_json' })),
    fc
      .tuple(fc.integer({ min: 65_600, max: 90_000 }), oddText, fc.boolean())
      .map(([size, odd, json]): Case => ({
        kind: 'text',
        text: json ? JSON.stringify({ ...valid, padding: `${odd}${'x'.repeat(size)}` }) : `${odd}${'x'.repeat(size)}`,
        contentType: 'application/json',
        expect: 'payload_too_large',
      })),
    fc
      .constantFrom<[string, string | undefined]>(
        ['application/json; charset=latin1', undefined],
        ['application/json; charset=utf-16', undefined],
        ['application/json', 'gzip'],
        ['application/json', 'br'],
        ['application/json', 'compress'],
      )
      .map(([contentType, encoding]): Case => ({ kind: 'text', text: JSON.stringify(valid), contentType, ...(encoding ? { encoding } : {}), expect: 'unreadable' })),
  ];
  if (endpoint.body !== 'none') {
    const notAnObject = fc.oneof(
      fc.array(fc.oneof(oddText, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      oddText,
      deepArray,
    );
    options.push(notAnObject.map((payload): Case => ({ kind: 'json', payload, named: [''] })));
    // A JSON null is read as no body: refused for its missing fields where an empty body is not enough.
    if (!acceptsEmpty) options.push(fc.constant<Case>({ kind: 'json', payload: null, named: required }));
  }
  const names = Object.keys(fields);
  if (names.length > 0) {
    options.push(
      fc
        .constantFrom(...names)
        .chain((field) => fc.tuple(fc.constant(field), fields[field] as fc.Arbitrary<unknown>, noise, extras))
        .map(([field, value, entries, extra]): Case => ({ kind: 'json', payload: withNoise({ ...valid, ...extra, [field]: value }, entries), named: [field] })),
    );
  }
  if (required.length > 0) {
    options.push(
      fc.tuple(fc.subarray(required, { minLength: 1 }), noise, extras).map(([missing, entries, extra]): Case => {
        const payload: Record<string, unknown> = { ...valid, ...extra };
        for (const key of missing) delete payload[key];
        return { kind: 'json', payload: withNoise(payload, entries), named: missing };
      }),
    );
  }
  if (endpoint.strict) {
    const unknownKeys = fc.array(fc.tuple(oddText.map((key) => `~${key}`), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 });
    options.push(unknownKeys.map((entries): Case => ({ kind: 'json', payload: withNoise({ ...valid }, entries), named: [''] })));
  }
  if (!acceptsEmpty) {
    // A JSON body not labelled as JSON is not read: the fields are missing.
    const contentTypes = ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/vnd.api+json', 'application/octet-stream', null];
    options.push(fc.constantFrom(...contentTypes).map((contentType): Case => ({ kind: 'text', text: JSON.stringify(valid), contentType, expect: 'validation_failed' })));
  }
  if (target.url('SEGMENT').includes('SEGMENT')) options.push(pathSegment.map((segment): Case => ({ kind: 'path', segment })));
  return fc.oneof(...options);
}

async function send(endpoint: WriteEndpoint, world: World, target: Target, request: Case): Promise<HttpAnswer> {
  const headers: Record<string, string> = authHeaders(stack.baseUrl, world.auth[endpoint.caller]);
  let url = target.url();
  let body: string | Uint8Array;
  if (request.kind === 'json') {
    body = toJsonText(request.payload);
    headers['content-type'] = 'application/json';
  } else if (request.kind === 'path') {
    url = target.url(request.segment);
    body = '[]';
    headers['content-type'] = 'application/json';
  } else {
    // Bytes, so that fetch adds no content type of its own when the case sends none.
    body = new TextEncoder().encode(request.text);
    if (request.contentType) headers['content-type'] = request.contentType;
    if (request.encoding) headers['content-encoding'] = request.encoding;
  }
  const response = await fetch(`${stack.baseUrl}/api/v1${url}`, { method: endpoint.method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the envelope check shows the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const refusals = [400, 401, 403, 404, 409, 413, 422];
const libraryWording = /Too (small|big)|Invalid (input|option|string|email|URL|UUID)|expected|received|[<>]=/;

/** The request for a failure message: deep nesting shown by its depth. */
function describeCase(request: Case): string {
  if (request.kind === 'json') {
    const shown = JSON.stringify(request.payload, (_key, item: unknown) => (item instanceof Deep ? `<${item.kind} nested ${item.depth} deep>` : item));
    return `JSON ${shown.slice(0, 400)}`;
  }
  if (request.kind === 'path') return `path segment ${request.segment.slice(0, 200)}`;
  return `${request.contentType ?? 'no content type'}${request.encoding ? ` (${request.encoding})` : ''}: ${request.text.slice(0, 200)}`;
}

function expectRefusal(answer: HttpAnswer, request: Case): void {
  const label = `${describeCase(request)} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`;
  expect(refusals, label).toContain(answer.status);
  expect(answer.body, label).toEqual({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object) } });
  const { code, details } = answer.body.error as { code: ErrorCode; details: { issues?: { path: unknown[]; message: string }[] } };
  expect(errorStatus[code], label).toBe(answer.status);
  if (code === 'validation_failed') {
    expect(details.issues, label).toEqual(expect.arrayContaining([{ path: expect.any(Array), message: expect.any(String), code: expect.any(String) }]));
    // Shown to people beside the field: in words, not the validation library's ("Too small: expected number to be >=1").
    for (const issue of details.issues ?? []) expect(issue.message, label).not.toMatch(libraryWording);
  }
  if (request.kind === 'json' && Buffer.byteLength(toJsonText(request.payload)) > 64 * 1024) {
    expect(code, label).toBe('payload_too_large');
  } else if (request.kind === 'json') {
    expect(code, label).toBe('validation_failed');
    const named = (details.issues ?? []).map((issue) => (issue.path.length === 0 ? '' : String(issue.path[0])));
    expect(named.some((name) => request.named.includes(name)), `${label}: an issue should name ${request.named.join(' or ') || 'the body'}`).toBe(true);
  }
  if (request.kind === 'text') {
    if (request.expect === 'unreadable') expect(answer.status, label).toBe(400);
    else expect(code, label).toBe(request.expect);
  }
}

async function arrangeWorld(): Promise<World> {
  const workspace = await createWorkspace(stack.db);
  const [ana, admin] = await Promise.all([sessionCookie(stack.baseUrl, workspace.ana), sessionCookie(stack.baseUrl, workspace.admin)]);
  return { workspace, auth: { nobody: {}, apiKey: { apiKey: workspace.apiKey }, ana: { cookie: ana }, admin: { cookie: admin } } };
}

describe('bad input to every write endpoint', () => {
  for (const endpoint of endpoints) {
    it(`${endpoint.method} ${endpoint.path} refuses generated bad input in the envelope and changes nothing`, async () => {
      const world = await arrangeWorld();
      const target = await endpoint.arrange(world);

      await fc.assert(
        fc.asyncProperty(casesFor(endpoint, world, target), async (request) => {
          const before = await workspaceSnapshot(stack.db, world.workspace.id);
          const answer = await send(endpoint, world, target, request);
          const after = await workspaceSnapshot(stack.db, world.workspace.id);
          expectRefusal(answer, request);
          expect(after, `${describeCase(request)} changed the workspace`).toEqual(before);
        }),
        { numRuns, seed },
      );
    });
  }
});

describe('paths that are not valid percent-encoding', () => {
  it('answer 400 or 404 in the envelope on every endpoint with an id in its path, never a server error', async () => {
    const world = await arrangeWorld();
    const broken = '%E0%A4%A';
    const requests: [string, string, keyof World['auth']][] = [
      ['POST', `/conversations/${broken}/messages`, 'apiKey'],
      ['GET', `/conversations/${broken}`, 'apiKey'],
      ['GET', `/conversations/${broken}/messages`, 'apiKey'],
      ['POST', `/conversations/${broken}/ai-replies`, 'apiKey'],
      ['POST', `/handovers/${broken}/leave`, 'apiKey'],
      ['POST', `/handovers/${broken}/rating`, 'apiKey'],
      ['GET', `/handovers/${broken}`, 'ana'],
      ['GET', `/handovers/${broken}/events`, 'ana'],
      ['GET', `/handovers/${broken}/workflow`, 'admin'],
      ...(['claim', 'messages', 'notes', 'transfer', 'end'] as const).map((action): [string, string, keyof World['auth']] => ['POST', `/handovers/${broken}/${action}`, 'ana']),
      ['PATCH', `/members/${broken}`, 'admin'],
      ['POST', `/invitations/${broken}/resend`, 'admin'],
      ['DELETE', `/invitations/${broken}`, 'admin'],
      ['DELETE', `/api-keys/${broken}`, 'admin'],
      ['DELETE', `/me/sessions/${broken}`, 'ana'],
      ['POST', `/webhook-deliveries/${broken}/retry`, 'admin'],
    ];
    const seen: Record<string, string> = {};
    for (const [method, path, caller] of requests) {
      const answer = await new ApiClient(stack.baseUrl, world.auth[caller]).request(method, path, method === 'GET' ? undefined : '{}');
      seen[`${method} ${path}`] = `${answer.status} ${answer.body?.error?.code}`;
    }
    const refused = Object.fromEntries(Object.entries(seen).map(([request, answer]) => [request, /^(400 invalid_request|404 not_found)$/.test(answer) ? 'refused' : answer]));
    expect(refused).toEqual(Object.fromEntries(Object.keys(seen).map((request) => [request, 'refused'])));
  });
});

// Well-formed requests carrying odd text: whatever the API accepts it must keep as sent (lone surrogates aside,
// which UTF-8 cannot carry), and what it cannot keep (NUL, which PostgreSQL text cannot hold; a lone surrogate in
// a JSON column) it must refuse with a 4xx, never a server error. Framed by letters, so trimming changes nothing.
const anyOddText = fc.string({ unit: oddCharacter, minLength: 1, maxLength: 16 }).map((text) => `a${text}z`);

interface TextEndpoint {
  name: string;
  send(world: World, text: string): Promise<{ answer: HttpAnswer; stored?: () => Promise<string> }>;
}

const textEndpoints: TextEndpoint[] = [
  {
    name: 'POST /conversations/:conversationId/messages (body)',
    send: async (world, text) => {
      const conversationId = `conv-${randomUUID()}`;
      const ai = new ApiClient(stack.baseUrl, world.auth.apiKey);
      const answer = await ai.post(`/conversations/${conversationId}/messages`, { body: text, clientMessageId: 'odd-1' });
      return { answer, stored: async () => (await ai.get(`/conversations/${conversationId}/messages`)).body.messages[0].body };
    },
  },
  {
    name: 'POST /handovers (reason and customer name)',
    send: async (world, text) => {
      const answer = await new ApiClient(stack.baseUrl, world.auth.apiKey).post('/handovers', {
        conversationId: `conv-${randomUUID()}`,
        reason: text,
        trigger: 'other',
        customer: { name: text },
      });
      return { answer, stored: async () => `${answer.body.handover.reason}|${answer.body.handover.customer.name}` };
    },
  },
  {
    name: 'POST /handovers/:id/notes (body)',
    send: async (world, text) => {
      const handover = await stack.db.selectFrom('handovers').select('id').where('workspace_id', '=', world.workspace.id).executeTakeFirstOrThrow();
      const answer = await new ApiClient(stack.baseUrl, world.auth.ana).post(`/handovers/${handover.id}/notes`, { body: text });
      return { answer, stored: async () => answer.body.note.body };
    },
  },
  {
    name: 'POST /api-keys (name)',
    send: async (world, text) => {
      const answer = await new ApiClient(stack.baseUrl, world.auth.admin).post('/api-keys', { name: text });
      return { answer, stored: async () => answer.body.apiKey.name };
    },
  },
  {
    name: 'PATCH /members/:id (name)',
    send: async (world, text) => {
      const answer = await new ApiClient(stack.baseUrl, world.auth.admin).request('PATCH', `/members/${world.workspace.cara.id}`, JSON.stringify({ name: text }));
      return { answer, stored: async () => answer.body.member.name };
    },
  },
];

describe('odd but well-formed text', () => {
  for (const endpoint of textEndpoints) {
    it(`${endpoint.name} keeps it as sent or refuses it with a 4xx, never a server error`, async () => {
      const world = await arrangeWorld();
      await pendingHandover(stack.db, stack.baseUrl, world.workspace);
      await fc.assert(
        fc.asyncProperty(anyOddText, async (text) => {
          const { answer, stored } = await endpoint.send(world, text);
          const label = `${JSON.stringify(text)} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
          expect(answer.status, label).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.body, label).toEqual({ error: { code: 'validation_failed', message: expect.any(String), details: { issues: expect.any(Array) } } });
            return;
          }
          // Lone surrogates cannot be stored as UTF-8; only well-formed text must come back unchanged.
          if (!/\p{Cs}/u.test(text) && stored) {
            const expected = endpoint.name.startsWith('POST /handovers (') ? `${text}|${text}` : text;
            expect(await stored(), label).toBe(expected);
          }
        }),
        { numRuns, seed },
      );
    });
  }

  it('refuses an agent message with a NUL character, or delivers it and the messages after it', async () => {
    const world = await arrangeWorld();
    const ana = new ApiClient(stack.baseUrl, world.auth.ana);
    const ai = new ApiClient(stack.baseUrl, world.auth.apiKey);
    const handover = await claimedHandover(stack.db, stack.baseUrl, world.workspace, ana);

    const odd = await ana.post(`/handovers/${handover.handoverId}/messages`, { body: 'Refund\u0000 issued', clientMessageId: 'a-1' });
    const after = await ana.post(`/handovers/${handover.handoverId}/messages`, { body: 'Anything else?', clientMessageId: 'a-2' });

    expect(odd.status < 500, `answered ${odd.status}`).toBe(true);
    expect(after.status).toBe(202);
    const expected = odd.status === 202 ? 2 : 1;
    const bodies = await eventually(async () => {
      const { body } = await ai.get(`/conversations/${handover.conversationId}/messages`);
      const agent = body.messages.filter((entry: { sender: string }) => entry.sender === 'agent');
      return agent.length === expected ? agent.map((entry: { body: string }) => entry.body) : undefined;
    }, `${expected} agent messages in the transcript`, 8_000);
    expect(bodies.at(-1)).toBe('Anything else?');
  });
});
