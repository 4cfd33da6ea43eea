import proto from '@temporalio/proto';
import type { Handover } from '../domain/schemas/handovers.ts';
import {
  WorkflowLiveState,
  type HandoverWorkflow,
  type HandoverWorkflowResponse,
  type PendingActivity,
  type PendingTimer,
  type WorkflowStatus,
} from '../domain/schemas/handover-workflow.ts';
import type { HandoverPolicy } from '../domain/policy.ts';
import { AppError } from '../domain/errors.ts';
import { findHandoverRecord } from '../db/handovers.ts';
import { concurrencyLimit } from '../platform/concurrency.ts';
import { searchAttributes } from '../workflows/handover/definitions.ts';
import { requireHandover } from './access.ts';
import type { ApiDeps } from './deps.ts';
import { readHandoverWorkflow, type HandoverWorkflowReading } from './temporal.ts';
import { condenseHistory, cut, isoOf, summarizeHistory } from './workflow-history.ts';

const { PendingActivityState } = proto.temporal.api.enums.v1;

/**
 * A handover's workflow as a supervisor may read it in the console: its status, live state, pending work and a
 * summary of its history, through our authorization (the Temporal Web UI has none, and shows every workspace).
 */
export async function viewHandoverWorkflow(deps: ApiDeps, caller: { workspaceId: string; memberId: string }, handoverId: string): Promise<HandoverWorkflowResponse> {
  const { workspaceId } = caller;
  const reads = workflowReadsOf(deps);
  reads.count(caller.memberId);
  // PostgreSQL first: another workspace's handover is not found before Temporal is asked anything.
  const handover = await requireHandover(deps.db, workspaceId, handoverId);
  const record = await findHandoverRecord(deps.db, workspaceId, handover.id);
  const reading = await reads.run(() => readHandoverWorkflow(deps.temporal, handover.id));
  const recorded = { id: handover.id, status: handover.status, endedAt: handover.endedAt };
  if (!reading || !belongsTo(reading, workspaceId)) {
    return { handover: recorded, workflow: null, message: missingWorkflowMessage(handover), temporalUiUrl: null };
  }
  const workflow = toHandoverWorkflow(reading, record?.policy ?? null);
  return {
    handover: recorded,
    workflow,
    message: null,
    temporalUiUrl: deps.temporalUiUrl ? temporalUiLink(deps.temporalUiUrl, deps.temporal.options.namespace, workflow) : null,
  };
}

/**
 * Each view reads a workflow's whole history from Temporal: `perMemberPerMinute` views a member, and
 * `concurrent` reads at once in this process with `waiting` more queued; beyond either, 429 with Retry-After.
 */
export const defaultWorkflowReadLimits = { perMemberPerMinute: 10, concurrent: 4, waiting: 8 };
export type WorkflowReadLimits = typeof defaultWorkflowReadLimits;

const workflowReads = new WeakMap<ApiDeps, ReturnType<typeof newWorkflowReads>>();

function workflowReadsOf(deps: ApiDeps) {
  let reads = workflowReads.get(deps);
  if (!reads) workflowReads.set(deps, (reads = newWorkflowReads(deps.workflowReadLimits ?? defaultWorkflowReadLimits)));
  return reads;
}

function newWorkflowReads(limits: WorkflowReadLimits) {
  const minuteMs = 60_000;
  const views = new Map<string, number[]>();
  return {
    /** Counts a member's view, refusing one beyond their share of this minute. */
    count(memberId: string, now = Date.now()): void {
      const recent = (views.get(memberId) ?? []).filter((at) => now - at < minuteMs);
      if (recent.length >= limits.perMemberPerMinute) {
        const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + minuteMs - now) / 1000));
        throw new AppError('rate_limited', 'Too many workflow views; try again after the time in Retry-After', { retryAfterSeconds });
      }
      views.delete(memberId);
      views.set(memberId, [...recent, now]);
      while (views.size > 100_000) views.delete(views.keys().next().value as string);
    },
    run: concurrencyLimit(limits.concurrent, limits.waiting, () =>
      new AppError('rate_limited', 'Too many workflow views at once; retry in a moment', { retryAfterSeconds: 2 }),
    ),
  };
}

