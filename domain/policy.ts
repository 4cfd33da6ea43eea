/** The handover policy: the part of a workspace's settings that a handover workflow snapshots at its start. */
export type NotifyAudience = 'members' | 'supervisors' | 'everyone';
export type FallbackAction = 'return_to_ai' | 'close';

export interface EscalationLevel {
  afterSeconds: number;
  notify: NotifyAudience;
  customerMessage?: string;
}

export interface EscalationLadder {
  levels: EscalationLevel[];
  fallback: { afterSeconds: number; action: FallbackAction; customerMessage: string };
}

export interface HandoverPolicy {
  returnToAi: boolean;
  maxConcurrentPerAgent: number | null;
  assigneeResponseSeconds: number | null;
  /** End the handover (outcome customer_left) when the customer has said nothing this long; absent in older inputs. */
  customerSilenceSeconds?: number | null;
  escalation: EscalationLadder;
}

/** The default ladder of architecture.md: escalate after 2 minutes, fall back to the AI after 10. */
export const defaultEscalation: EscalationLadder = {
  levels: [
    {
      afterSeconds: 120,
      notify: 'everyone',
      customerMessage: 'Thanks for waiting. You are still in the queue and a team member will be with you shortly.',
    },
  ],
  fallback: {
    afterSeconds: 600,
    action: 'return_to_ai',
    customerMessage: 'Sorry, nobody from the team is available right now. Our assistant will keep helping you.',
  },
};

export const defaultPolicy: HandoverPolicy = {
  returnToAi: true,
  maxConcurrentPerAgent: null,
  assigneeResponseSeconds: null,
  customerSilenceSeconds: null,
  escalation: defaultEscalation,
};

/** Levels must come in increasing order and the fallback after the last level; returns the problems found. */
export function ladderProblems(ladder: EscalationLadder): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  let previous = 0;
  ladder.levels.forEach((level, index) => {
    if (level.afterSeconds <= previous) {
      problems.push({
        path: ['escalation', 'levels', index, 'afterSeconds'],
        message: 'Each level must come later than the one before it',
      });
    }
    previous = Math.max(previous, level.afterSeconds);
  });
  if (ladder.fallback.afterSeconds <= previous) {
    problems.push({
      path: ['escalation', 'fallback', 'afterSeconds'],
      message: 'The fallback must come after the last escalation level',
    });
  }
  return problems;
}
