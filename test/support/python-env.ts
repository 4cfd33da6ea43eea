// A Python virtual environment for the tests that run Python (the Python example, the Schemathesis fuzzer),
// made in .tools/ from a pinned requirements file on first use. PyPI is reachable from CI; nothing else is
// installed by hand.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const toolsDir = path.resolve(import.meta.dirname, '..', '..', '.tools');

/**
 * Returns the path of a Python interpreter whose environment holds exactly what `requirementsFile` pins. The
 * environment is named by the file's content, so changing a pin makes a new one rather than patching an old one.
 */
export async function pythonWith(requirementsFile: string): Promise<string> {
  const requirements = await readFile(requirementsFile, 'utf8');
  const digest = createHash('sha256').update(requirements).digest('hex').slice(0, 12);
  const envDir = path.join(toolsDir, `python-${path.basename(path.dirname(requirementsFile))}-${digest}`);
  const python = path.join(envDir, 'bin', 'python');
  const done = path.join(envDir, '.installed');
  if (existsSync(done)) return python;
  await rm(envDir, { recursive: true, force: true });
  try {
    await run('python3', ['-m', 'venv', envDir]);
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirementsFile], {
      maxBuffer: 10 * 1024 * 1024,
      timeout: 5 * 60_000,
    });
  } catch (error) {
    await rm(envDir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error);
    throw new Error(`Could not make a Python environment from ${requirementsFile} (needs python3 with venv, and PyPI): ${detail}`, { cause: error });
  }
  await run(python, ['-c', `open(${JSON.stringify(done)}, 'w').close()`]);
  return python;
}
