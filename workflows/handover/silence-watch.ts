// Runs in the workflow sandbox: deterministic code only.
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { searchAttributes, type Actor } from './definitions.ts';
import { db, type HandoverRun } from './run.ts';
import { nextSilenceStep } from './silence.ts';

/**
 * While in progress: reminds a silent assignee, then requeues; ends the handover when the customer has gone
 * quiet. Returns when a step was taken or anything it watches changed, so the caller decides again.
 */
export async function watchSilence(run: HandoverRun): Promise<void> {
  const { state } = run;
  const step = nextSilenceStep(run.input.policy, state);
  const watched = { assignee: state.assignee?.id, since: state.awaitingReplySince, reminded: state.remindedAt, customer: state.lastCustomerMessageAt };
  const changed = () =>
    run.endRequest !== null ||
    state.status !== 'in_progress' ||
    state.assignee?.id !== watched.assignee ||
    state.awaitingReplySince !== watched.since ||
    state.remindedAt !== watched.reminded ||
    state.lastCustomerMessageAt !== watched.customer ||
    run.wantsContinueAsNew();
  if (!step) {
    await condition(changed);
    return;
  }
  // Asked again after the timer: a message that reached the workflow in the same moment wins over the step
  // (older runs did not ask, and replay as they ran).
  if ((await condition(changed, Math.max(1, step.at - Date.now()))) || (!run.legacy && changed())) return;
  if (step.kind === 'customer_silent') {
    run.endRequest = { kind: 'customer_left' };
  } else if (step.kind === 'remind') {
    state.remindedAt = new Date().toISOString();
    const assignee = state.assignee as Actor;
    const snapshot = run.change();
    await run.record(() => db.recordReminder({ ...run.refs, state: snapshot, assignee, since: watched.since ?? state.pendingSince }));
  } else {
    await requeue(run);
  }
}

/** The assignee stayed silent: back to pending, the ladder starts again. */
async function requeue(run: HandoverRun): Promise<void> {
  const { state } = run;
  const previous = state.assignee as Actor;
  const now = new Date().toISOString();
  Object.assign(state, {
    status: 'pending',
    assignee: null,
    claimedAt: null,
    pendingSince: now,
    escalationLevel: 0,
    awaitingReplySince: null,
    remindedAt: null,
    requeues: state.requeues + 1,
  });
  const snapshot = run.change();
  upsertSearchAttributes([
    { key: searchAttributes.status, value: 'pending' },
    { key: searchAttributes.assignee, value: null },
    { key: searchAttributes.escalationLevel, value: 0 },
  ]);
  await run.record(() => db.recordRequeue({ ...run.refs, state: snapshot, previousAssignee: previous, requeuedAt: now, requeues: state.requeues }));
}
