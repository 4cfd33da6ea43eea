import { z } from './zod.ts';
import { Id, IsoTime } from './common.ts';

export const TypingRequest = z
  .object({
    typing: z.boolean().meta({ description: 'true while typing (repeat it every few seconds while it lasts), false once stopped' }),
  })
  .meta({ id: 'TypingRequest' });
export type TypingRequest = z.infer<typeof TypingRequest>;

export const TypingResponse = z
  .object({
    handoverId: Id,
    expiresAt: IsoTime.nullable().meta({
      description: 'Until when the indicator shows unless reported again; null when typing is false',
    }),
  })
  .meta({ id: 'TypingResponse', description: 'Accepted; typing is shown for a moment, never stored' });
export type TypingResponse = z.infer<typeof TypingResponse>;
