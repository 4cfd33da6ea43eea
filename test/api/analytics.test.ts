import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverAnalytics } from '../../db/analytics.ts';
import { resolveAnalyticsScope } from '../../db/analytics-scope.ts';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db);
});
afterAll(async () => {
  await stack?.stop();
});

/** Sets a handover's times as if it had happened earlier, so the figures are known exactly. */
async function backdate(id: string, times: { requested: number; claimed?: number; firstResponse?: number; ended?: number }) {
  const at = (secondsAgo: number | undefined) => (secondsAgo === undefined ? undefined : new Date(Date.now() - secondsAgo * 1000));
  await stack.db
    .updateTable('handovers')
    .set({
      requested_at: at(times.requested) as Date,
      ...(times.claimed !== undefined ? { claimed_at: at(times.claimed) } : {}),
      ...(times.firstResponse !== undefined ? { first_response_at: at(times.firstResponse) } : {}),
      ...(times.ended !== undefined ? { ended_at: at(times.ended) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

describe('GET /analytics/handover', () => {
  it('computes the headline figures, times, CSAT, reasons and agent rows as docs/analytics.md defines them', async () => {
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const [ana, admin] = await Promise.all([ApiClient.signIn(stack.baseUrl, workspace.ana), ApiClient.signIn(stack.baseUrl, workspace.admin)]);
    const start = async (reason: string, trigger: string) => {
      const { body } = await ai.post('/handovers', { conversationId: `conv-${randomUUID()}`, reason, trigger });
      return body.handover.id as string;
    };
    // Two handled and ended by Ana, one missed (the customer left), one still pending.
    const handled = [await start('Refund', 'user_request'), await start('Refund', 'keyword')];
    for (const id of handled) {
      await ana.post(`/handovers/${id}/claim`);
      await ana.post(`/handovers/${id}/messages`, { body: 'Hello', clientMessageId: `a-${id}` });
      await eventually(async () => ((await ana.get(`/handovers/${id}`)).body.handover.firstResponseAt ? true : undefined), 'the first response');
      await ana.post(`/handovers/${id}/end`, { outcome: 'resolved' });
    }
    const missed = await start('Pricing', 'ai_escalation');
    await ai.post(`/handovers/${missed}/leave`);
    await stack.temporal.workflow.getHandle(handoverWorkflowId(missed)).result();
    await start('Pricing', 'ai_escalation');
    await ai.post(`/handovers/${handled[0]}/rating`, { score: 5 });
    await ai.post(`/handovers/${handled[1]}/rating`, { score: 2 });
    // Known times: waits of 60 s and 120 s, first responses of 90 s and 150 s, resolutions of 240 s and 360 s.
    await backdate(handled[0] as string, { requested: 600, claimed: 540, firstResponse: 510, ended: 300 });
    await backdate(handled[1] as string, { requested: 700, claimed: 580, firstResponse: 550, ended: 220 });

    const answer = await admin.get('/analytics/handover?bucket=day');
    expect(answer.status).toBe(200);
    const analytics = answer.body;
    expect(analytics.totals).toEqual({ total: 4, pending: 1, inProgress: 0, completed: 2, missed: 1, abandoned: 1, timedOut: 0, requeued: 0, requeues: 0 });
    expect(analytics.waitTime).toMatchObject({ p50: 90, mean: 90, count: 2 });
    expect(analytics.firstResponseTime).toMatchObject({ p50: 120, mean: 120, count: 2 });
    expect(analytics.resolutionTime).toMatchObject({ p50: 300, mean: 300, count: 2 });
    expect(analytics.waitTime.p90).toBeCloseTo(114, 0);
    expect(analytics.csat).toEqual({ mean: 3.5, count: 2, satisfiedShare: 0.5 });
    expect(analytics.escalationRate).toBe(0);
    expect(analytics.reasons.topReasons).toEqual([
      { reason: 'Pricing', count: 2 },
      { reason: 'Refund', count: 2 },
    ]);
    expect(analytics.reasons.byTrigger).toEqual(expect.arrayContaining([{ trigger: 'ai_escalation', count: 2 }]));
    expect(analytics.agents).toEqual([
      {
        member: { id: workspace.ana.id, name: 'Ana Lopez' },
        handled: 2,
        completed: 2,
        inProgressNow: 0,
        firstResponse: { p50: 120, mean: 120 },
        resolution: { p50: 300, mean: 300 },
        rating: { mean: 3.5, count: 2 },
        transfersOut: 0,
      },
    ]);
    expect(analytics.series.reduce((sum: number, bucket: { total: number }) => sum + bucket.total, 0)).toBe(4);

    // The same hand-worked figures whichever way they are read: a period of whole hours comes from the rollups
    // alone, any period equals the reading of the handovers themselves, and a trigger filter (read from the
    // handovers) narrows every figure.
    const hour = 3600_000;
    const wholeHours = { from: new Date(Math.floor(Date.now() / hour) * hour - 24 * hour), to: new Date(Math.ceil(Date.now() / hour) * hour + hour) };
    const fromRollups = await admin.get(`/analytics/handover?from=${wholeHours.from.toISOString()}&to=${wholeHours.to.toISOString()}&tz=UTC`);
    expect(fromRollups.status).toBe(200);
    const scope = await resolveAnalyticsScope(stack.db, workspace.id, { from: wholeHours.from.toISOString(), to: wholeHours.to.toISOString(), tz: 'UTC' });
    const fromHandovers = await handoverAnalytics(stack.db, scope, 'day', { source: 'raw' });
    expect(fromRollups.body).toEqual(fromHandovers);
    const { from, to, timeZone, series, ...figures } = fromRollups.body;
    const { from: _from, to: _to, timeZone: _zone, series: _series, ...firstFigures } = analytics;
    expect(figures).toEqual(firstFigures);
    expect(series.reduce((sum: number, bucket: { total: number }) => sum + bucket.total, 0)).toBe(4);
    expect([from, to, timeZone]).toEqual([wholeHours.from.toISOString(), wholeHours.to.toISOString(), 'UTC']);

    const keyword = await admin.get('/analytics/handover?trigger=keyword');
    expect(keyword.body.filters).toEqual({ trigger: 'keyword' });
    expect(keyword.body.totals).toMatchObject({ total: 1, completed: 1, missed: 0, pending: 0 });
    expect(keyword.body.waitTime).toMatchObject({ p50: 120, count: 1 });
    expect(keyword.body.reasons.byTrigger).toEqual([{ trigger: 'keyword', count: 1 }]);
    const anas = await admin.get(`/analytics/handover?memberId=${workspace.ana.id}`);
    expect(anas.body.totals).toMatchObject({ total: 2, completed: 2, pending: 0 });
    expect(anas.body.agents.map((row: { member: { id: string } }) => row.member.id)).toEqual([workspace.ana.id]);
  });

  it('is for admins and supervisors, and refuses a period it cannot read', async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.get('/analytics/handover')).body.error.code).toBe('forbidden');
    const supervisor = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);
    expect((await supervisor.get('/analytics/handover')).status).toBe(200);
    const reversed = await supervisor.get('/analytics/handover?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('invalid_request');
    const tooLong = await supervisor.get('/analytics/handover?from=2025-01-01&to=2026-03-01');
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'invalid_request']);
    for (const [query, field] of [
      ['tz=Mars/Olympus', 'tz'],
      ['from=2026-13-01', 'from'],
      ['memberId=not-a-member', 'memberId'],
      [`memberId=${randomUUID()}`, 'memberId'],
      ['trigger=psychic', 'trigger'],
      ['outcome=vanished', 'outcome'],
    ] as const) {
      const refused = await supervisor.get(`/analytics/handover?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code, query).toBe('invalid_request');
      expect(refused.body.error.details.issues.map((issue: { path: string[] }) => issue.path[0]), query).toContain(field);
    }
  });

  it("counts local days in the asked zone, else in the workspace's", async () => {
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const paris = await admin.get('/analytics/handover?from=2026-03-28&to=2026-03-30&tz=europe/paris&bucket=hour');
    expect(paris.status).toBe(200);
    // Midnight in Paris: UTC+1 before the clocks go forward on March 29, 2026 (a 23-hour day).
    expect([paris.body.from, paris.body.to, paris.body.timeZone]).toEqual(['2026-03-27T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 'Europe/Paris']);
    await stack.db.updateTable('workspaces').set({ time_zone: 'America/New_York' }).where('id', '=', workspace.id).execute();
    try {
      const newYork = await admin.get('/analytics/handover?from=2026-11-01&to=2026-11-02');
      // November 1, 2026 is 25 hours long in New York (the clocks go back).
      expect([newYork.body.from, newYork.body.to, newYork.body.timeZone]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 'America/New_York']);
    } finally {
      await stack.db.updateTable('workspaces').set({ time_zone: 'UTC' }).where('id', '=', workspace.id).execute();
    }
  });
});
