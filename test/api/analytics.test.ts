import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  });

  it('is for admins and supervisors, and refuses a period it cannot read', async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.get('/analytics/handover')).body.error.code).toBe('forbidden');
    const supervisor = await ApiClient.signIn(stack.baseUrl, workspace.supervisor);
    expect((await supervisor.get('/analytics/handover')).status).toBe(200);
    const reversed = await supervisor.get('/analytics/handover?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('invalid_request');
  });
});
