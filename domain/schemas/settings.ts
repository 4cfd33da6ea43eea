import { z } from './zod.ts';
import { ladderProblems, notifyAudiences } from '../policy.ts';
import { Id } from './common.ts';

const CustomerText = z.string().trim().min(1).max(1000);

const hour = 3600;
const day = 24 * hour;

/** Whole seconds from 1 up to a limit said the way people say it ("at most 7 days"). */
function seconds(max: number, maxInWords: string, empty?: string) {
  const orEmpty = empty ? `, or leave it empty ${empty}` : '';
  return z
    .number()
    .int()
    .min(1, { error: `Enter 1 second or more${orEmpty}` })
    .max(max, { error: `Enter at most ${max} seconds (${maxInWords})` });
}

export const EscalationLevel = z.object({
  afterSeconds: seconds(7 * day, '7 days'),
  notify: z.enum(notifyAudiences),
  customerMessage: CustomerText.optional(),
});

export const EscalationLadder = z
  .object({
    levels: z.array(EscalationLevel).max(10),
    fallback: z.object({
      afterSeconds: seconds(30 * day, '30 days'),
      action: z.enum(['return_to_ai', 'close']),
      customerMessage: CustomerText,
    }),
  })
  .superRefine((ladder, ctx) => {
    for (const problem of ladderProblems(ladder)) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path.slice(1) });
    }
  });

export const HandoverSettings = z
  .object({
    enabled: z.boolean().meta({ description: 'Enable Human Handover (Chat)' }),
    memberIds: z.array(Id).max(500).meta({ description: 'Who gets notified and may see and claim' }),
    returnToAi: z.boolean(),
    maxConcurrentPerAgent: z
      .number()
      .int()
      .min(1, { error: 'Enter 1 or more, or leave it empty for no limit' })
      .max(100)
      .nullable(),
    assigneeResponseSeconds: seconds(day, '24 hours', 'to turn reminders off')
      .nullable()
      .meta({ description: 'No agent reply this long after a claim or a customer message: remind, then requeue' }),
    customerSilenceSeconds: seconds(7 * day, '7 days', 'to never end it')
      .nullable()
      .default(null)
      .meta({ description: 'End the handover (outcome customer_left) after the customer is silent this long; null never' }),
    escalation: EscalationLadder,
  })
  .meta({ id: 'HandoverSettings' });
export type HandoverSettings = z.infer<typeof HandoverSettings>;

export const HandoverSettingsResponse = z.object({ settings: HandoverSettings }).meta({ id: 'HandoverSettingsResponse' });
