import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
export const prebuiltBundlePath = fileURLToPath(new URL('../dist/workflow-bundle.js', import.meta.url));

/** Bundles the workflow code (a few seconds); production loads the prebuilt bundle instead. */
export async function buildWorkflowBundle(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

export async function loadWorkflowBundle(preferPrebuilt: boolean): Promise<WorkflowBundle> {
  if (preferPrebuilt) {
    if (!existsSync(prebuiltBundlePath)) {
      throw new Error(`No prebuilt workflow bundle at ${prebuiltBundlePath}: run \`npm run build:workflows\``);
    }
    return { code: await readFile(prebuiltBundlePath, 'utf8') };
  }
  return buildWorkflowBundle();
}

const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => {},
};
