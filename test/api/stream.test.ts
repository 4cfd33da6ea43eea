import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { liveEventsChannel, lockWorkspaceEvents, publishLiveEvent } from '../../db/live-events.ts';
import { findFreePort } from '../../platform/ports.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { pendingHandover, type HandoverScenario } from '../support/scenarios.ts';
import { EventStream, sessionCookie, type StreamEvent } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let secondApi: ChildProcess | null = null;
const secondApiOutput: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stopSecondApi();
  await stack?.stop();
});

/** The handover ids an event is about: `handover.updated` carries the handover, the others name it. */
function handoverIdOf(event: StreamEvent): string | undefined {
  const data = JSON.parse(event.data) as { handover?: { id: string }; message?: { handoverId: string | null }; note?: { handoverId: string } };
  return data.handover?.id ?? data.message?.handoverId ?? data.note?.handoverId ?? undefined;
}

/** A handover with a customer message, Ana's claim and her answer: two `handover.updated` and two `message.created` at least. */
async function converse(workspace: TestWorkspace, ana: ApiClient): Promise<HandoverScenario> {
  const handover = await pendingHandover(stack.db, stack.baseUrl, workspace);
  const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  expect((await ai.post(`/conversations/${handover.conversationId}/messages`, { body: 'Is anyone there?', clientMessageId: 'c-1' })).status).toBe(202);
  expect((await ana.post(`/handovers/${handover.handoverId}/claim`)).status).toBe(200);
  expect((await ana.post(`/handovers/${handover.handoverId}/messages`, { body: 'Hi, Ana here.', clientMessageId: 'a-1' })).status).toBe(202);
  return handover;
}

/** Waits until the stream has shown the whole conversation: the claim and both messages. On a timeout, tells what it lacks. */
async function conversationSeen(stream: EventStream, handover: HandoverScenario): Promise<StreamEvent[]> {
  const { handoverId } = handover;
  try {
    return await stream.waitFor((events) => {
      const mine = events.filter((event) => handoverIdOf(event) === handoverId);
      const claimed = mine.some((event) => event.event === 'handover.updated' && JSON.parse(event.data).handover.status === 'in_progress');
      const messages = mine.filter((event) => event.event === 'message.created').map((event) => JSON.parse(event.data).message.body);
      return claimed && messages.includes('Is anyone there?') && messages.includes('Hi, Ana here.') ? mine : undefined;
    }, `the stream to show handover ${handoverId} claimed with both messages`);
  } catch (error) {
    const recorded = await stack.db.selectFrom('live_events').select(['id', 'type']).where('handover_id', '=', handoverId).orderBy('id').execute();
    const received = stream.events.filter((event) => handoverIdOf(event) === handoverId).map((event) => `${event.id} ${event.event}`);
    const lines = recorded.map((row) => `${row.id} ${row.type}`);
    throw new Error(`${(error as Error).message}. Recorded: ${lines.join(', ')}. Received: ${received.join(', ')}`, { cause: error });
  }
}

function note(workspaceId: string, body: string) {
  return { workspaceId, type: 'note.created' as const, handoverId: null, payload: { note: { body } } };
}

/**
 * A live event written as publishLiveEvent writes it (the workspace's event lock, then the row), but with its
 * transaction held open until `commit`.
 */
async function heldLiveEvent(workspaceId: string, body: string): Promise<{ id: string; commit(): Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let taken = (_id: string) => {};
  const id = new Promise<string>((resolve) => (taken = resolve));
  const writer = stack.db.transaction().execute(async (tx) => {
    await lockWorkspaceEvents(tx, workspaceId);
    const row = await tx
      .insertInto('live_events')
      .values({ workspace_id: workspaceId, type: 'note.created', handover_id: null, payload: JSON.stringify(note(workspaceId, body).payload) })
      .returning('id')
      .executeTakeFirstOrThrow();
    taken(row.id);
    await held;
    await sql`select pg_notify(${liveEventsChannel}, ${JSON.stringify({ id: row.id, workspaceId })})`.execute(tx);
  });
  return {
    id: await id,
    async commit() {
      release();
      await writer;
    },
  };
}

/** How many transactions wait for the workspace's event lock (lockWorkspaceEvents), not yet granted it. */
async function waitersOnEventLock(workspaceId: string): Promise<number> {
  // A bigint advisory key shows in pg_locks as classid (its high 32 bits) and objid (its low 32 bits).
  const { rows } = await sql<{ waiting: string }>`
    with lock as (select hashtextextended(${`live_events:${workspaceId}`}, 0) as key)
    select count(*) as waiting from pg_locks, lock
    where locktype = 'advisory' and not granted and objsubid = 1
      and classid::int8 = (lock.key >> 32) & 4294967295 and objid::int8 = lock.key & 4294967295`.execute(stack.db);
  return Number(rows[0]?.waiting ?? 0);
}

