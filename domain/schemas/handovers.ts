import { z } from './zod.ts';
import { handoverEventTypes, handoverStatuses, memberRoles, outcomes, senders, triggers } from '../handover.ts';
import { notifyAudiences } from '../policy.ts';
import { ClientMessageId, ConversationId, Id, IsoTime, MessageBody, MessageText, requireTextOrAttachments } from './common.ts';
import { Attachment, AttachmentIds } from './attachments.ts';

export const HandoverStatus = z.enum(handoverStatuses);
export const Trigger = z.enum(triggers);
export const Outcome = z.enum(outcomes);

export const Customer = z
  .object({
    id: z.string().max(200).optional(),
    name: z.string().max(200).optional(),
    email: z.string().max(320).optional(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

export const Rating = z.object({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() });

export const Handover = z
  .object({
    id: Id.meta({ description: 'Also names the workflow: workflowId = "handover-" + id' }),
    conversationId: z.string(),
    status: HandoverStatus,
    trigger: Trigger,
    reason: z.string(),
    customer: Customer,
    assignee: z.object({ id: Id, name: z.string() }).nullable(),
    escalationLevel: z.number().int(),
    audience: z.enum(notifyAudiences).meta({
      description:
        'Who has been told of it so far, by the escalation levels reached: the handover members; also the supervisors and admins; or everyone in the workspace, any of whom may then see and take it',
    }),
    queuePosition: z.number().int().nullable().meta({ description: '1-based while pending' }),
    estimatedWaitSeconds: z.number().int().nullable(),
    requestedAt: IsoTime,
    claimedAt: IsoTime.nullable(),
    firstResponseAt: IsoTime.nullable(),
    endedAt: IsoTime.nullable(),
    outcome: Outcome.nullable(),
    aiResumed: z.boolean().nullable(),
    rating: Rating.nullable(),
  })
  .meta({ id: 'Handover' });
export type Handover = z.infer<typeof Handover>;

export const Message = z
  .object({
    id: Id,
    conversationId: z.string(),
    handoverId: Id.nullable(),
    seq: z.number().int().meta({ description: 'Strictly increasing per conversation' }),
    sender: z.enum(senders),
    author: z.object({ id: Id, name: z.string() }).nullable(),
    body: z.string().meta({ description: 'Empty when the message is only its attachments' }),
    attachments: z.array(Attachment).meta({ description: 'Files sent with the message, in the order given' }),
    clientMessageId: z.string().nullable(),
    createdAt: IsoTime,
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const InternalNote = z
  .object({ id: Id, handoverId: Id, author: z.object({ id: Id, name: z.string() }), body: z.string(), createdAt: IsoTime })
  .meta({ id: 'InternalNote' });
export type InternalNote = z.infer<typeof InternalNote>;

export const HandoverEvent = z
  .object({
    id: z.string(),
    type: z.enum(handoverEventTypes),
    at: IsoTime,
    actor: z.object({ id: Id.nullable(), name: z.string() }).nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'HandoverEvent' });
export type HandoverEvent = z.infer<typeof HandoverEvent>;

const TranscriptEntry = z.object({
  role: z.enum(['customer', 'ai']),
  body: MessageBody,
  // An RFC 3339 date-time, as the document has always said; anything else once reached PostgreSQL and failed there.
  // Read as an instant: PostgreSQL refuses some times RFC 3339 allows as text (an offset past 15:59, the year 0).
  at: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional()
    .meta({ description: 'When it was said (RFC 3339)' }),
});

const maxMetadataDepth = 16;

/** How deep a JSON value nests, counting only up to just past the limit (deep input must not cost much). */
function nestingDepth(value: unknown, depth = 0): number {
  if (typeof value !== 'object' || value === null || depth > maxMetadataDepth) return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) deepest = Math.max(deepest, nestingDepth(child, depth + 1));
  return deepest;
}

export const StartHandoverRequest = z
  .object({
    conversationId: ConversationId,
    reason: z.string().trim().min(1).max(500),
    trigger: Trigger,
    customer: Customer.optional(),
    transcript: z.array(TranscriptEntry).max(200).optional(),
    metadata: z
      .record(z.string(), z.unknown())
      .superRefine((value, ctx) => {
        // Depth first: JSON.stringify itself overflows the stack on a few thousand levels.
        if (nestingDepth(value) > maxMetadataDepth) {
          ctx.addIssue({ code: 'custom', message: `metadata must nest at most ${maxMetadataDepth} levels deep` });
        } else if (JSON.stringify(value).length > 8192) {
          ctx.addIssue({ code: 'custom', message: 'metadata must be at most 8 KiB of JSON' });
        }
      })
      .optional(),
  })
  .meta({ id: 'StartHandoverRequest' });
export type StartHandoverRequest = z.infer<typeof StartHandoverRequest>;

export const HandoverResponse = z.object({ handover: Handover }).meta({ id: 'HandoverResponse' });
export type HandoverResponse = z.infer<typeof HandoverResponse>;

export const SessionSummary = z
  .object({
    customer: Customer,
    trigger: Trigger,
    reason: z.string(),
    askedAi: z.array(z.string()).meta({ description: 'What the customer asked the AI before the handover' }),
    waitingSeconds: z.number().int().nullable(),
    inProgressSeconds: z.number().int().nullable(),
    messageCounts: z.object({ customer: z.number().int(), ai: z.number().int(), agent: z.number().int(), system: z.number().int() }),
    escalationLevel: z.number().int(),
    outcome: Outcome.nullable(),
    endNote: z.string().nullable().meta({ description: 'The note the member typed into End Handover' }),
    rating: Rating.nullable(),
  })
  .meta({ id: 'SessionSummary' });
export type SessionSummary = z.infer<typeof SessionSummary>;

export const HandoverDetailResponse = z
  .object({ handover: Handover, messages: z.array(Message), notes: z.array(InternalNote), summary: SessionSummary })
  .meta({ id: 'HandoverDetailResponse' });
export type HandoverDetailResponse = z.infer<typeof HandoverDetailResponse>;

export const HandoverView = z.enum(['mine', 'queue', 'all']);
export type HandoverView = z.infer<typeof HandoverView>;

export const HandoverSort = z.enum(['newest', 'attention']).meta({
  description:
    'newest: by request time, newest first. attention: waiting handovers first (the longest-waiting on top), then yours in progress, then the rest in progress, then closed ones (newest first)',
});
export type HandoverSort = z.infer<typeof HandoverSort>;

// What String.prototype.trim removes, spelled out so the pattern means the same in every regex dialect (\s does not).
const space = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*';
const oneStatus = `${space}(?:${handoverStatuses.join('|')})${space}`;
/** A comma-separated list of statuses, or nothing; the document carries the pattern, so clients know it too. */
const statusList = new RegExp(`^(?:${oneStatus}(?:,${oneStatus})*)?$`);

/**
 * A bound of the requested-time range, as a UTC instant to the microsecond (ISO text compares in time order). A
 * date is the whole UTC day; a date-time is read as an instant first, as PostgreSQL refuses some times RFC 3339
 * allows as text (an offset past 15:59, the year 0).
 */
function RequestedBound(side: 'from' | 'to') {
  return z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .transform((value, ctx) => {
      const instant = new Date(value);
      if (Number.isNaN(instant.getTime()) || instant.getUTCFullYear() < 1 || instant.getUTCFullYear() > 9999) {
        ctx.addIssue({ code: 'custom', message: 'Enter a date and time, like 2026-01-31T09:00:00Z' });
        return z.NEVER;
      }
      if (value.length === 10) return `${value}T${side === 'from' ? '00:00:00.000000' : '23:59:59.999999'}Z`;
      return instant.toISOString().replace('Z', '000Z');
    });
}

export const ListHandoversQuery = z
  .object({
    view: HandoverView.default('mine'),
    sort: HandoverSort.default('newest'),
    status: z
      .string()
      .regex(statusList, `status must be a comma-separated list of ${handoverStatuses.join(', ')}`)
      .optional()
      .transform((value, ctx) => {
        if (!value) return undefined;
        const parts = value.split(',').map((part) => part.trim());
        const parsed = z.array(HandoverStatus).safeParse(parts);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: `status must be a comma-separated list of ${handoverStatuses.join(', ')}` });
          return z.NEVER;
        }
        return parsed.data;
      })
      .meta({ description: 'Comma-separated statuses' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({
        description:
          "Search: words of the reason, the customer's name or email, or any message of the conversation (whole words, any language, no stemming; \"quoted phrases\", OR and -word as in web search); a part of a name or email (3 characters or more); or the exact conversation id. Not only spaces",
      }),
    assigneeId: Id.optional().meta({ description: "Only handovers assigned to this member (the agent who has or had it)" }),
    from: RequestedBound('from').optional().meta({
      description: 'Only handovers requested at or after this time: a date (YYYY-MM-DD, from its start in UTC) or an RFC 3339 date-time, in the year 0001 or later',
    }),
    to: RequestedBound('to').optional().meta({
      description: 'Only handovers requested at or before this time: a date (YYYY-MM-DD, to its end in UTC) or an RFC 3339 date-time; not before `from`, in the year 0001 or later',
    }),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    }
  });
export type ListHandoversQuery = z.infer<typeof ListHandoversQuery>;

export const SearchMatch = z
  .object({
    field: z.enum(['message', 'reason', 'customer', 'conversationId']),
    snippet: z.string().meta({ description: 'Plain text (never HTML): a short excerpt around the match, or the whole field' }),
    highlights: z
      .array(z.object({ start: z.number().int(), length: z.number().int() }))
      .meta({ description: 'The matched parts of the snippet, in UTF-16 code units (JavaScript string indexes)' }),
  })
  .meta({ id: 'SearchMatch' });
export type SearchMatch = z.infer<typeof SearchMatch>;

/** A row of the inbox: the handover, and what the caller needs to see at a glance. */
export const HandoverListItem = Handover.extend({
  lastMessage: z
    .object({ sender: z.enum(senders), body: z.string().meta({ description: 'The first 200 characters' }), at: IsoTime })
    .nullable()
    .meta({ description: "The conversation's latest message" }),
  unreadCount: z
    .number()
    .int()
    .nullable()
    .meta({
      description: "For the assignee while in progress: the customer's messages they have not read yet (see POST /handovers/{id}/read); null otherwise",
    }),
  match: SearchMatch.optional().meta({ description: 'With q: where the search matched this handover' }),
  customerWaitingSince: IsoTime.nullable().meta({
    description: "While in progress: when the customer's oldest message still without an agent's reply was sent; null when nothing awaits a reply",
  }),
}).meta({ id: 'HandoverListItem' });
export type HandoverListItem = z.infer<typeof HandoverListItem>;

export const ListHandoversResponse = z
  .object({ handovers: z.array(HandoverListItem), nextCursor: z.string().nullable() })
  .meta({ id: 'ListHandoversResponse' });
export type ListHandoversResponse = z.infer<typeof ListHandoversResponse>;

export const ClaimHandoverRequest = z.object({}).meta({ id: 'ClaimHandoverRequest' });

export const MarkReadRequest = z
  .object({
    seq: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .meta({ description: "The conversation's last message the member has seen (its seq); a marker only moves forward" }),
  })
  .meta({ id: 'MarkReadRequest' });
export const MarkReadResponse = z.object({ readSeq: z.number().int() }).meta({ id: 'MarkReadResponse' });

export const EndHandoverRequest = z
  .object({ outcome: z.enum(['resolved', 'unresolved']).optional(), note: z.string().trim().max(4000).optional() })
  .meta({ id: 'EndHandoverRequest' });
export type EndHandoverRequest = z.infer<typeof EndHandoverRequest>;

export const SendAgentMessageRequest = z
  .object({ body: MessageText, clientMessageId: ClientMessageId, attachmentIds: AttachmentIds })
  .superRefine(requireTextOrAttachments)
  .meta({ id: 'SendAgentMessageRequest' });
export type SendAgentMessageRequest = z.infer<typeof SendAgentMessageRequest>;

export const AcceptedMessageResponse = z.object({ messageId: Id }).meta({ id: 'AcceptedMessageResponse' });

export const RateHandoverRequest = Rating.meta({ id: 'RateHandoverRequest' });
export type RateHandoverRequest = z.infer<typeof RateHandoverRequest>;

export const LeaveHandoverRequest = z.object({}).meta({ id: 'LeaveHandoverRequest' });

export const HandoverEventsResponse = z.object({ events: z.array(HandoverEvent) }).meta({ id: 'HandoverEventsResponse' });

export const TransferHandoverRequest = z
  .object({ toMemberId: Id.meta({ description: 'An active member selected for handovers, or a supervisor or admin' }) })
  .meta({ id: 'TransferHandoverRequest' });
export type TransferHandoverRequest = z.infer<typeof TransferHandoverRequest>;

export const TransferCandidate = z
  .object({
    id: Id,
    name: z.string(),
    role: z.enum(memberRoles),
    activeHandovers: z.number().int().meta({ description: 'Handovers in progress assigned to them now' }),
    atCapacity: z
      .boolean()
      .meta({ description: 'They hold as many handovers as the limit allows: a transfer to them is refused (at_capacity)' }),
    isAssignee: z.boolean().meta({ description: 'They have this handover now' }),
  })
  .meta({ id: 'TransferCandidate' });
export type TransferCandidate = z.infer<typeof TransferCandidate>;

export const TransferCandidatesResponse = z
  .object({
    maxConcurrentPerAgent: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The handover's limit of handovers in progress per member; null when there is none" }),
    candidates: z.array(TransferCandidate).meta({ description: 'Active members who handle handovers, by name' }),
  })
  .meta({ id: 'TransferCandidatesResponse' });
export type TransferCandidatesResponse = z.infer<typeof TransferCandidatesResponse>;
