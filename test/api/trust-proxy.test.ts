// Behind a load balancer (TRUST_PROXY set to its range), each console user keeps their own address: the console
// reaches the API over loopback, which stays trusted. Its own file: the console's handler is loaded once per process.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, testPassword } from '../support/factories.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

describe('TRUST_PROXY set to the load balancer (as deploy/env.example advises)', () => {
  let behindProxy: TestStack;
  beforeAll(async () => {
    behindProxy = await startTestStack({
      withConsole: true,
      trustProxy: '10.0.0.0/8',
      rateLimits: { perMinute: 6000, loginFailures: 100, loginFailuresPerAddress: 3 },
    });
  });
  afterAll(async () => {
    await behindProxy?.stop();
  });

  /** The console's sign-in form, posted from one client address (127.0.0.x all reach the server on lo). */
  const consoleSignIn = (localAddress: string, email: string, password: string) =>
    new Promise<string>((resolve, reject) => {
      const body = new URLSearchParams({ email, password }).toString();
      const request = http.request(
        new URL('/login?/login', behindProxy.baseUrl),
        {
          method: 'POST',
          localAddress,
          headers: { origin: behindProxy.baseUrl, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          // SvelteKit's answer to an enhanced form: {type: 'redirect'} on success, {type: 'failure', status} else.
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const result = JSON.parse(Buffer.concat(chunks).toString()) as { type: string; status: number };
            resolve(`${result.type} ${result.status}`);
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  it("one client's failed console sign-ins do not lock another client out", async () => {
    const victimWorkspace = await createWorkspace(behindProxy.db);
    for (let i = 0; i < 3; i += 1) expect(await consoleSignIn('127.0.0.2', `nobody-${i}@example.com`, 'wrong-password')).toBe('failure 401');
    // Another client, the right password. Under review: 429, since every console sign-in reaches the API from
    // 127.0.0.1, which is no longer a trusted proxy, so all share one "address".
    expect(await consoleSignIn('127.0.0.3', victimWorkspace.ana.email, testPassword)).toBe('redirect 303');
  });
});
