/** The handover policy: the part of a workspace's settings that a handover workflow snapshots at its start. */
/**
 * Who an escalation level tells, narrowest first: the selected handover members; they and the supervisors and
 * admins; everyone in the workspace. A ladder only widens, and whoever a reached level told may take the handover.
 */
export const notifyAudiences = ['members', 'supervisors', 'everyone'] as const;
export type NotifyAudience = (typeof notifyAudiences)[number];
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
export interface LadderProblem {
  path: (string | number)[];
  message: string;
}

export function ladderProblems(ladder: EscalationLadder): LadderProblem[] {
  let previous = 0;
  const problems = audienceProblems(ladder.levels);
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

/** Levels that would tell fewer people than the level before them (the console shows these as they are chosen). */
export function audienceProblems(levels: readonly EscalationLevel[]): LadderProblem[] {
  return levels.flatMap((level, index) => {
    const before = levels[index - 1];
    if (!before || widerAudience(before.notify, level.notify) === level.notify) return [];
    return [
      {
        path: ['escalation', 'levels', index, 'notify'],
        message: `Level ${index + 1} would tell fewer people than level ${index}: each level reaches at least the people the one before it did`,
      },
    ];
  });
}

function widerAudience(a: NotifyAudience, b: NotifyAudience): NotifyAudience {
  return notifyAudiences.indexOf(a) >= notifyAudiences.indexOf(b) ? a : b;
}

/** Who has been told of a handover at this escalation level: the widest audience of the levels reached. */
export function audienceReached(ladder: EscalationLadder, escalationLevel: number): NotifyAudience {
  return ladder.levels.slice(0, escalationLevel).reduce<NotifyAudience>((widest, level) => widerAudience(widest, level.notify), 'members');
}
