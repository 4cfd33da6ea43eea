import { z } from 'zod';
import { ladderProblems } from '../policy.ts';
import { Id } from './common.ts';

const CustomerText = z.string().trim().min(1).max(1000);

export const EscalationLevel = z.object({
  afterSeconds: z.number().int().min(1).max(7 * 24 * 3600),
  notify: z.enum(['members', 'supervisors', 'everyone']),
  customerMessage: CustomerText.optional(),
});

export const EscalationLadder = z
  .object({
    levels: z.array(EscalationLevel).max(10),
    fallback: z.object({
      afterSeconds: z.number().int().min(1).max(30 * 24 * 3600),
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
    maxConcurrentPerAgent: z.number().int().min(1).max(100).nullable(),
    assigneeResponseSeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .nullable()
      .meta({ description: 'No agent reply this long after a claim or a customer message: remind, then requeue' }),
    customerSilenceSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .nullable()
      .default(null)
      .meta({ description: 'End the handover (outcome customer_left) after the customer is silent this long; null never' }),
    escalation: EscalationLadder,
  })
  .meta({ id: 'HandoverSettings' });
export type HandoverSettings = z.infer<typeof HandoverSettings>;

export const HandoverSettingsResponse = z.object({ settings: HandoverSettings }).meta({ id: 'HandoverSettingsResponse' });
