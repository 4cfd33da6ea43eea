import { z } from './zod.ts';
import { Handover } from './handovers.ts';

/** One of the customer's earlier handovers, as the conversation's side panel lists it. */
export const EarlierHandover = Handover.pick({
  id: true,
  conversationId: true,
  status: true,
  requestedAt: true,
  endedAt: true,
  outcome: true,
  rating: true,
  assignee: true,
})
  .extend({ endNote: z.string().nullable().meta({ description: 'The note the member typed into End Handover' }) })
  .meta({ id: 'EarlierHandover' });
export type EarlierHandover = z.infer<typeof EarlierHandover>;

export const CustomerContextQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(50).default(10) })
  .strict();

export const CustomerContextResponse = z
  .object({
    metadata: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The attributes the AI service sent with the handover request, as it sent them' }),
    earlierHandovers: z.array(EarlierHandover).meta({
      description:
        "The customer's handovers requested before this one, newest first: of the same conversation, or with the same customer email (case-insensitive). For a member not on the handover team, only those they may open",
    }),
    earlierTotal: z.number().int().meta({ description: 'How many there are in all; the list holds at most `limit`' }),
  })
  .meta({ id: 'CustomerContextResponse' });
export type CustomerContextResponse = z.infer<typeof CustomerContextResponse>;
