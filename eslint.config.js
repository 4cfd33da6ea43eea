import path from 'node:path';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './console/svelte.config.js';

const root = import.meta.dirname;

// Lint holds the project's code rules: workflows stay deterministic, the domain stays pure, promises are awaited,
// and every folder imports only the folders below it (README.md, "How it is built").

// ---- The folders, and who may import whom -------------------------------------------------------------------
// Every top-level folder of ours is an element; a file outside them all is unknown, and importing an unknown file
// of ours fails the lint, so a new folder gets its line here first.
const folders = ['domain', 'db', 'migrations', 'workflows', 'activities', 'platform', 'api', 'worker', 'runtime', 'test', 'bench'];
const elements = [
  ...folders.map((folder) => ({ type: folder, pattern: folder, partialMatch: false })),
  { type: 'console', pattern: 'console/src', partialMatch: false },
  // Packages stand alone (they are what AI services install); the examples use them as an AI service would.
  { type: 'packages', pattern: 'packages/*', capture: ['package'], partialMatch: false },
  { type: 'examples', pattern: 'examples/*', capture: ['example'], partialMatch: false },
];
// Files some rules tell apart inside a folder (the first pattern that matches gives the category).
const files = [
  // A workflow's definitions (Temporal names, inputs, results): all that the API and the activities may know of it.
  { category: 'workflow-definitions', pattern: 'workflows/**/definitions.ts' },
  { category: 'workflow-code', pattern: 'workflows/**' },
  // The zod schemas of the API contract, of which the browser takes only types.
  { category: 'domain-schemas', pattern: 'domain/schemas/**' },
  { category: 'domain-code', pattern: 'domain/**' },
  { category: 'migrator', pattern: 'db/migrate.ts' },
];

const element = (type) => ({ element: { type } });
const definitions = { element: { type: 'workflows' }, file: { categories: 'workflow-definitions' } };
const typesOnly = { kind: 'type' };

const layerPolicies = [
  { from: element('domain'), allow: { to: element('domain') } },
  { from: element('db'), allow: { to: element(['domain', 'db']) } },
  // db/migrate.ts runs the migrations; no other file of db/ needs them.
  { from: { element: { type: 'db' }, file: { categories: 'migrator' } }, allow: { to: element('migrations') } },
  { from: element('migrations'), allow: { to: element('migrations') } },
  { from: element('workflows'), allow: { to: element(['domain', 'workflows']) } },
  { from: element('workflows'), allow: { to: element('activities'), dependency: typesOnly } },
  // Definitions stay light: the API loads them, so they must not load a workflow's code.
  {
    from: definitions,
    disallow: { to: { element: { type: 'workflows' }, file: { categories: 'workflow-code' } }, dependency: { kind: 'value' } },
  },
  { from: element('activities'), allow: { to: [element(['domain', 'db', 'platform', 'activities']), definitions] } },
  { from: element('activities'), allow: { to: element('workflows'), dependency: typesOnly } },
  { from: element('platform'), allow: { to: element(['domain', 'platform']) } },
  { from: element('api'), allow: { to: [element(['domain', 'db', 'platform', 'api']), definitions] } },
  { from: element('worker'), allow: { to: element(['domain', 'db', 'platform', 'workflows', 'activities', 'worker']) } },
  { from: element('packages'), allow: { to: { element: { type: 'packages', captured: { package: '{{ from.captured.package }}' } } } } },
  { from: element('examples'), allow: { to: [element('packages'), { element: { type: 'examples', captured: { example: '{{ from.captured.example }}' } } }] } },
  // The top: the starter, the tests and the benchmark put everything together.
  { from: element(['runtime', 'test', 'bench']), allow: { to: element('*') } },
  // The console is a browser app: of ours only the domain, and of its zod schemas only types (zod stays out of
  // the bundle).
  { from: element('console'), allow: { to: [element('console'), { element: { type: 'domain' }, file: { categories: 'domain-code' } }] } },
  { from: element('console'), allow: { to: { element: { type: 'domain' }, file: { categories: 'domain-schemas' } }, dependency: typesOnly } },
  // The demo's chat page speaks the reference bot's events (types only: the bot runs on the server).
  { from: element('console'), allow: { to: element('examples'), dependency: typesOnly } },
  // The API's types that openapi-typescript generated into the client package (`@handover/client/openapi`).
  { from: element('console'), allow: { to: element('packages'), dependency: typesOnly } },
];

