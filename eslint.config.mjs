// ESLint 10 flat config with typescript-eslint 8, type-aware for TypeScript (types from the nearest tsconfig).
// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The Temporal workflow sandbox is deterministic and has no Node: these modules must never be bundled into it.
// `import type` stays allowed (workflows import activities as types only, docs/conventions.md §2).
const nodeBuiltins = [
  'fs',
  'path',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'os',
  'process',
  'stream',
  'timers',
  'util',
  'worker_threads',
];
const nodeSidePackages = [
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  'pg',
  'nodemailer',
  'express',
];
const sandboxMessage =
  'Workflow code runs in the Temporal sandbox: no Node built-ins or Node-side packages. ' +
  'Use an activity, or `import type`.';

export default defineConfig([
  globalIgnores([
    'node_modules/',
    'dist/',
    'prisma/generated/',
    'modeler-ui/dist/',
    '.data/',
    '.data-*/',
    '.cache/',
    'coverage/',
  ]),

  {
    files: ['**/*.{ts,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A leading underscore marks a parameter or binding that is unused on purpose (e.g. an Express error handler).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  {
    // The UI's Node build script has its own tsconfig, which the project service (nearest tsconfig.json) can't find.
    files: ['modeler-ui/build.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './modeler-ui/tsconfig.node.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  {
    // Plain JavaScript here is config (jest.config.js, this file): no type information, so no type-aware rules.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  {
    files: ['workflows/**/*.{ts,mts,cts}'],
    rules: {
      // The typescript-eslint version of the core rule: it adds allowTypeImports.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(node:.*|(${nodeBuiltins.join('|')})(/.*)?)$`,
              message: sandboxMessage,
              allowTypeImports: true,
            },
            {
              regex: `^(@prisma/.*|(${nodeSidePackages.join('|')})(/.*)?)$`,
              message: sandboxMessage,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },

  {
    files: ['test/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any` by @types/jest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
]);