describe('GET /stream', () => {
  it("sends a member her workspace's handover and message events, and never another workspace's", async () => {
    const [own, other] = await Promise.all([createWorkspace(stack.db), createWorkspace(stack.db)]);
    const [anaCookie, otherCookie] = await Promise.all([sessionCookie(stack.baseUrl, own.ana), sessionCookie(stack.baseUrl, other.ana)]);
    const ours = await EventStream.open(stack.baseUrl, { cookie: anaCookie });
    const theirs = await EventStream.open(stack.baseUrl, { cookie: otherCookie });
    expect(ours.status).toBe(200);
    expect(ours.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    // The other workspace goes first, and its own member sees all of it before ours begins.
    const theirHandover = await converse(other, new ApiClient(stack.baseUrl, { cookie: otherCookie }));
    await conversationSeen(theirs, theirHandover);
    const ourHandover = await converse(own, new ApiClient(stack.baseUrl, { cookie: anaCookie }));
    const seen = await conversationSeen(ours, ourHandover);
    await Promise.all([ours.close(), theirs.close()]);

    expect(seen.map((event) => event.event)).toEqual(expect.arrayContaining(['handover.updated', 'message.created']));
    expect(ours.events.every((event) => event.id !== null && /^\d+$/.test(event.id))).toBe(true);
    expect(new Set(ours.events.map(handoverIdOf))).toEqual(new Set([ourHandover.handoverId]));
    const text = JSON.stringify(ours.events);
    for (const secret of [theirHandover.handoverId, theirHandover.conversationId, theirHandover.customerName, other.id]) expect(text).not.toContain(secret);
  });

  it('shows an agent who is not selected for handovers none of the handovers of her workspace', async () => {
    const own = await createWorkspace(stack.db);
    const [anaCookie, caraCookie] = await Promise.all([sessionCookie(stack.baseUrl, own.ana), sessionCookie(stack.baseUrl, own.cara)]);
    const ana = await EventStream.open(stack.baseUrl, { cookie: anaCookie });
    const cara = await EventStream.open(stack.baseUrl, { cookie: caraCookie });

    const handover = await converse(own, new ApiClient(stack.baseUrl, { cookie: anaCookie }));
    await conversationSeen(ana, handover);
    await Promise.all([ana.close(), cara.close()]);

    expect(cara.status).toBe(200);
    expect(cara.events).toEqual([]);
  });

  it('stops sending a supervisor demoted to agent what agents may not see, told by the role change, not the minute re-check', async () => {
    // This file's stack re-checks open streams every minute, the product's default: only the notification is fast.
    const opened = Date.now();
    const own = await createWorkspace(stack.db);
    const [samCookie, anaCookie] = await Promise.all([sessionCookie(stack.baseUrl, own.supervisor), sessionCookie(stack.baseUrl, own.ana)]);
    const sam = await EventStream.open(stack.baseUrl, { cookie: samCookie });
    const ana = await EventStream.open(stack.baseUrl, { cookie: anaCookie });
    const updatesOf = (stream: EventStream, handoverId: string) =>
      stream.data<{ handover: { id: string } }>('handover.updated').filter((data) => data.handover.id === handoverId).length;
    const before = await pendingHandover(stack.db, stack.baseUrl, own);
    await sam.waitFor(() => (updatesOf(sam, before.handoverId) > 0 ? true : undefined), 'Sam, a supervisor, to see the first handover');

    const admin = await ApiClient.signIn(stack.baseUrl, own.admin);
    expect((await admin.request('PATCH', `/members/${own.supervisor.id}`, JSON.stringify({ role: 'agent' }))).status).toBe(200);
    // Give the change its notification, then a handover for the team, which Sam, an agent off the team, may not see.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await pendingHandover(stack.db, stack.baseUrl, own);
    await ana.waitFor(() => (updatesOf(ana, after.handoverId) > 0 ? true : undefined), 'Ana, on the team, to see the second handover');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(updatesOf(sam, after.handoverId)).toBe(0);
    // Re-filtered, not ended: Sam still works, as an agent.
    expect(sam.endedByServer).toBe(false);
    // Well inside the minute after which the stream would have re-checked by itself.
    expect(Date.now() - opened).toBeLessThan(45_000);
    await Promise.all([sam.close(), ana.close()]);
  });

  it('replays to a client that reconnects with Last-Event-ID exactly the events it missed', async () => {
    const own = await createWorkspace(stack.db);
    const cookie = await sessionCookie(stack.baseUrl, own.ana);
    const ana = new ApiClient(stack.baseUrl, { cookie });
    const ai = ApiClient.forApiKey(stack.baseUrl, own.apiKey);
    const first = await EventStream.open(stack.baseUrl, { cookie });
    const handover = await pendingHandover(stack.db, stack.baseUrl, own);
    await first.waitFor((events) => events.find((event) => handoverIdOf(event) === handover.handoverId), 'the request on the first connection');
    await first.close();
    const lastEventId = first.events.at(-1)?.id as string;

    // While the client is away: a customer message, the claim, an answer and a note.
    await ai.post(`/conversations/${handover.conversationId}/messages`, { body: 'Hello?', clientMessageId: 'c-1' });
    await ana.post(`/handovers/${handover.handoverId}/claim`);
    await ana.post(`/handovers/${handover.handoverId}/messages`, { body: 'Hi, Ana here.', clientMessageId: 'a-1' });
    await ana.post(`/handovers/${handover.handoverId}/notes`, { body: 'Asked while away' });
    const missedWhileAway = async () => {
      const rows = await stack.db.selectFrom('live_events').select('type').where('workspace_id', '=', own.id).where('id', '>', lastEventId).execute();
      const count = (type: string) => rows.filter((row) => row.type === type).length;
      return count('message.created') === 2 && count('handover.updated') >= 1 && count('note.created') === 1 ? true : undefined;
    };
    await eventually(missedWhileAway, 'the events raised while away to be recorded');

    // Back again, and at once more notes, live while the replay runs (one after another: writers racing are the next test).
    const second = await EventStream.open(stack.baseUrl, { cookie }, lastEventId);
    for (let index = 0; index < 12; index += 1) {
      expect((await ana.post(`/handovers/${handover.handoverId}/notes`, { body: `Live ${index}` })).status).toBe(201);
    }

    const recorded = async () =>
      (await stack.db.selectFrom('live_events').select('id').where('workspace_id', '=', own.id).where('id', '>', lastEventId).orderBy('id').execute()).map((row) => row.id);
    await eventually(async () => {
      const received = new Set(second.events.map((event) => event.id));
      return (await recorded()).every((id) => received.has(id)) ? true : undefined;
    }, 'every recorded event on the second connection', 8_000).catch(() => undefined);
    // Ordering proves no late duplicate: a workspace's events reach a stream in commit order, so one committed after all others comes after anything still queued for them.
    const last = await publishLiveEvent(stack.db, note(own.id, 'After every other event'));
    await second.waitFor((events) => events.find((event) => event.id === last), 'the last event on the second connection', 8_000).catch(() => undefined);
    await second.close();

    const upToLast = (ids: (string | null)[]) => ids.filter((id) => id === null || BigInt(id) <= BigInt(last));
    const expected = upToLast(await recorded());
    expect(expected.length).toBeGreaterThanOrEqual(16 + 1);
    expect(upToLast(second.events.map((event) => event.id)), 'every missed and live event once, in order, none from before Last-Event-ID').toEqual(expected);
  });

  it('starts a new connection without Last-Event-ID at the present, without replaying what came before', async () => {
    const own = await createWorkspace(stack.db);
    const cookie = await sessionCookie(stack.baseUrl, own.ana);
    const first = await EventStream.open(stack.baseUrl, { cookie });
    const seen = await publishLiveEvent(stack.db, note(own.id, 'Seen by the first connection'));
    await first.waitFor((events) => events.find((event) => event.id === seen), 'the first connection to listen');
    await first.close();
    const before = await publishLiveEvent(stack.db, note(own.id, 'Before the second connection'));

    // A new tab, with no Last-Event-ID: it wants what happens from now on. Publish until it hears something.
    const second = await EventStream.open(stack.baseUrl, { cookie });
    const now = await eventually(async () => {
      const id = await publishLiveEvent(stack.db, note(own.id, 'Now'));
      return second.events.length > 0 ? id : undefined;
    }, 'the second connection to hear a new event');
    await second.close();

    const ids = second.events.map((event) => event.id as string);
    expect(ids.filter((id) => BigInt(id) <= BigInt(before)), 'events from before the connection').toEqual([]);
    expect(BigInt(now)).toBeGreaterThan(BigInt(before));
  });

  // Two writers at once used to let a later id commit first, so a stream (and a replay after Last-Event-ID)
  // could skip the earlier one. A workspace's events are now written one at a time: ids follow commit order.
  it('makes a second writer wait while another holds its event open, so ids follow commit order on the stream', async () => {
    const own = await createWorkspace(stack.db);
    const stream = await EventStream.open(stack.baseUrl, { cookie: await sessionCookie(stack.baseUrl, own.ana) });
    const warmUp = await publishLiveEvent(stack.db, note(own.id, 'Warm-up'));
    await stream.waitFor((events) => events.find((event) => event.id === warmUp), 'the stream to be listening');

    const slow = await heldLiveEvent(own.id, 'Slow');
    let fastId: string | null = null;
    const fast = publishLiveEvent(stack.db, note(own.id, 'Fast')).then((id) => (fastId = id));
    // Ordering, not waiting: it is seen queued behind the lock the first writer holds, so it began before that commit and cannot have an id yet.
    await eventually(async () => ((await waitersOnEventLock(own.id)) > 0 ? true : undefined), 'the second writer to queue on the event lock');
    expect(fastId, 'the second writer waits for the first').toBeNull();
    await slow.commit();
    await fast;

    expect(BigInt(fastId as unknown as string)).toBeGreaterThan(BigInt(slow.id));
    await stream.waitFor((events) => events.find((event) => event.id === fastId), 'the later event');
    await stream.close();
    expect(stream.events.map((event) => event.id)).toEqual([warmUp, slow.id, fastId]);
  });

  // A notification carries the event itself when it fits, so the stream needs no read; a larger one carries
  // only its id and is read back. Both kinds go out through one queue, in commit order.
  it('delivers events too large for a notification whole, in order among those carried inline', async () => {
    const own = await createWorkspace(stack.db);
    const stream = await EventStream.open(stack.baseUrl, { cookie: await sessionCookie(stack.baseUrl, own.ana) });
    const warmUp = await publishLiveEvent(stack.db, note(own.id, 'Warm-up'));
    await stream.waitFor((events) => events.find((event) => event.id === warmUp), 'the stream to be listening');

    const large = 'é'.repeat(4000); // 8,000 bytes of UTF-8: over NOTIFY's limit on its own
    const bodies = ['small 1', large, 'small 2', `${large}!`, 'small 3'];
    const ids = await Promise.all(bodies.map((body) => publishLiveEvent(stack.db, note(own.id, body))));
    const inCommitOrder = [...ids].sort((a, b) => Number(BigInt(a) - BigInt(b)));
    await stream.waitFor((events) => events.find((event) => event.id === inCommitOrder.at(-1)), 'the last event');
    await stream.close();

    const received = stream.events.filter((event) => event.id !== warmUp);
    expect(received.map((event) => event.id)).toEqual(inCommitOrder);
    const byId = new Map(received.map((event) => [event.id, JSON.parse(event.data).note.body as string]));
    expect(ids.map((id) => byId.get(id))).toEqual(bodies);
  });

  it('carries an event raised through one API process to a stream on another process', async () => {
    const own = await createWorkspace(stack.db);
    const secondUrl = await startSecondApi();
    const cookie = await sessionCookie(secondUrl, own.ana);
    const stream = await EventStream.open(secondUrl, { cookie });
    expect(stream.status).toBe(200);

    // Raised through the first process: a new handover (its worker publishes) and a note (that API publishes).
    const conversationId = `conv-${randomUUID()}`;
    const started = await ApiClient.forApiKey(stack.baseUrl, own.apiKey).post('/handovers', { conversationId, reason: 'Across processes', trigger: 'other' });
    expect(started.status).toBe(201);
    const handoverId: string = started.body.handover.id;
    await stream.waitFor((events) => events.find((event) => event.event === 'handover.updated' && handoverIdOf(event) === handoverId), 'the request on the second process');
    const ana = await ApiClient.signIn(stack.baseUrl, own.ana);
    expect((await ana.post(`/handovers/${handoverId}/notes`, { body: 'Seen from both' })).status).toBe(201);
    const note = await stream.waitFor(
      (events) => events.find((event) => event.event === 'note.created' && handoverIdOf(event) === handoverId),
      'the note on the second process',
    );
    await stream.close();

    expect(JSON.parse(note.data).note).toMatchObject({ body: 'Seen from both', author: { id: own.ana.id } });
  });
});

/**
 * A second API process on the same PostgreSQL and Temporal, with the stack's task queue so its commands reach
 * this file's worker. It lives a few seconds, well before its orphan recovery first runs (every 30 s).
 */
async function startSecondApi(): Promise<string> {
  const port = await findFreePort();
  const root = fileURLToPath(new URL('../..', import.meta.url));
  secondApi = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  secondApi.stdout?.on('data', (chunk: Buffer) => secondApiOutput.push(chunk.toString()));
  secondApi.stderr?.on('data', (chunk: Buffer) => secondApiOutput.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (secondApi?.exitCode !== null) throw new Error(`the second API exited: ${secondApiOutput.join('')}`);
      const ready = await fetch(`${url}/readyz`).catch(() => null);
      return ready?.status === 200 ? true : undefined;
    },
    'the second API process to be ready',
    30_000,
  );
  return url;
}

async function stopSecondApi(): Promise<void> {
  const child = secondApi;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 8_000);
  await exited;
  clearTimeout(force);
}
