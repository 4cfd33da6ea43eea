import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { installTemporalRuntime } from '../../worker/temporal-runtime.ts';
import { historiesDir } from '../support/histories.ts';

// The deliberately broken replay below is expected to log determinism failures; keep them out of the output.
installTemporalRuntime('ERROR');

async function loadHistories() {
  const files = (await readdir(historiesDir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      workflowId: path.basename(file, '.json'),
      history: historyFromJSON(JSON.parse(await readFile(path.join(historiesDir, file), 'utf8'))),
    })),
  );
}

describe('saved workflow histories', () => {
  it('replay without a determinism error against the current workflow code', async () => {
    const histories = await loadHistories();
    // Recorded before the delivery workflow and the write lane (they replay on the older path behind the
    // patch; the two "legacy" ones were recorded later, from the code of that time, for a claim in the same
    // task as the fallback and for both sides' messages held by a run's first task), after them, and after
    // messages were stored, and webhook events sent, by local activities (the four "local").
    expect(histories.map((entry) => entry.workflowId)).toEqual([
      'handover-carried-over',
      'handover-claimed-then-ended',
      'handover-continued-as-new',
      'handover-customer-left',
      'handover-ended-while-continuing-as-new',
      'handover-lane-carried-then-ended',
      'handover-lane-continued-as-new',
      'handover-legacy-claim-with-fallback',
      'handover-legacy-signals-before-first-task',
      'handover-messages-local-carried-over',
      'handover-messages-local-continued-as-new',
      'handover-missed-fallback',
      'handover-requeued-after-silence',
      'handover-transferred-messages-local',
      'handover-transferred',
      // The notification workflow: three levels handed over, twelve deliveries side by side.
      'notification-delivery-three-levels',
      'webhook-delivery-handed-over-repeatedly',
      'webhook-delivery-local-handed-over-repeatedly',
    ]);
    const workflowBundle = { code: await readFile(inject('workflowBundlePath'), 'utf8') };
    for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'handover' }, histories)) {
      expect(result.error, `${result.workflowId}: ${String(result.error)}`).toBeUndefined();
    }
  });

  it('would fail CI for a workflow that changed the order of its commands', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./fixtures/changed-workflow.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    const histories = await loadHistories();
    const errors: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: changed, replayName: 'changed' }, histories)) {
      if (result.error) errors.push(result.error.name);
    }
    expect(errors).toHaveLength(histories.length);
    expect(errors.every((name) => name === 'DeterminismViolationError')).toBe(true);
  });
});
