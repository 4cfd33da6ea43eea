// What GET /handovers/{id}/workflow shows of a handover's workflow: names, times and counts, never a payload
// (message bodies, the customer's name, the reason stay out: the answer is built without decoding any).
import { z } from './zod.ts';
import { Id, IsoTime } from './common.ts';
import { HandoverStatus, Outcome } from './handovers.ts';

export const workflowStatuses = ['running', 'completed', 'failed', 'canceled', 'terminated', 'continued_as_new', 'timed_out', 'paused', 'unknown'] as const;
export type WorkflowStatus = (typeof workflowStatuses)[number];

/** The kinds of line in a history summary; the console words each for people who do not know Temporal. */
export const workflowHistoryKinds = [
  'workflow_started',
  'workflow_continued',
  'signal',
  'update_accepted',
  'update_completed',
  'update_failed',
  'activity_completed',
  'activity_failed',
  'activity_timed_out',
  'activity_canceled',
  'local_activity_completed',
  'local_activity_failed',
  'timer_fired',
  'workflow_task_failed',
  'workflow_task_timed_out',
  'cancel_requested',
  'workflow_completed',
  'workflow_failed',
  'workflow_timed_out',
  'workflow_terminated',
  'workflow_canceled',
  'workflow_continued_as_new',
] as const;
export type WorkflowHistoryKind = (typeof workflowHistoryKinds)[number];

const Actor = z.object({ id: Id, name: z.string() });

/** The workflow's `state` query, as it answers it (fields older runs lack come back as null). */
export const WorkflowLiveState = z
  .object({
    status: HandoverStatus,
    assignee: Actor.nullable(),
    escalationLevel: z.number().int(),
    pendingSince: IsoTime.meta({ description: 'When the current wait for a take-over began (the request, or the last requeue)' }),
    claimedAt: IsoTime.nullable(),
    firstResponseAt: IsoTime.nullable().default(null),
    endedAt: IsoTime.nullable(),
    outcome: Outcome.nullable(),
    aiResumed: z.boolean().nullable().default(null),
    messagesRelayed: z.number().int(),
    awaitingReplySince: IsoTime.nullable().default(null).meta({ description: "Since when the customer has waited for the assignee's answer" }),
    remindedAt: IsoTime.nullable().default(null).meta({ description: 'When the silent assignee was reminded, for the current wait' }),
    lastCustomerMessageAt: IsoTime,
    requeues: z.number().int(),
    transfers: z.number().int(),
    runs: z.number().int().meta({ description: 'Runs of the workflow so far: 1, plus one per continue-as-new' }),
  })
  .meta({ id: 'WorkflowLiveState' });
export type WorkflowLiveState = z.infer<typeof WorkflowLiveState>;

export const PendingActivity = z
  .object({
    name: z.string().meta({ description: 'The activity type, e.g. recordClaim' }),
    state: z.enum(['scheduled', 'running', 'cancel_requested', 'paused']),
    attempt: z.number().int(),
    maximumAttempts: z.number().int().nullable().meta({ description: 'Null: retried until it succeeds' }),
    lastFailure: z.string().nullable().meta({ description: "The last attempt's failure message, cut at 200 characters" }),
    lastAttemptAt: IsoTime.nullable(),
    nextAttemptAt: IsoTime.nullable(),
  })
  .meta({ id: 'PendingActivity' });
export type PendingActivity = z.infer<typeof PendingActivity>;

export const PendingTimer = z
  .object({
    kind: z.enum(['escalation', 'fallback', 'silence_check', 'other']).meta({
      description:
        'What the workflow does when it fires, read from its live state: the next escalation level, the fallback, a check for a silent assignee or customer',
    }),
    escalationLevel: z.number().int().nullable().meta({ description: 'The level an escalation timer reaches' }),
    startedAt: IsoTime,
    firesAt: IsoTime,
  })
  .meta({ id: 'PendingTimer' });
export type PendingTimer = z.infer<typeof PendingTimer>;

export const WorkflowHistoryEntry = z
  .object({
    at: IsoTime,
    lastAt: IsoTime.meta({ description: 'The time of the last event of the group (equal to `at` when count is 1)' }),
    kind: z.enum(workflowHistoryKinds),
    name: z.string().nullable().meta({ description: 'The signal, update or activity name' }),
    attempt: z.number().int().nullable(),
    failure: z.string().nullable().meta({ description: 'The failure message, cut at 200 characters' }),
    count: z.number().int().meta({ description: 'Consecutive events of this kind, name and attempt, condensed into this line' }),
    summary: z.string().meta({ description: 'In Temporal\'s words, e.g. "activity recordClaim completed (attempt 2)"' }),
  })
  .meta({ id: 'WorkflowHistoryEntry' });
export type WorkflowHistoryEntry = z.infer<typeof WorkflowHistoryEntry>;

export const WorkflowHistorySummary = z
  .object({
    entries: z.array(WorkflowHistoryEntry).meta({ description: 'Oldest first, newest last; at most 60' }),
    omittedEntries: z.number().int().meta({ description: 'Older lines left out to keep the list short' }),
    eventsRead: z.number().int(),
    partial: z.boolean().meta({ description: 'True when only the newest events of the run were read' }),
    note: z.string().nullable().meta({ description: 'What the summary covers, when it is not the whole workflow (continue-as-new, a long run)' }),
  })
  .meta({ id: 'WorkflowHistorySummary' });
export type WorkflowHistorySummary = z.infer<typeof WorkflowHistorySummary>;

export const HandoverWorkflow = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    firstRunId: z.string().nullable(),
    status: z.enum(workflowStatuses),
    startedAt: IsoTime.nullable().meta({ description: 'When the current run started' }),
    closedAt: IsoTime.nullable(),
    continuedAsNew: z.number().int().nullable().meta({ description: 'How many times the workflow continued as new; null when unknown' }),
    historyLength: z.number().int().meta({ description: 'Events in the current run' }),
    taskQueue: z.string(),
    state: WorkflowLiveState.nullable(),
    stateProblem: z.string().nullable().meta({ description: 'Why the live state could not be read (no worker answered, ...)' }),
    pendingActivities: z.array(PendingActivity),
    pendingWorkflowTask: z
      .object({ attempt: z.number().int(), scheduledAt: IsoTime.nullable() })
      .nullable()
      .meta({ description: "The workflow's own next step, waiting for a worker; an attempt above 1 means workers fail to run it" }),
    timers: z.array(PendingTimer),
    history: WorkflowHistorySummary,
  })
  .meta({ id: 'HandoverWorkflow' });
export type HandoverWorkflow = z.infer<typeof HandoverWorkflow>;

export const HandoverWorkflowResponse = z
  .object({
    handover: z
      .object({ id: Id, status: HandoverStatus, endedAt: IsoTime.nullable() })
      .meta({ description: "The handover as Handover's database records it" }),
    workflow: HandoverWorkflow.nullable().meta({ description: 'Null when Temporal no longer keeps the workflow (retention) or never started it' }),
    message: z.string().nullable().meta({ description: 'Why `workflow` is null, in words' }),
    temporalUiUrl: z.url().nullable().meta({
      description:
        'For operators: this workflow in the Temporal Web UI (TEMPORAL_UI_URL). The UI has no login and shows every workspace, so it is reachable only where operators set it up',
    }),
  })
  .meta({ id: 'HandoverWorkflowResponse' });
export type HandoverWorkflowResponse = z.infer<typeof HandoverWorkflowResponse>;
