import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { clientTypesPath, renderClientTypes } from './client-types.ts';

it('the typed client was generated from the OpenAPI document as it is now (else: npm run generate:client)', async () => {
  const committed = await readFile(clientTypesPath, 'utf8');
  expect(committed === (await renderClientTypes()), 'packages/client/src/openapi.ts is stale: run `npm run generate:client`').toBe(true);
});