const boundariesRule = {
  'boundaries/dependencies': [
    'error',
    {
      default: 'disallow',
      // Imports inside a folder are checked too (definitions must not load workflow code), and so are imports of
      // files of ours that belong to no folder above.
      checkInternals: true,
      checkUnknownLocals: true,
      policies: layerPolicies,
    },
  ],
};

const boundariesSettings = {
  'boundaries/root-path': root,
  'boundaries/elements': elements,
  'boundaries/files': files,
  'boundaries/files-single-match': true,
  // SvelteKit's virtual modules are not files of ours.
  'boundaries/flag-as-external': { customSourcePatterns: ['$app/**', '$env/**', '**/$types', './$types'] },
  // Re-exports and dynamic imports are dependencies too.
  'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
  'boundaries/legacy-templates': false,
  'import/resolver': {
    [path.join(root, 'lint/console-resolver.cjs')]: {
      aliases: Object.fromEntries(
        Object.entries({ $lib: 'src/lib', ...svelteConfig.kit.alias }).map(([alias, target]) => [alias, path.resolve(root, 'console', target)]),
      ),
    },
    node: { extensions: ['.ts', '.js', '.svelte', '.json'] },
  },
};

// ---- .svelte files: their <script> blocks, for the import rules only ----------------------------------------
// Without a Svelte parser, the processor hands ESLint each component's script blocks as one TypeScript file in
// which every character outside them is blanked, so lines and columns stay those of the component.
/** What workflow code may not import from Node or npm: it is deterministic and does no I/O. */
const workflowPackagePatterns = [
  { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process'], message: 'Workflows are deterministic: no Node APIs.' },
  { group: ['pg', 'kysely', 'express'], message: 'Workflows do no I/O: use an activity.' },
];

const svelteScripts = {
  meta: { name: 'svelte-scripts' },
  preprocess(text) {
    let code = text.replace(/[^\n]/g, ' ');
    for (const match of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
      const start = match.index + match[1].length;
      code = code.slice(0, start) + match[2] + code.slice(start + match[2].length);
    }
    return [{ text: code, filename: 'script.ts' }];
  },
  postprocess: (messages) => messages.flat(),
  supportsAutofix: false,
};

export default defineConfig(
  // The console is linted from its sources only (console/src); its build output and config files are not ours.
  { ignores: ['node_modules', 'dist', '.data', '.tools', 'test/replay/histories', 'deploy', 'console/*', '!console/src'] },
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    ignores: ['console/**'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  {
    files: ['**/*.ts'],
    ignores: ['console/**'],
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Who may import whom, for every folder of ours (npm packages are the rules below).
  {
    files: ['**/*.ts', 'console/src/**/*.svelte'],
    plugins: { boundaries },
    settings: boundariesSettings,
    rules: boundariesRule,
  },
  // The console without type information: the import rules only, in .ts files and in .svelte script blocks.
  { files: ['console/src/**/*.svelte'], processor: svelteScripts },
  {
    files: ['console/src/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  },
  {
    files: ['workflows/**/*.ts', 'test/replay/fixtures/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...workflowPackagePatterns,
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' }],
    },
  },
  {
    // The replay fixture is bundled as a workflow but lives in test/: it keeps the workflows' own import lines.
    files: ['test/replay/fixtures/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...workflowPackagePatterns,
            { group: ['**/db/**', '**/api/**', '**/platform/**', '**/runtime/**'], message: 'Workflows do no I/O: use an activity.' },
            { group: ['**/activities/**'], allowTypeImports: true, message: 'Workflows import activity types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'pg', 'kysely', 'express'], message: 'The domain core is pure: no Node APIs, no I/O.' }] },
      ],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'Migrations are frozen in time: import nothing from the app.' }] }],
    },
  },
);
