import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lint holds the lines of style.md: workflows stay deterministic, the domain stays pure, promises are awaited.
export default tseslint.config(
  { ignores: ['node_modules', 'console', 'dist', '.data', '.tools', 'test/replay/histories', 'deploy'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'test/replay/fixtures/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process'], message: 'Workflows are deterministic: no Node APIs.' },
            { group: ['**/db/**', '**/api/**', '**/runtime/**', 'pg', 'kysely', 'express'], message: 'Workflows do no I/O: use an activity.' },
            { group: ['**/activities/**'], allowTypeImports: true, message: 'Workflows import activity types only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', '**/db/**', '**/api/**', '**/runtime/**', '**/activities/**', '**/workflows/**', 'pg', 'kysely', 'express'], message: 'The domain core is pure and imports nothing of ours.' }] },
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
