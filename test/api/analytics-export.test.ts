import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf } from '../../db/connect.ts';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { defaultEscalation } from '../../domain/policy.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Issue 13: the handovers and the agent table of a period as CSV, streamed by COPY on a pool client of its own.

let stack: TestStack;
let workspace: TestWorkspace;
let admin: ApiClient;
/** Three handovers of 15 January 2026 (UTC), every field known: completed by Ana, missed, still pending. */
let known: { completed: Known; missed: Known; pending: Known };

interface Known {
  id: string;
  conversationId: string;
}

// An hour before the ladder's first step: a handover left pending does not escalate while the file runs.
const slowLadder = { ...defaultEscalation, levels: defaultEscalation.levels.map((level) => ({ ...level, afterSeconds: 3600 })) };
const day = 'from=2026-01-15&to=2026-01-16';
const handoverHeader =
  'handover_id,conversation_id,requested_at,trigger,reason,status,outcome,escalation_level,requeues,transfers,assignee,claimed_at,' +
  'first_response_at,ended_at,wait_seconds,first_response_seconds,resolution_seconds,rating,rating_comment,customer_name,customer_email';
const agentHeader =
  'member_id,member_name,handled,completed,in_progress_now,first_response_p50_seconds,first_response_mean_seconds,' +
  'resolution_p50_seconds,resolution_mean_seconds,rating_mean,rating_count,transfers_out';

beforeAll(async () => {
  stack = await startTestStack();
  workspace = await createWorkspace(stack.db, { escalation: slowLadder });
  admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
  const start = async (body: Record<string, unknown>): Promise<Known> => {
    const conversationId = `conv-${randomUUID()}`;
    const answer = await ai.post('/handovers', { conversationId, ...body });
    expect(answer.status).toBe(201);
    return { id: answer.body.handover.id, conversationId };
  };
  // A reason a spreadsheet would run as a formula, a customer name starting with @, a comment with a comma and quotes.
  const completed = await start({ trigger: 'user_request', reason: '=1+1', customer: { name: '@Jo Customer', email: 'jo@example.test' } });
  await ana.post(`/handovers/${completed.id}/claim`);
  await ana.post(`/handovers/${completed.id}/messages`, { body: 'Hello', clientMessageId: 'hello' });
  await eventually(async () => ((await ana.get(`/handovers/${completed.id}`)).body.handover.firstResponseAt ? true : undefined), 'the first response');
  await ana.post(`/handovers/${completed.id}/end`, { outcome: 'resolved' });
  await stack.temporal.workflow.getHandle(handoverWorkflowId(completed.id)).result();
  expect((await ai.post(`/handovers/${completed.id}/rating`, { score: 4, comment: 'Quick, "kind" help' })).status).toBe(200);
  const missed = await start({ trigger: 'ai_escalation', reason: 'Pricing\nquestion', customer: { name: 'Lee' } });
  await ai.post(`/handovers/${missed.id}/leave`);
  await stack.temporal.workflow.getHandle(handoverWorkflowId(missed.id)).result();
  const pending = await start({ trigger: 'keyword', reason: 'Refund' });
  // Known instants: a wait of 60 s, a first response after 90 s, a resolution of 240 s.
  await setTimes(completed.id, { requested: '10:00:00', claimed: '10:01:00', firstResponse: '10:01:30', ended: '10:05:00' });
  await setTimes(missed.id, { requested: '11:00:00', ended: '11:02:00' });
  await setTimes(pending.id, { requested: '23:30:00' });
  known = { completed, missed, pending };
});
afterAll(async () => {
  await stack?.stop();
});

/** Sets a handover's times on 15 January 2026, UTC. */
async function setTimes(id: string, times: { requested: string; claimed?: string; firstResponse?: string; ended?: string }) {
  const at = (time: string | undefined) => (time === undefined ? null : new Date(`2026-01-15T${time}Z`));
  await stack.db
    .updateTable('handovers')
    .set({ requested_at: at(times.requested)!, claimed_at: at(times.claimed), first_response_at: at(times.firstResponse), ended_at: at(times.ended) })
    .where('id', '=', id)
    .execute();
}

async function download(client: ApiClient, file: string, query: string) {
  const answer = await client.request('GET', `/analytics/handover/${file}?${query}`);
  return { ...answer, rows: typeof answer.body === 'string' ? parseCsv(answer.body) : null };
}

