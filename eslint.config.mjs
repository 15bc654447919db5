// ESLint (flat config). Type-aware everywhere so no-floating-promises can see promises;
// engine/ is workflow code and may import only @temporalio/workflow, definitions/ (pure parts)
// and the activity types it declares itself.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process',
  'querystring', 'readline', 'repl', 'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'designer/dist/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'engine/ is workflow code: no Node built-ins.' })),
          patterns: [
            { regex: '^node:', message: 'engine/ is workflow code: no Node built-ins.' },
            {
              regex: '^(?!@temporalio/(workflow|common)$)[^.]',
              message: 'engine/ imports only @temporalio/workflow (and the pure @temporalio/common it is built on), definitions/ and activity types (no I/O packages).',
            },
            {
              regex: '^(\\.\\./)+(store|workers|api|designer|bench|test|scripts)(/|$)',
              message: 'engine/ may not import store/, workers/, api/ or other rooms: declare activity types in engine/activities.ts.',
            },
            {
              regex: '^(\\.\\./)+definitions(/index)?$|definitions/validation/ajv|definitions/.*/validate$',
              message: 'engine/ imports the pure parts of definitions/ (schema types, graph), not the ajv validators.',
            },
          ],
        },
      ],
    },
  },
);
