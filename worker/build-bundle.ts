// Writes the prebuilt workflow bundle that production workers load (`npm run build:workflows`).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildWorkflowBundle, prebuiltBundlePath } from './bundle.ts';

const bundle = await buildWorkflowBundle();
await mkdir(path.dirname(prebuiltBundlePath), { recursive: true });
await writeFile(prebuiltBundlePath, bundle.code);
console.log(`Wrote ${prebuiltBundlePath} (${Math.round(bundle.code.length / 1024)} KiB)`);
