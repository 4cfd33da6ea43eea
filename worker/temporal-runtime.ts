import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * Routes the Temporal core's logs through one quiet logger; must run before the first NativeConnection.
 * Our processes handle SIGINT/SIGTERM themselves: the SDK's own handler re-raises the signal once its
 * workers stop, which would kill the process before it stops its child servers.
 */
export function installTemporalRuntime(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({
      logger: new DefaultLogger(level),
      shutdownSignals: [],
      // The Rust core logs through the same logger and level, rather than straight to stderr.
      telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } },
    });
  } catch {
    // Already installed by this process (a test file that imported another stack): keep that one.
  }
}
