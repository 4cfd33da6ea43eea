import { inject } from 'vitest';
import { findFreePort } from '../../platform/ports.ts';
import { startTemporalDevServer, type DevServerHandle } from '../../runtime/temporal-dev-server.ts';

/**
 * A Temporal dev server of a test file's own that suggests continue-as-new after `events` history events, so
 * a short conversation reaches the point where a handover wants a new run.
 */
export async function startDevServerSuggestingContinueAsNew(events: number): Promise<DevServerHandle> {
  return startTemporalDevServer({
    cli: inject('temporalCli'),
    port: await findFreePort(),
    uiPort: await findFreePort(),
    namespace: 'default',
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': events },
  });
}
