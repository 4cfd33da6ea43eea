// A workflow's history events condensed into lines a person can read. Pure: it reads event types, names,
// attempts, times and failure messages, and never decodes a payload (a message body, a claim's member) except
// a local activity's marker data, which holds its type and attempt.
// The SDK's own protobuf package (a dependency of @temporalio/client, same version); CommonJS, so taken whole.
import proto from '@temporalio/proto';
import { z } from 'zod';
import type { WorkflowHistoryEntry, WorkflowHistoryKind, WorkflowHistorySummary } from '../domain/schemas/handover-workflow.ts';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;

const { EventType } = proto.temporal.api.enums.v1;

/** The lines of a summary, newest last: enough to follow a handover without scrolling through hundreds. */
export const maxHistoryEntries = 60;
/** Failure messages are cut here: enough to tell one fault from another, and little room for data. */
export const maxFailureLength = 200;

export interface CondensedHistory {
  entries: WorkflowHistoryEntry[];
  /** Timers started and neither fired nor cancelled: what the workflow waits for. */
  pendingTimers: { startedAt: string; firesAt: string }[];
  /** The run began by continuing an earlier one. */
  continued: boolean;
}

/** Condenses events of one run, oldest first (`events` may be its newest part only), into grouped lines. */
export function condenseHistory(events: readonly HistoryEvent[]): CondensedHistory {
  const activities = new Map<string, { name: string; attempt: number | null }>();
  const updates = new Map<string, string>();
  const timers = new Map<string, { startedAt: string; firesAt: string }>();
  const lines: Line[] = [];
  let continued = false;

  for (const event of events) {
    const at = isoOf(event.eventTime);
    const id = String(event.eventId ?? '');
    const line = (kind: WorkflowHistoryKind, name: string | null = null, attempt: number | null = null, failure: string | null = null) =>
      lines.push({ at, kind, name, attempt, failure });
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
        continued = Boolean(event.workflowExecutionStartedEventAttributes?.continuedExecutionRunId);
        line(continued ? 'workflow_continued' : 'workflow_started');
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        line('signal', event.workflowExecutionSignaledEventAttributes?.signalName ?? null);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const name = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? null;
        if (name) updates.set(id, name);
        line('update_accepted', name);
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
        const attributes = event.workflowExecutionUpdateCompletedEventAttributes;
        const name = updates.get(String(attributes?.acceptedEventId ?? '')) ?? null;
        const failure = attributes?.outcome?.failure;
        if (failure) line('update_failed', name, null, cut(failure.message));
        else line('update_completed', name);
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        activities.set(id, { name: event.activityTaskScheduledEventAttributes?.activityType?.name ?? 'activity', attempt: null });
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const attributes = event.activityTaskStartedEventAttributes;
        const activity = activities.get(String(attributes?.scheduledEventId ?? ''));
        if (activity) activity.attempt = attributes?.attempt ?? null;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED: {
        const { kind, scheduledEventId, failure } = activityOutcome(event);
        const activity = activities.get(String(scheduledEventId ?? ''));
        line(kind, activity?.name ?? null, activity?.attempt ?? null, failure);
        break;
      }
      case EventType.EVENT_TYPE_MARKER_RECORDED: {
        const attributes = event.markerRecordedEventAttributes;
        // Patch (version) markers say nothing about the handover: left out.
        if (attributes?.markerName !== 'core_local_activity') break;
        const marker = localActivityMarker(attributes.details?.data?.payloads?.[0]?.data);
        const failure = attributes.failure ? cut(attributes.failure.message) : null;
        line(failure === null ? 'local_activity_completed' : 'local_activity_failed', marker?.activity_type ?? null, marker?.attempt ?? null, failure);
        break;
      }
      case EventType.EVENT_TYPE_TIMER_STARTED: {
        const attributes = event.timerStartedEventAttributes;
        const firesAt = new Date(Date.parse(at) + durationMs(attributes?.startToFireTimeout)).toISOString();
        timers.set(attributes?.timerId ?? id, { startedAt: at, firesAt });
        break;
      }
      case EventType.EVENT_TYPE_TIMER_FIRED:
        timers.delete(event.timerFiredEventAttributes?.timerId ?? '');
        line('timer_fired');
        break;
      case EventType.EVENT_TYPE_TIMER_CANCELED:
        // A wait that ended early (a claim before the next escalation): the line that ended it says so.
        timers.delete(event.timerCanceledEventAttributes?.timerId ?? '');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED: {
        const attributes = event.workflowTaskFailedEventAttributes;
        line('workflow_task_failed', null, null, cut(attributes?.failure?.message));
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
        line('workflow_task_timed_out');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
        line('cancel_requested');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        line('workflow_completed');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
        line('workflow_failed', null, null, cut(event.workflowExecutionFailedEventAttributes?.failure?.message));
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
        line('workflow_timed_out');
        break;
      // An operator's reason is free text: left out, the Web UI shows it to operators.
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
        line('workflow_terminated');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        line('workflow_canceled');
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        line('workflow_continued_as_new');
        break;
      default:
        // Workflow tasks, search attribute upserts and the like: Temporal's bookkeeping, not the handover's.
        break;
    }
  }
  return { entries: group(lines), pendingTimers: [...timers.values()], continued };
}

