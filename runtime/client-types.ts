// The typed client's types come from the OpenAPI document the API serves, never by hand:
// `npm run generate:client` writes them, and a unit test fails when the file is stale.
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument } from '../api/openapi.ts';
import { routes } from '../api/routes/index.ts';

export const clientTypesPath = path.resolve(import.meta.dirname, '..', 'packages', 'client', 'src', 'openapi.ts');

const header = `// Generated from the API's OpenAPI document by \`npm run generate:client\` (runtime/client-types.ts).
// Do not edit: change the routes or their zod schemas and generate again.
`;

/** The TypeScript of the API's paths, schemas and webhooks, as openapi-typescript writes it. */
export async function renderClientTypes(): Promise<string> {
  const document = buildOpenApiDocument(routes);
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: false, exportType: true });
  return header + astToString(ast);
}
