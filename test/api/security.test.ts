// What an attacker on the open internet tries (issue 12): each test names the hole it keeps closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, testPassword, type TestWorkspace } from '../support/factories.ts';
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

/** The session cookie of a signed-in member, as a browser would send it. */
async function sessionCookie(): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: workspace.ana.email, password: testPassword }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
}

describe("the console's sign-in redirect", () => {
  it('follows `next` only to a page of the console, whatever its encoding', async () => {
    const cookie = await sessionCookie();
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
