// What an attacker on the open internet tries (issue 12): each test names the hole it keeps closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
import { sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let workspace: TestWorkspace;

beforeAll(async () => {
  stack = await startTestStack({ withConsole: true });
  workspace = await createWorkspace(stack.db);
});
afterAll(async () => {
  await stack?.stop();
});

describe("the console's sign-in redirect", () => {
  it('follows `next` only to a page of the console, whatever its encoding', async () => {
    const cookie = await sessionCookie(stack.baseUrl, workspace.ana);
    const redirectFor = async (next: string) => {
      const response = await fetch(`${stack.baseUrl}/login?next=${encodeURIComponent(next)}`, { headers: { cookie }, redirect: 'manual' });
      expect(response.status).toBe(303);
      return response.headers.get('location');
    };
    // A tab, a newline or a backslash that a browser drops or turns into `/` makes `//evil.example`: another site.
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '//evil.example', 'https://evil.example/', '/\t\\evil.example', ' //evil.example']) {
      expect(await redirectFor(next), JSON.stringify(next)).toBe('/conversations');
    }
    // Pages of the console are followed, with their query.
    expect(await redirectFor('/conversations?view=all&q=refund')).toBe('/conversations?view=all&q=refund');
    expect(await redirectFor('/analytics')).toBe('/analytics');
  });
});

describe('the session cookie', () => {
  it('is httpOnly, and over https takes the __Host- prefix, so a sibling subdomain cannot plant one', async () => {
    const signIn = (headers: Record<string, string>) =>
      fetch(`${stack.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: workspace.ana.email, password: testPassword }),
      });
    const plain = (await signIn({})).headers.getSetCookie()[0] ?? '';
    expect(plain).toMatch(/^handover_session=[^;]+;/);
    expect(plain).toMatch(/; HttpOnly/i);

    // Behind the (trusted, loopback) TLS proxy: https.
    const https = { 'x-forwarded-proto': 'https' };
    const secure = (await signIn(https)).headers.getSetCookie()[0] ?? '';
    expect(secure).toMatch(/^__Host-handover_session=[^;]+;/);
    expect(secure).toMatch(/; Secure/i);
    expect(secure).toMatch(/; Path=\//i);
    expect(secure).not.toMatch(/; Domain=/i);
    const token = secure.split(';')[0]!.split('=')[1]!;
    const me = (cookie: string) => fetch(`${stack.baseUrl}/api/v1/me`, { headers: { cookie, ...https } });
    expect((await me(`__Host-handover_session=${token}`)).status).toBe(200);
    // Over https the unprefixed name is not read: anyone on a sibling subdomain could have set it.
    expect((await me(`handover_session=${token}`)).status).toBe(401);
  });
});