describe('GET /analytics/handover/handovers.csv', () => {
  it('gives one row per handover of the period, oldest first, every field as the analytics define it', async () => {
    const answer = await download(admin, 'handovers.csv', `${day}&tz=UTC`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="handovers-2026-01-15-2026-01-16.csv"');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { completed, missed, pending } = known;
    expect((answer.body as string).split('\n')[0]).toBe(handoverHeader);
    expect(answer.rows).toEqual([
      handoverHeader.split(','),
      [
        completed.id, completed.conversationId, '2026-01-15T10:00:00+00:00', 'user_request', "'=1+1", 'completed', 'resolved', '0', '0', '0',
        'Ana Lopez', '2026-01-15T10:01:00+00:00', '2026-01-15T10:01:30+00:00', '2026-01-15T10:05:00+00:00', '60', '90', '240', '4',
        'Quick, "kind" help', "'@Jo Customer", 'jo@example.test',
      ],
      [
        missed.id, missed.conversationId, '2026-01-15T11:00:00+00:00', 'ai_escalation', 'Pricing\nquestion', 'missed', 'customer_left', '0', '0', '0',
        '', '', '', '2026-01-15T11:02:00+00:00', '', '', '', '', '', 'Lee', '',
      ],
      [pending.id, pending.conversationId, '2026-01-15T23:30:00+00:00', 'keyword', 'Refund', 'pending', '', '0', '0', '0', '', '', '', '', '', '', '', '', '', '', ''],
    ]);
  });

  it('prints the times in the zone asked, with their offset, and counts its local days', async () => {
    const kolkata = await download(admin, 'handovers.csv', `${day}&tz=Asia/Kolkata`);
    // Local days of Kolkata: 15 January starts at 18:30 UTC the day before, so the 23:30 UTC request is the 16th.
    expect(kolkata.rows?.slice(1).map((row) => row[2])).toEqual(['2026-01-15T15:30:00+05:30', '2026-01-15T16:30:00+05:30']);
    expect(kolkata.rows?.[1]?.slice(11, 14)).toEqual(['2026-01-15T15:31:00+05:30', '2026-01-15T15:31:30+05:30', '2026-01-15T15:35:00+05:30']);

    const newYork = await download(admin, 'handovers.csv', 'from=2026-01-15T00:00:00Z&to=2026-01-16T00:00:00Z&tz=America/New_York');
    expect(newYork.rows?.slice(1).map((row) => row[2])).toEqual(['2026-01-15T05:00:00-05:00', '2026-01-15T06:00:00-05:00', '2026-01-15T18:30:00-05:00']);
    // The same instants, whatever the zone: the durations do not move.
    expect(newYork.rows?.[1]?.slice(14, 17)).toEqual(['60', '90', '240']);
  });

  it('narrows by trigger, member and outcome', async () => {
    const ids = async (filter: string) => (await download(admin, 'handovers.csv', `${day}&tz=UTC&${filter}`)).rows?.slice(1).map((row) => row[0]);
    expect(await ids('trigger=keyword')).toEqual([known.pending.id]);
    expect(await ids(`memberId=${workspace.ana.id}`)).toEqual([known.completed.id]);
    expect(await ids('outcome=customer_left')).toEqual([known.missed.id]);
    expect(await ids('outcome=timed_out')).toEqual([]);
  });

  it("never shows another workspace's handovers, and each workspace its own", async () => {
    const other = await createWorkspace(stack.db, { escalation: slowLadder });
    const answer = await ApiClient.forApiKey(stack.baseUrl, other.apiKey).post('/handovers', { conversationId: `conv-${randomUUID()}`, trigger: 'other', reason: 'Theirs' });
    await setTimes(answer.body.handover.id, { requested: '12:00:00' });

    const ours = await download(admin, 'handovers.csv', `${day}&tz=UTC`);
    expect(ours.rows?.map((row) => row[0])).not.toContain(answer.body.handover.id);
    expect(ours.body).not.toContain('Theirs');
    const theirs = await download(await ApiClient.signIn(stack.baseUrl, other.admin), 'handovers.csv', `${day}&tz=UTC`);
    expect(theirs.rows?.slice(1).map((row) => row[0])).toEqual([answer.body.handover.id]);
    // A member of another workspace is no member here.
    const stranger = await download(admin, 'handovers.csv', `${day}&memberId=${other.ana.id}`);
    expect(stranger.status).toBe(400);
  });
});

describe('GET /analytics/handover/agents.csv', () => {
  it("gives the agent table's rows for the period", async () => {
    const answer = await download(admin, 'agents.csv', `${day}&tz=UTC`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="agents-2026-01-15-2026-01-16.csv"');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.rows).toEqual([agentHeader.split(','), [workspace.ana.id, 'Ana Lopez', '1', '1', '0', '90', '90', '240', '240', '4', '1', '0']]);
    // The same figures as the page's agent table.
    const json = (await admin.get(`/analytics/handover?${day}&tz=UTC`)).body.agents;
    expect(json).toEqual([
      {
        member: { id: workspace.ana.id, name: 'Ana Lopez' },
        handled: 1,
        completed: 1,
        inProgressNow: 0,
        firstResponse: { p50: 90, mean: 90 },
        resolution: { p50: 240, mean: 240 },
        rating: { mean: 4, count: 1 },
        transfersOut: 0,
      },
    ]);
  });

  it('is only a header when no one claimed anything', async () => {
    const answer = await download(admin, 'agents.csv', 'from=2025-06-01&to=2025-06-02');
    expect(answer.status).toBe(200);
    expect(answer.rows).toEqual([agentHeader.split(',')]);
  });
});

describe('refusals', () => {
  for (const file of ['handovers.csv', 'agents.csv']) {
    it(`${file}: agents are refused, and bad input gets the JSON envelope, not a CSV`, async () => {
      const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
      const refused = await download(ana, file, day);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect((await download(await ApiClient.signIn(stack.baseUrl, workspace.supervisor), file, day)).status).toBe(200);

      const cases: [query: string, status: number, code: string][] = [
        ['from=2026-02-01&to=2026-01-01', 400, 'invalid_request'],
        ['from=2024-01-01&to=2026-01-01', 400, 'invalid_request'],
        [`${day}&tz=Mars/Olympus_Mons`, 400, 'invalid_request'],
        [`${day}&memberId=${randomUUID()}`, 400, 'invalid_request'],
        [`${day}&memberId=not-an-id`, 400, 'invalid_request'],
        [`${day}&trigger=nonsense`, 400, 'invalid_request'],
        [`${day}&bucket=day`, 400, 'invalid_request'],
      ];
      for (const [query, status, code] of cases) {
        const answer = await download(admin, file, query);
        expect([query, answer.status, answer.body?.error?.code]).toEqual([query, status, code]);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expect(answer.headers.get('content-disposition')).toBeNull();
      }
    });
  }
});

describe('streaming', () => {
  it('frees its pool client when the download is aborted midway, however many are', async () => {
    // A workspace of 2,500 handovers with long customer names, so the file is megabytes and still being copied when
    // the client hangs up (few rows: each also feeds the analytics rollups as it is written).
    const big = await createWorkspace(stack.db, { escalation: slowLadder });
    await sql`
      with inserted as (
        insert into conversations (workspace_id, external_id, customer, created_at, updated_at)
        select ${big.id}, 'bulk-' || n, '{}', now(), now() from generate_series(1, 2500) n returning id
      )
      insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, metadata, policy, requested_at)
      select gen_random_uuid(), ${big.id}, inserted.id, 'missed', 'keyword', 'Bulk', ${JSON.stringify({ name: 'x'.repeat(2400) })}, '{}', '{}',
        ${new Date('2026-01-15T12:00:00Z')}
      from inserted`.execute(stack.db);
    const cookie = await sessionCookie(stack.baseUrl, big.admin);
    const pool = poolOf(stack.db);
    const url = `${stack.baseUrl}/api/v1/analytics/handover/handovers.csv?${day}&tz=UTC`;

    // More aborted downloads than the pool has clients: a leaked client each would leave the next one waiting.
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const hangUp = new AbortController();
      const response = await fetch(url, { headers: { cookie }, signal: hangUp.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value).startsWith(handoverHeader)).toBe(true);
      hangUp.abort();
      await reader.read().catch(() => {});
    }
    // And hang-ups earlier still: while the period is resolved, the client checked out, the COPY started.
    await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const hangUp = new AbortController();
        setTimeout(() => hangUp.abort(), index * 3);
        await fetch(url, { headers: { cookie }, signal: hangUp.signal }).then((response) => response.text()).catch(() => {});
      }),
    );
    // Every client back in the pool (none checked out), and no COPY left running in PostgreSQL.
    await eventually(async () => (pool.idleCount === pool.totalCount && pool.waitingCount === 0 ? true : undefined), 'the pool to be idle');
    await eventually(async () => {
      const { rows } = await sql<{ count: string }>`
        select count(*) as count from pg_stat_activity where query like 'copy (%' and state = 'active'`.execute(stack.db);
      return Number(rows[0]?.count) === 0 ? true : undefined;
    }, 'the COPYs to stop');

    // And a whole download still works: every row of the workspace, the last one ending the file.
    const whole = await fetch(url, { headers: { cookie } });
    const text = await whole.text();
    expect(whole.status).toBe(200);
    expect(text.trimEnd().split('\n')).toHaveLength(2_501);
  }, 120_000);
});

/** RFC 4180 as PostgreSQL writes it: quoted cells may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (character !== '\r') cell += character;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