function toHandoverWorkflow(reading: HandoverWorkflowReading, policy: HandoverPolicy | null): HandoverWorkflow {
  const { description } = reading;
  const info = description.raw.workflowExecutionInfo;
  const parsedState = 'answer' in reading.state ? WorkflowLiveState.safeParse(reading.state.answer) : null;
  const state = parsedState?.success ? parsedState.data : null;
  const stateProblem =
    'problem' in reading.state ? reading.state.problem : parsedState && !parsedState.success ? 'The workflow answered a state this API does not know' : null;
  const condensed = condenseHistory(reading.events);
  const firstRunId = info?.firstRunId || null;
  const pendingTask = description.raw.pendingWorkflowTask;
  return {
    workflowId: description.workflowId,
    runId: description.runId,
    firstRunId,
    status: workflowStatusOf(description.status.name),
    startedAt: description.startTime.toISOString(),
    closedAt: description.closeTime?.toISOString() ?? null,
    continuedAsNew: state ? state.runs - 1 : firstRunId === description.runId ? 0 : null,
    historyLength: description.historyLength,
    taskQueue: description.taskQueue,
    state,
    stateProblem,
    pendingActivities: (description.raw.pendingActivities ?? []).map(toPendingActivity),
    pendingWorkflowTask: pendingTask ? { attempt: pendingTask.attempt ?? 1, scheduledAt: pendingTask.scheduledTime ? isoOf(pendingTask.scheduledTime) : null } : null,
    timers: condensed.pendingTimers.map((timer) => labelTimer(timer, state, policy)),
    history: summarizeHistory(condensed, { eventsRead: reading.events.length, partial: reading.partial, runs: state?.runs ?? null }),
  };
}

type RawPendingActivity = proto.temporal.api.workflow.v1.IPendingActivityInfo;

function toPendingActivity(activity: RawPendingActivity): PendingActivity {
  const states: Partial<Record<number, PendingActivity['state']>> = {
    [PendingActivityState.PENDING_ACTIVITY_STATE_STARTED]: 'running',
    [PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED]: 'cancel_requested',
    [PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED]: 'paused',
  };
  return {
    name: activity.activityType?.name ?? 'activity',
    state: states[activity.state ?? 0] ?? 'scheduled',
    attempt: activity.attempt ?? 1,
    maximumAttempts: activity.maximumAttempts ? activity.maximumAttempts : null,
    lastFailure: cut(activity.lastFailure?.message),
    lastAttemptAt: activity.lastStartedTime ? isoOf(activity.lastStartedTime) : null,
    nextAttemptAt: activity.nextAttemptScheduleTime ? isoOf(activity.nextAttemptScheduleTime) : null,
  };
}

/**
 * What a timer the workflow waits on will do, read from its live state: while pending the next step of the
 * escalation ladder (a level, or the fallback), while in progress the check for a silent assignee or customer.
 */
function labelTimer(timer: { startedAt: string; firesAt: string }, state: WorkflowLiveState | null, policy: HandoverPolicy | null): PendingTimer {
  if (state?.status === 'pending' && policy) {
    const nextLevel = state.escalationLevel < policy.escalation.levels.length ? state.escalationLevel + 1 : null;
    return { kind: nextLevel === null ? 'fallback' : 'escalation', escalationLevel: nextLevel, ...timer };
  }
  if (state?.status === 'in_progress') return { kind: 'silence_check', escalationLevel: null, ...timer };
  return { kind: 'other', escalationLevel: null, ...timer };
}

function workflowStatusOf(name: string): WorkflowStatus {
  const statuses: Record<string, WorkflowStatus> = {
    RUNNING: 'running',
    COMPLETED: 'completed',
    FAILED: 'failed',
    CANCELLED: 'canceled',
    TERMINATED: 'terminated',
    CONTINUED_AS_NEW: 'continued_as_new',
    TIMED_OUT: 'timed_out',
    PAUSED: 'paused',
  };
  return statuses[name] ?? 'unknown';
}

/** Every handover workflow carries its workspace: one that names another is no workflow of this handover. */
function belongsTo(reading: HandoverWorkflowReading, workspaceId: string): boolean {
  const recorded = reading.description.typedSearchAttributes.get(searchAttributes.workspaceId);
  return recorded === undefined || recorded === workspaceId;
}

function missingWorkflowMessage(handover: Handover): string {
  if (handover.status === 'pending' || handover.status === 'in_progress') {
    return (
      'Temporal has no workflow for this handover. If it was requested a moment ago, it may still be starting ' +
      '(a start that failed is tried again within a minute); if this lasts, tell your operators.'
    );
  }
  return (
    'Temporal no longer keeps the workflow of this ended handover: closed workflows are kept for a limited time ' +
    "(the namespace's retention). The handover's record, transcript and timeline stay in Handover."
  );
}

/** The workflow's page in the Temporal Web UI, for operators. */
function temporalUiLink(base: string, namespace: string, workflow: HandoverWorkflow): string {
  const root = base.replace(/\/+$/, '');
  return `${root}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflow.workflowId)}/${encodeURIComponent(workflow.runId)}/history`;
}
