/**
 * The lint rules that keep engine/ deterministic workflow code, and the typed rule that keeps
 * promises from floating, checked through ESLint's Node API against the repository's own config.
 *
 * The config lints with the TypeScript project service, which only knows files that exist on
 * disk, so each probe is written into its room under a unique name and removed afterwards.
 * ESLint loads eslint.config.mjs with a dynamic import(), which jest's module sandbox refuses
 * (it needs --experimental-vm-modules), so the ESLint API runs in a plain child node process.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ESLint, Linter } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');
const PROBE_ID = `${process.pid}-${randomBytes(4).toString('hex')}`;

/** One import per line, so every message can be traced to the import that caused it. */
const ENGINE_IMPORTS = [
  'node:fs',
  'fs',
  'mongoose',
  'express',
  '../store',
  '../definitions',
  '@temporalio/workflow',
  '@temporalio/common',
  '@temporalio/client',
  '../definitions/routing/graph',
] as const;
type EngineImport = (typeof ENGINE_IMPORTS)[number];

const enginePath = path.join(ROOT, 'engine', `zz-lint-probe-${PROBE_ID}.ts`);
const apiPath = path.join(ROOT, 'api', `zz-lint-probe-${PROBE_ID}.ts`);

const engineSource = ENGINE_IMPORTS.map((spec) => `import '${spec}';`).join('\n') + '\n';
const apiSource = [
  "import 'node:fs';",
  'async function save(): Promise<void> {',
  '  await Promise.resolve();',
  '}',
  'export function floating(): void {',
  '  save();',
  '}',
  'export function discarded(): void {',
  '  void save();',
  '}',
  'export async function awaited(): Promise<void> {',
  '  await save();',
  '}',
  '',
].join('\n');
const FLOATING_LINE = 6;

let engineMessages: Linter.LintMessage[];
let apiMessages: Linter.LintMessage[];

function lineOf(spec: EngineImport): number {
  return ENGINE_IMPORTS.indexOf(spec) + 1;
}

function restrictedImportMessages(spec: EngineImport): string[] {
  return engineMessages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.line === lineOf(spec))
    .map((m) => m.message)
    .sort();
}

const NO_BUILTINS = 'engine/ is workflow code: no Node built-ins.';
const NO_PACKAGES = 'engine/ imports only @temporalio/workflow (and the pure @temporalio/common it is built on), definitions/ and activity types (no I/O packages).';
const NO_ROOMS = 'engine/ may not import store/, workers/, api/ or other rooms: declare activity types in engine/activities.ts.';
const NO_VALIDATORS = 'engine/ imports the pure parts of definitions/ (schema types, graph), not the ajv validators.';
/** ESLint's wording for a match on a `paths` entry and on a `patterns` entry. */
const byPath = (spec: string, why: string): string => `'${spec}' import is restricted from being used. ${why}`;
const byPattern = (spec: string, why: string): string => `'${spec}' import is restricted from being used by a pattern. ${why}`;

/** Runs `new ESLint({ cwd: ROOT }).lintFiles(files)` in a child node process. */
const LINT_SCRIPT = `
const { ESLint } = require('eslint');
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const results = await eslint.lintFiles(JSON.parse(process.env.LINT_PROBE_FILES));
  process.stdout.write(JSON.stringify(results.map((r) => ({ filePath: r.filePath, messages: r.messages }))));
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function lintFiles(files: string[]): Promise<Array<Pick<ESLint.LintResult, 'filePath' | 'messages'>>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LINT_SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, LINT_PROBE_FILES: JSON.stringify(files) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Array<Pick<ESLint.LintResult, 'filePath' | 'messages'>>;
}

beforeAll(async () => {
  // Both probes exist before linting starts, so the project service sees them when it loads.
  writeFileSync(enginePath, engineSource);
  writeFileSync(apiPath, apiSource);
  const results = await lintFiles([enginePath, apiPath]);
  const byPath = new Map(results.map((r) => [r.filePath, r.messages]));
  engineMessages = byPath.get(enginePath) ?? [];
  apiMessages = byPath.get(apiPath) ?? [];
}, 60_000);

afterAll(() => {
  rmSync(enginePath, { force: true });
  rmSync(apiPath, { force: true });
});

describe('the engine import rule', () => {
  it('when the probe files are linted, then both parse with the typed config (no fatal messages)', () => {
    // Arrange / Act: done in beforeAll. Assert
    expect([...engineMessages, ...apiMessages].filter((m) => m.fatal)).toEqual([]);
    expect(engineMessages.length).toBeGreaterThan(0);
  });

  it.each<[EngineImport, string[]]>([
    ['node:fs', [byPattern('node:fs', NO_BUILTINS), byPattern('node:fs', NO_PACKAGES)]],
    ['fs', [byPath('fs', NO_BUILTINS), byPattern('fs', NO_PACKAGES)]],
    ['mongoose', [byPattern('mongoose', NO_PACKAGES)]],
    ['express', [byPattern('express', NO_PACKAGES)]],
    ['@temporalio/client', [byPattern('@temporalio/client', NO_PACKAGES)]],
    ['../store', [byPattern('../store', NO_ROOMS)]],
    ['../definitions', [byPattern('../definitions', NO_VALIDATORS)]],
  ])('when engine/ imports %s, then no-restricted-imports rejects it', (spec, expected) => {
    // Arrange / Act: done in beforeAll. Assert
    expect(restrictedImportMessages(spec)).toEqual([...expected].sort());
  });

  it.each<EngineImport>(['@temporalio/workflow', '@temporalio/common', '../definitions/routing/graph'])(
    'when engine/ imports %s, then no-restricted-imports accepts it',
    (spec) => {
      // Arrange / Act: done in beforeAll. Assert
      expect(restrictedImportMessages(spec)).toEqual([]);
    },
  );

  it('when api/ imports a Node built-in, then the engine rule does not apply there', () => {
    // Arrange / Act: done in beforeAll. Assert
    expect(apiMessages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});

describe('floating promises', () => {
  it('when api/ calls an async function without awaiting it, then no-floating-promises reports that line only', () => {
    // Arrange / Act: done in beforeAll. Assert
    const floating = apiMessages.filter((m) => m.ruleId === '@typescript-eslint/no-floating-promises');
    expect(floating.map((m) => ({ line: m.line, severity: m.severity }))).toEqual([{ line: FLOATING_LINE, severity: 2 }]);
  });
});
