import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { condenseHistory, maxHistoryEntries, summarizeHistory } from './workflow-history.ts';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
const { EventType } = proto.temporal.api.enums.v1;

const start = Date.parse('2026-03-02T10:00:00Z');
let nextId = 1;
function event(eventType: number, attributes: Partial<HistoryEvent> = {}, atSeconds = nextId): HistoryEvent {
  return { eventId: nextId++, eventType, eventTime: { seconds: start / 1000 + atSeconds, nanos: 0 }, ...attributes } as HistoryEvent;
}
/** A protobuf Duration (its seconds are a Long). */
const seconds = (value: number) => proto.google.protobuf.Duration.fromObject({ seconds: Math.floor(value), nanos: Math.round((value % 1) * 1e9) });
const json = (value: unknown) => ({ payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) }] });

describe('condenseHistory', () => {
  it('words a run as signals, Updates and activities with their attempts, groups repeats and never reads a payload', () => {
    nextId = 1;
    const scheduled = event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, { activityTaskScheduledEventAttributes: { activityType: { name: 'recordClaim' } } });
    const started = event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, { activityTaskStartedEventAttributes: { scheduledEventId: scheduled.eventId, attempt: 2 } });
    const accepted = event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, {
      workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: 'claim', args: json({ member: 'Secret Name' }) } } },
    });
    const events = [
      event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, { workflowExecutionStartedEventAttributes: { input: json({ customerName: 'Jo Secret' }) } }),
      event(EventType.EVENT_TYPE_TIMER_STARTED, { timerStartedEventAttributes: { timerId: '1', startToFireTimeout: seconds(120) } }),
      accepted,
      event(EventType.EVENT_TYPE_TIMER_CANCELED, { timerCanceledEventAttributes: { timerId: '1' } }),
      scheduled,
      started,
      event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, { activityTaskCompletedEventAttributes: { scheduledEventId: scheduled.eventId, result: json('x') } }),
      event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, { workflowExecutionUpdateCompletedEventAttributes: { acceptedEventId: accepted.eventId } }),
      ...[1, 2, 3].map(() =>
        event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, { workflowExecutionSignaledEventAttributes: { signalName: 'customerMessage', input: json({ body: 'my card number' }) } }),
      ),
      event(EventType.EVENT_TYPE_MARKER_RECORDED, {
        markerRecordedEventAttributes: { markerName: 'core_local_activity', details: { data: json({ activity_type: 'persistMessages', attempt: 1 }), result: json('x') } },
      }),
      event(EventType.EVENT_TYPE_MARKER_RECORDED, { markerRecordedEventAttributes: { markerName: 'core_patch', details: { 'patch-data': json({ id: 'p' }) } } }),
      event(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, { workflowTaskFailedEventAttributes: { failure: { message: `Nondeterminism ${'x'.repeat(300)}` } } }),
      event(EventType.EVENT_TYPE_TIMER_STARTED, { timerStartedEventAttributes: { timerId: '2', startToFireTimeout: seconds(60.5) } }),
    ];

    const condensed = condenseHistory(events);

    expect(condensed.entries.map((entry) => entry.summary)).toEqual([
      'workflow started',
      'update claim accepted',
      'activity recordClaim completed (attempt 2)',
      'update claim completed',
      'signal customerMessage ×3',
      'local activity persistMessages completed',
      'workflow task failed',
    ]);
    const signals = condensed.entries[4]!;
    expect(signals).toMatchObject({ kind: 'signal', count: 3, at: '2026-03-02T10:00:09.000Z', lastAt: '2026-03-02T10:00:11.000Z' });
    expect(condensed.entries.at(-1)!.failure).toHaveLength(200);
    // The claim's timer was cancelled; the last one still runs.
    expect(condensed.pendingTimers).toEqual([{ startedAt: '2026-03-02T10:00:15.000Z', firesAt: '2026-03-02T10:01:15.500Z' }]);
    expect(JSON.stringify(condensed)).not.toMatch(/Secret|card number/);
  });

  it('keeps the newest lines and says when the run continued from an earlier one', () => {
    nextId = 1;
    const events = [
      event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, { workflowExecutionStartedEventAttributes: { continuedExecutionRunId: 'run-1' } }),
      ...Array.from({ length: maxHistoryEntries + 5 }, (_, index) =>
        event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, { workflowExecutionSignaledEventAttributes: { signalName: index % 2 ? 'agentMessage' : 'customerMessage' } }),
      ),
    ];

    const summary = summarizeHistory(condenseHistory(events), { eventsRead: events.length, partial: true, runs: 3 });

    expect(summary.entries).toHaveLength(maxHistoryEntries);
    expect(summary.omittedEntries).toBe(6);
    expect(summary.entries.at(-1)!.name).toBe('customerMessage');
    expect(summary.note).toContain('continued as new');
    expect(summary.note).toContain('(2 before it)');
    expect(summary.note).toContain(`latest ${events.length} events`);
  });
});
