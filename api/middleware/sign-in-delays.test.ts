import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { errorHandler } from './errors.ts';
import { signInDelays } from './sign-in-delays.ts';

let server: http.Server | undefined;
afterEach(() => server?.close());

/** A sign-in route behind the delays, taking 50 ms to check a password; the address is X-Forwarded-For's. */
async function signInApp(loginFailures: number, now: () => number = Date.now): Promise<string> {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(express.json());
  app.post('/login', signInDelays({ perMinute: 1000, loginFailures }, now), async (req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    res.status(req.body.password === 'right' ? 200 : 401).json({});
  });
  app.use(errorHandler(createLogger('silent', 'test')));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/login`;
}
const attempt = (url: string, password: string, from = '203.0.113.1') =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email: 'victim@example.com', password }),
  }).then((response) => response.status);

describe('signInDelays (found by a cold review)', () => {
  it('lets no more than loginFailures guesses through when they are sent at once', async () => {
    const url = await signInApp(3);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => attempt(url, 'guess')));
    expect(statuses.filter((status) => status === 401).length).toBe(3);
    expect(statuses.filter((status) => status === 429).length).toBe(37);
  });

  it('never keeps the owner out: a guesser sending one guess per wait slows only itself', async () => {
    let clock = 0;
    const url = await signInApp(3, () => clock);
    for (let index = 0; index < 3; index += 1) expect(await attempt(url, 'guess')).toBe(401);
    expect(await attempt(url, 'guess')).toBe(429);
    for (let minute = 0; minute < 5; minute += 1) {
      clock += 60_000;
      expect(await attempt(url, 'guess')).toBe(401);
      clock += 1_000;
      // The owner, from their own address, gets in every time.
      expect(await attempt(url, 'right', '198.51.100.7')).toBe(200);
    }
  });
});

describe('signInDelays: the waits', () => {
  it('start at 2 s after the allowed failures, double with each failure to 1 min, and start over after a sign-in', async () => {
    let clock = 0;
    const url = await signInApp(1, () => clock);
    const answer = async (password: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.1' },
        body: JSON.stringify({ email: 'victim@example.com', password }),
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    };
    // Each wait in seconds, as Retry-After gives it right after a failure.
    const waits: number[] = [];
    expect(await answer('guess')).toEqual({ status: 401, retryAfter: null });
    for (let failure = 0; failure < 8; failure += 1) {
      const { status, retryAfter } = await answer('guess');
      expect(status).toBe(429);
      waits.push(Number(retryAfter));
      // A millisecond short of the wait is still refused; the wait itself is enough.
      clock += Number(retryAfter) * 1000 - 1;
      expect((await answer('guess')).status).toBe(429);
      clock += 1;
      expect((await answer('guess')).status).toBe(401);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);

    // The owner signs in after the wait: the count starts over, and the next failure waits 2 s again.
    clock += 60_000;
    expect((await answer('right')).status).toBe(200);
    expect((await answer('guess')).status).toBe(401);
    expect(await answer('guess')).toEqual({ status: 429, retryAfter: '2' });
  });
});