/** The summary's list, capped at the newest lines, with what it covers said in words. */
export function summarizeHistory(
  condensed: CondensedHistory,
  read: { eventsRead: number; partial: boolean; runs: number | null },
): WorkflowHistorySummary {
  const omittedEntries = Math.max(0, condensed.entries.length - maxHistoryEntries);
  const notes: string[] = [];
  if (condensed.continued) {
    const earlier = read.runs !== null && read.runs > 1 ? ` (${read.runs - 1} before it)` : '';
    notes.push(`This is the current run only: the workflow continued as new to keep its history short, and earlier runs${earlier} are not summarised.`);
  }
  if (read.partial) notes.push(`Only the latest ${read.eventsRead} events of this run are summarised.`);
  return {
    entries: condensed.entries.slice(omittedEntries),
    omittedEntries,
    eventsRead: read.eventsRead,
    partial: read.partial,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}

interface Line {
  at: string;
  kind: WorkflowHistoryKind;
  name: string | null;
  attempt: number | null;
  failure: string | null;
}

/** Consecutive lines of the same kind, name, attempt and failure become one, with their count. */
function group(lines: Line[]): WorkflowHistoryEntry[] {
  const entries: WorkflowHistoryEntry[] = [];
  for (const line of lines) {
    const last = entries.at(-1);
    if (last && last.kind === line.kind && last.name === line.name && last.attempt === line.attempt && last.failure === line.failure) {
      last.count += 1;
      last.lastAt = line.at;
      last.summary = summaryOf(line, last.count);
      continue;
    }
    entries.push({ ...line, lastAt: line.at, count: 1, summary: summaryOf(line, 1) });
  }
  return entries;
}

/** In Temporal's words: "signal customerMessage", "activity recordClaim completed (attempt 2)", "update claim accepted". */
function summaryOf(line: Line, count: number): string {
  const name = line.name ?? '';
  const attempt = line.attempt !== null && line.attempt > 1 ? ` (attempt ${line.attempt})` : '';
  const text: Record<WorkflowHistoryKind, string> = {
    workflow_started: 'workflow started',
    workflow_continued: 'workflow continued from an earlier run',
    signal: `signal ${name}`,
    update_accepted: `update ${name} accepted`,
    update_completed: `update ${name} completed`,
    update_failed: `update ${name} failed`,
    activity_completed: `activity ${name} completed${attempt}`,
    activity_failed: `activity ${name} failed${attempt}`,
    activity_timed_out: `activity ${name} timed out${attempt}`,
    activity_canceled: `activity ${name} cancelled`,
    local_activity_completed: `local activity ${name} completed${attempt}`,
    local_activity_failed: `local activity ${name} failed${attempt}`,
    timer_fired: 'timer fired',
    workflow_task_failed: 'workflow task failed',
    workflow_task_timed_out: 'workflow task timed out',
    cancel_requested: 'cancellation requested',
    workflow_completed: 'workflow completed',
    workflow_failed: 'workflow failed',
    workflow_timed_out: 'workflow timed out',
    workflow_terminated: 'workflow terminated',
    workflow_canceled: 'workflow cancelled',
    workflow_continued_as_new: 'workflow continued as new',
  };
  const summary = text[line.kind].replace(/ {2,}/g, ' ').trim();
  return count > 1 ? `${summary} ×${count}` : summary;
}

function activityOutcome(event: HistoryEvent): { kind: WorkflowHistoryKind; scheduledEventId: unknown; failure: string | null } {
  if (event.activityTaskFailedEventAttributes) {
    const attributes = event.activityTaskFailedEventAttributes;
    return { kind: 'activity_failed', scheduledEventId: attributes.scheduledEventId, failure: cut(attributes.failure?.message) };
  }
  if (event.activityTaskTimedOutEventAttributes) {
    const attributes = event.activityTaskTimedOutEventAttributes;
    return { kind: 'activity_timed_out', scheduledEventId: attributes.scheduledEventId, failure: cut(attributes.failure?.message) };
  }
  if (event.activityTaskCanceledEventAttributes) {
    return { kind: 'activity_canceled', scheduledEventId: event.activityTaskCanceledEventAttributes.scheduledEventId, failure: null };
  }
  return { kind: 'activity_completed', scheduledEventId: event.activityTaskCompletedEventAttributes?.scheduledEventId, failure: null };
}

const LocalActivityMarker = z.object({ activity_type: z.string(), attempt: z.number().int().nullable().optional() });

/** The type and attempt a local activity's marker records (JSON, as the SDK's core writes it). */
function localActivityMarker(data: Uint8Array | null | undefined): z.infer<typeof LocalActivityMarker> | null {
  if (!data) return null;
  try {
    const parsed = LocalActivityMarker.safeParse(JSON.parse(Buffer.from(data).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A failure message cut for display: enough to tell one fault from another. */
export function cut(message: string | null | undefined): string | null {
  if (!message) return null;
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > maxFailureLength ? `${text.slice(0, maxFailureLength - 1)}…` : text;
}

/** A protobuf Timestamp (seconds may be a Long) as an ISO time. */
export function isoOf(timestamp: Timestamp): string {
  return new Date(msOf(timestamp)).toISOString();
}

function msOf(value: Timestamp): number {
  if (!value) return 0;
  return Number(String(value.seconds ?? 0)) * 1000 + Math.floor((value.nanos ?? 0) / 1e6);
}

function durationMs(duration: Timestamp): number {
  return msOf(duration);
}
