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
    // The designer runs in the browser: DOM globals, JSX.
    files: ['designer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // designer/ may import only definitions/ (and its own files): one block per folder depth, so
  // "../api" (designer/src/api) stays allowed while the repository's api/ does not.
  ...[0, 1, 2, 3, 4, 5].map((depth) => ({
    files: [`designer/src/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'designer/ runs in the browser: no Node built-ins.' },
            {
              regex: `^(\\.\\./){${depth + 2}}(store|engine|workers|api|bench|test|scripts)(/|$)`,
              message: 'designer/ may import only definitions/ (and its own files); it talks to the API over HTTP.',
            },
          ],
        },
      ],
    },
  })),
  {
    // The designer's build files run in Node (Vite); they have their own tsconfig.
    files: ['designer/vite.config.ts', 'designer/build/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './designer/tsconfig.node.json', tsconfigRootDir: import.meta.dirname } },
  },
  // The doors between rooms run one way (README "The house"): definitions imports nothing of ours;
  // store imports definitions only (the read-model views it stores are typed there);
  // workers and api import definitions, engine and store — never each other, nor the designer.
  ...[
    { room: 'definitions', banned: 'store|engine|workers|api|designer|bench|test|scripts', message: 'definitions/ is pure and imports nothing of ours.' },
    { room: 'store', banned: 'engine|workers|api|designer|bench|test|scripts', message: 'store/ imports definitions/ only (the read models it stores are typed there).' },
    { room: 'workers', banned: 'api|designer|bench|test|scripts', message: 'workers/ imports definitions/, engine/ and store/.' },
    { room: 'api', banned: 'workers|designer|bench|test|scripts', message: 'api/ imports definitions/, engine/ (message definitions) and store/.' },
  ].map(({ room, banned, message }) => ({
    files: [`${room}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: `^(\\.\\./)+(${banned})(/|$)`, message }],
        },
      ],
    },
  })),
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
