// `npm run generate:client`: writes packages/client/src/openapi.ts from the API's OpenAPI document.
import { writeFile } from 'node:fs/promises';
import { clientTypesPath, renderClientTypes } from './client-types.ts';

await writeFile(clientTypesPath, await renderClientTypes());
console.log(`Wrote ${clientTypesPath}`);
