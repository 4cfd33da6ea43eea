// Runs in the workflow sandbox: deterministic code only.
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { searchAttributes } from './definitions.ts';
import { nextLadderStep } from './escalation.ts';
import { db, type HandoverRun } from './run.ts';

/**
 * While pending: waits for a claim until the next step of the escalation ladder, then escalates (a wider
 * audience told, the customer reassured). True when the fallback time has come.
 */
export async function climbLadder(run: HandoverRun): Promise<boolean> {
  const { state, input } = run;
  const ladder = input.policy.escalation;
  const step = nextLadderStep(ladder, Date.parse(state.pendingSince), state.escalationLevel);
  const settled = () => state.status !== 'pending' || run.endRequest !== null || run.wantsContinueAsNew();
  // Asked again after the timer: a claim that reached the workflow in the same moment wins over the step
  // (older runs did not ask, and replay as they ran).
  if ((await condition(settled, Math.max(1, step.at - Date.now()))) || (!run.legacy && settled())) return false;
  if (step.kind === 'fallback') return true;
  state.escalationLevel = step.level;
  const snapshot = run.change();
  upsertSearchAttributes([{ key: searchAttributes.escalationLevel, value: step.level }]);
  const level = ladder.levels[step.level - 1];
  await run.record(() =>
    db.recordEscalation({
      ...run.refs,
      state: snapshot,
      level: step.level,
      notify: level?.notify ?? 'everyone',
      customerMessage: level?.customerMessage ?? null,
    }),
  );
  return false;
}
