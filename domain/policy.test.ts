import { describe, expect, it } from 'vitest';
import { HandoverSettings } from './schemas/settings.ts';
import { defaultPolicy, ladderProblems } from './policy.ts';

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
