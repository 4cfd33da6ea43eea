// Issue 10: the OpenAPI document tells the truth, as an outside fuzzer sees it. Schemathesis (pinned in
// test/schemathesis/requirements.txt, its settings in test/schemathesis/schemathesis.toml) runs every check it has
// against the live API, once with an API key and once with a console session, and any failure fails this test
// with Schemathesis's own report. Deterministic (a fixed seed, derandomized generation) and bounded (a few
// examples per operation) so CI runs the same cases every time, well within its time.
//
// To explore further by hand, raise SCHEMATHESIS_MAX_EXAMPLES or change SCHEMATHESIS_SEED; a failure's report
// names a `st replay` and a curl line.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createWorkspace } from '../support/factories.ts';
import { pythonWith } from '../support/python-env.ts';
import { sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

const here = path.resolve(import.meta.dirname, '..', 'schemathesis');
const seed = Number(process.env.SCHEMATHESIS_SEED ?? 20_261_130);
const maxExamples = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 5);
const runTimeoutMs = 5 * 60_000;

let stack: TestStack;
let python: string;
let scratch: string;

beforeAll(async () => {
  // High limits: whether a run meets 429 would depend on the machine's speed. The limits themselves, and that
  // every operation declares 429, are tested in operations.test.ts and openapi.test.ts.
  [stack, python, scratch] = await Promise.all([
    startTestStack({ rateLimits: { perMinute: 1_000_000, loginFailures: 1_000_000, passwordResetsPerAddress: 1_000_000, passwordResetsPerEmail: 1_000_000 } }),
    // The first run on a machine makes the environment from PyPI; later ones find it in .tools/.
    pythonWith(path.join(here, 'requirements.txt')),
    mkdtemp(path.join(tmpdir(), 'handover-schemathesis-')),
  ]);
}, 6 * 60_000);
afterAll(async () => {
  await stack?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface Run {
  /** Which operations this credential opens, as Schemathesis filters take them. */
  filter: string[];
  env: { HANDOVER_API_KEY: string; HANDOVER_SESSION: string };
}

function schemathesis(run: Run): Promise<{ code: number; output: string }> {
  const args = [
    '-m',
    'schemathesis.cli',
    '--config-file',
    path.join(here, 'schemathesis.toml'),
    'run',
    `${stack.baseUrl}/api/v1/openapi.json`,
    ...run.filter,
    '--checks',
    'all',
    '--seed',
    String(seed),
    '--max-examples',
    String(maxExamples),
    '--no-color',
  ];
  return new Promise((resolve) => {
    execFile(
      python,
      args,
      {
        // Its cache and any report land in a folder of the test's own, not in the work tree.
        cwd: scratch,
        env: { ...process.env, ...run.env, HANDOVER_ORIGIN: stack.baseUrl, NO_COLOR: '1', HYPOTHESIS_STORAGE_DIRECTORY: path.join(scratch, '.hypothesis') },
        maxBuffer: 64 * 1024 * 1024,
        timeout: runTimeoutMs,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** How many operations the document tags `AI services`, and how many others, but for those `skip` names. */
async function operationCounts(skip: string[]): Promise<{ ai: number; console: number }> {
  const document = (await (await fetch(`${stack.baseUrl}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
  const counts = { ai: 0, console: 0 };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (operation.tags?.includes('AI services')) counts.ai += 1;
      else if (!skip.includes(path)) counts.console += 1;
    }
  }
  return counts;
}

/** The report, trimmed to its failures and summary when it is long (the whole of it says the same many times). */
function report(output: string): string {
  return output.length <= 40_000 ? output : `${output.slice(0, 20_000)}\n…\n${output.slice(-20_000)}`;
}

// What cannot be fuzzed: the event stream never ends, so every request to it would run into the timeout; signing
// out ends the session the rest of the run uses.
const notFuzzed = ['/stream', '/auth/logout'];

// The two runs at once: each is mostly Schemathesis computing while the other waits for answers.
describe.concurrent('Schemathesis against the live API', () => {
  it('finds nothing wrong with the AI services operations, called with an API key', async ({ expect }) => {
    const workspace = await createWorkspace(stack.db);

    const { code, output } = await schemathesis({
      filter: ['--include-tag', 'AI services'],
      env: { HANDOVER_API_KEY: workspace.apiKey, HANDOVER_SESSION: 'unused' },
    });

    expect(code, report(output)).toBe(0);
    // Every operation of its kind was tested: a filter that matched nothing would pass as well.
    expect(output).toMatch(new RegExp(`Tested:\\s+${(await operationCounts([])).ai}\\b`));
  }, runTimeoutMs + 10_000);

  it('finds nothing wrong with the console operations, called with an admin session', async ({ expect }) => {
    // A workspace of its own: this run may revoke its workspace's API key or turn Human Handover off.
    const workspace = await createWorkspace(stack.db);
    const cookie = await sessionCookie(stack.baseUrl, workspace.admin);

    const { code, output } = await schemathesis({
      filter: ['--exclude-tag', 'AI services', ...notFuzzed.flatMap((path) => ['--exclude-path', path])],
      env: { HANDOVER_API_KEY: 'unused', HANDOVER_SESSION: cookie.replace(/^handover_session=/, '') },
    });

    expect(code, report(output)).toBe(0);
    expect(output).toMatch(new RegExp(`Tested:\\s+${(await operationCounts(notFuzzed)).console}\\b`));
  }, runTimeoutMs + 10_000);
});
