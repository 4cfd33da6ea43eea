/** The Workflow panel in plain words: a supervisor reads it without knowing Temporal's vocabulary. */
import type { PendingActivity, PendingTimer, WorkflowHistoryEntry, WorkflowStatus } from '$domain/schemas/index.ts';

export const workflowStatusLabels: Record<WorkflowStatus, string> = {
  running: 'Running',
  completed: 'Finished',
  failed: 'Stopped by an error',
  canceled: 'Cancelled',
  terminated: 'Stopped by an operator',
  continued_as_new: 'Continued in a fresh run',
  timed_out: 'Timed out',
  paused: 'Paused by an operator',
  unknown: 'Unknown',
};

/** What each of the workflow's steps saves, by its activity name. */
const savedThings: Record<string, string> = {
  recordRequested: 'the handover request',
  recordEscalation: 'an escalation',
  recordClaim: 'the take-over',
  recordTransfer: 'a transfer',
  recordReminder: 'a reminder to the agent',
  recordRequeue: 'the return to the queue',
  recordEnded: 'the end of the handover',
  persistMessages: 'messages',
  handOffCarriedWebhookEvents: 'updates for the AI agent',
  deliverWebhookEvent: 'an update for the AI agent',
};

const signals: Record<string, string> = {
  customerMessage: 'Customer message received',
  agentMessage: 'Agent message received',
  customerLeft: 'The customer left',
};

const requests: Record<string, string> = { claim: 'Take over', transfer: 'Transfer', end: 'End Handover' };

function saved(name: string | null): string {
  return name ? (savedThings[name] ?? name) : 'a step';
}

function request(name: string | null): string {
  return name ? (requests[name] ?? name) : 'A request';
}

function tries(attempt: number | null): string {
  return attempt !== null && attempt > 1 ? ` (try ${attempt})` : '';
}

/** One line of the history, e.g. "Saved the take-over (try 2)", "Customer message received". */
export function describeEntry(entry: WorkflowHistoryEntry): string {
  const { name, attempt } = entry;
  switch (entry.kind) {
    case 'workflow_started':
      return 'Handover started';
    case 'workflow_continued':
      return 'Carried on in a fresh run, to keep its record short';
    case 'signal':
      return (name && signals[name]) ?? `Notice "${name ?? ''}" received`;
    case 'update_accepted':
      return `${request(name)} asked for`;
    case 'update_completed':
      return `${request(name)} done`;
    case 'update_failed':
      return `${request(name)} refused`;
    case 'activity_completed':
    case 'local_activity_completed':
      return `Saved ${saved(name)}${tries(attempt)}`;
    case 'activity_failed':
    case 'local_activity_failed':
      return `Saving ${saved(name)} failed${tries(attempt)}`;
    case 'activity_timed_out':
      return `Saving ${saved(name)} took too long${tries(attempt)}`;
    case 'activity_canceled':
      return `Saving ${saved(name)} was called off`;
    case 'timer_fired':
      return 'A waiting time ran out';
    case 'workflow_task_failed':
      return 'The system could not take its next step';
    case 'workflow_task_timed_out':
      return 'The system was slow to take its next step';
    case 'cancel_requested':
      return 'An operator asked to cancel it';
    case 'workflow_completed':
      return 'Finished';
    case 'workflow_failed':
      return 'Stopped by an error';
    case 'workflow_timed_out':
      return 'Timed out';
    case 'workflow_terminated':
      return 'Stopped by an operator';
    case 'workflow_canceled':
      return 'Cancelled';
    case 'workflow_continued_as_new':
      return 'Continued in a fresh run';
  }
}

/** "Saving the take-over: try 3, waiting to try again" and the like. */
export function describeActivity(activity: PendingActivity): string {
  const state =
    activity.state === 'running'
      ? 'in progress'
      : activity.state === 'paused'
        ? 'paused by an operator'
        : activity.state === 'cancel_requested'
          ? 'being called off'
          : activity.attempt > 1
            ? 'waiting to try again'
            : 'waiting for the system';
  const limit = activity.maximumAttempts === null ? 'tries until it succeeds' : `at most ${activity.maximumAttempts} tries`;
  return `Saving ${saved(activity.name)}: try ${activity.attempt}, ${state} (${limit})`;
}

/** What happens when a waiting time runs out. */
export function describeTimer(timer: PendingTimer): string {
  if (timer.kind === 'escalation') return `Escalates to level ${timer.escalationLevel ?? '?'}`;
  if (timer.kind === 'fallback') return 'Stops waiting for a take-over (the fallback)';
  if (timer.kind === 'silence_check') return 'Checks whether the agent or the customer has gone quiet';
  return 'A waiting time runs out';
}
