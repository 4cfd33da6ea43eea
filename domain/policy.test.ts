import { describe, expect, it } from 'vitest';
import { HandoverSettings } from './schemas/settings.ts';
import { audienceReached, defaultPolicy, ladderProblems } from './policy.ts';

describe('ladderProblems', () => {
  it('accepts the default ladder', () => {
    expect(ladderProblems(defaultPolicy.escalation)).toEqual([]);
  });

  it('names a level that does not come after the one before it', () => {
    const problems = ladderProblems({
      levels: [
        { afterSeconds: 60, notify: 'members' },
        { afterSeconds: 60, notify: 'everyone' },
      ],
      fallback: { afterSeconds: 120, action: 'close', customerMessage: 'Closed' },
    });
    expect(problems).toEqual([{ path: ['escalation', 'levels', 1, 'afterSeconds'], message: 'Each level must come later than the one before it' }]);
  });

  it('refuses a level that tells fewer people than the one before it, and says why', () => {
    const problems = ladderProblems({
      levels: [
        { afterSeconds: 60, notify: 'everyone' },
        { afterSeconds: 120, notify: 'members' },
        { afterSeconds: 180, notify: 'everyone' },
      ],
      fallback: { afterSeconds: 600, action: 'close', customerMessage: 'Closed' },
    });
    expect(problems).toEqual([
      {
        path: ['escalation', 'levels', 1, 'notify'],
        message: 'Level 2 would tell fewer people than level 1: each level reaches at least the people the one before it did',
      },
    ]);
    const widening = ladderProblems({
      levels: [
        { afterSeconds: 60, notify: 'members' },
        { afterSeconds: 120, notify: 'supervisors' },
        { afterSeconds: 180, notify: 'supervisors' },
        { afterSeconds: 240, notify: 'everyone' },
      ],
      fallback: { afterSeconds: 600, action: 'close', customerMessage: 'Closed' },
    });
    expect(widening).toEqual([]);
  });

  it('names a fallback that comes before the last level', () => {
    const problems = ladderProblems({
      levels: [{ afterSeconds: 300, notify: 'members' }],
      fallback: { afterSeconds: 200, action: 'return_to_ai', customerMessage: 'Back to the bot' },
    });
    expect(problems.map((problem) => problem.path)).toEqual([['escalation', 'fallback', 'afterSeconds']]);
  });
});

describe('HandoverSettings schema', () => {
  const valid = {
    enabled: true,
    memberIds: [],
    returnToAi: true,
    maxConcurrentPerAgent: 3,
    assigneeResponseSeconds: null,
    escalation: defaultPolicy.escalation,
  };

  it('accepts a valid settings object', () => {
    expect(HandoverSettings.safeParse(valid).success).toBe(true);
  });

  it('reports a ladder out of order at the field path the console shows it next to', () => {
    const parsed = HandoverSettings.safeParse({
      ...valid,
      escalation: { ...valid.escalation, fallback: { ...valid.escalation.fallback, afterSeconds: 10 } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['escalation', 'fallback', 'afterSeconds']]);
  });
});

describe('audienceReached', () => {
  const ladder = {
    levels: [
      { afterSeconds: 60, notify: 'supervisors' as const },
      { afterSeconds: 120, notify: 'everyone' as const },
    ],
    fallback: { afterSeconds: 600, action: 'close' as const, customerMessage: 'Closed' },
  };
  it('is the handover members before any level, then the widest audience of the levels reached', () => {
    expect([0, 1, 2, 3].map((level) => audienceReached(ladder, level))).toEqual(['members', 'supervisors', 'everyone', 'everyone']);
  });
});
