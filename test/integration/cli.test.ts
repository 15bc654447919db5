/**
 * The taktflow CLI against a running API (in-process, real Mongo-wire server): validate files,
 * push the example library, publish, pull, and round-trip the exports byte for byte.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { parseDefinitionFileName } from '../../definitions/kinds';
import { run } from '../../scripts/cli/main';
import { openStore } from '../../store';
import { mongoUri, temporalAddress, uniqueName } from '../support/env';
import { ADMIN, startApi, type TestApi } from '../support/stack';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'definitions', 'examples');
/** Master data first, then what refers to it. */
const ORDER = ['master-data', 'escalation-policy', 'routing', 'alert-rule'];

let connection: Connection;
const servers: TestApi[] = [];
let tmp: string;

/** A running API; the CLI signs in to it as its admin (email here, password from TAKTFLOW_PASSWORD). */
async function api(): Promise<string> {
  const t = await startApi('cli', connection);
  servers.push(t);
  return t.root;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  process.env.TAKTFLOW_PASSWORD = ADMIN.password;
  const signIn = argv.includes('--api') ? ['--email', ADMIN.email] : [];
  const code = await run([...argv, ...signIn], (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

function examples(): Array<{ file: string; key: string; kind: string }> {
  return readdirSync(EXAMPLES)
    .map((f) => ({ file: path.join(EXAMPLES, f), name: parseDefinitionFileName(f) }))
    .filter((e) => e.name && !e.name.bundle)
    .map((e) => ({ file: e.file, key: e.name?.key as string, kind: e.name?.kind as string }))
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.key.localeCompare(b.key));
}

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'taktflow-cli-'));
});

afterAll(async () => {
  for (const t of servers) await t.stop();
  await connection.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('when the example library is validated, then every file is ok and references were checked', async () => {
  const { code, out } = await cli('defs', 'validate', EXAMPLES);
  expect(code).toBe(0);
  expect(out.split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(examples().length);
  expect(out).not.toContain('references were not checked');
});

it('when a file has mistakes, then validate exits 1 and lists each with its pointer and code, in Chinese on request', async () => {
  const dir = mkdtempSync(path.join(tmp, 'bad-'));
  const routing = JSON.parse(readFileSync(path.join(EXAMPLES, 'smt-mainboard.routing.json'), 'utf8')) as { steps: Array<{ stationGroup: string }> };
  (routing.steps[0] as { stationGroup: string }).stationGroup = 'no-such-group';
  writeFileSync(path.join(dir, 'bad.routing.json'), JSON.stringify(routing));

  const { code, out } = await cli('defs', 'validate', path.join(dir, 'bad.routing.json'), '--master-data', path.join(EXAMPLES, 'plant-1.master-data.json'), '--lang', 'zh');

  expect(code).toBe(1);
  expect(out).toContain('invalid');
  expect(out).toMatch(/\/steps\/0\/stationGroup\s+routing\.unknown-station-group\s+\S*[\u4e00-\u9fff]/);
});

it('when the examples are pushed, published and pulled, then the pulled files equal them and the exports round-trip byte for byte', async () => {
  const first = await api();
  const second = await api();
  const pulled = mkdtempSync(path.join(tmp, 'pulled-'));
  const again = mkdtempSync(path.join(tmp, 'again-'));

  for (const e of examples()) {
    expect((await cli('defs', 'push', e.file, '--api', first)).code).toBe(0);
    const published = await cli('defs', 'publish', `${e.kind}/${e.key}`, '--note', 'from the example library', '--api', first);
    expect(published).toMatchObject({ code: 0 });
    expect(published.out).toContain('version 1');
    expect((await cli('defs', 'pull', `${e.kind}/${e.key}`, '--out', pulled, '--api', first)).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(pulled, `${e.key}.${e.kind}.json`), 'utf8'))).toEqual(JSON.parse(readFileSync(e.file, 'utf8')));
  }

  for (const e of examples()) {
    const exported = path.join(pulled, `${e.key}.${e.kind}.export.json`);
    expect((await cli('defs', 'push', exported, '--api', second)).code).toBe(0);
    expect((await cli('defs', 'pull', `${e.kind}/${e.key}`, '--out', again, '--api', second)).code).toBe(0);
    expect(readFileSync(path.join(again, `${e.key}.${e.kind}.export.json`), 'utf8')).toBe(readFileSync(exported, 'utf8'));
  }
});

it('when two files or two published versions differ, then diff lists the change and exits 1; identical ones exit 0', async () => {
  const dir = mkdtempSync(path.join(tmp, 'diff-'));
  const original = readFileSync(path.join(EXAMPLES, 'quality-default.escalation-policy.json'), 'utf8');
  const policy = JSON.parse(original) as { name: string };
  policy.name = 'Quality escalation, rev B';
  writeFileSync(path.join(dir, 'quality-default.escalation-policy.json'), JSON.stringify(policy));
  const url = await api();
  await cli('defs', 'push', path.join(EXAMPLES, 'quality-default.escalation-policy.json'), '--api', url);
  await cli('defs', 'publish', 'escalation-policy/quality-default', '--api', url);
  await cli('defs', 'push', path.join(dir, 'quality-default.escalation-policy.json'), '--api', url);
  await cli('defs', 'publish', 'escalation-policy/quality-default', '--api', url);

  const files = await cli('defs', 'diff', path.join(EXAMPLES, 'quality-default.escalation-policy.json'), path.join(dir, 'quality-default.escalation-policy.json'));
  const remote = await cli('defs', 'diff', 'escalation-policy/quality-default', '1', '2', '--api', url);
  const same = await cli('defs', 'diff', 'escalation-policy/quality-default', '2', '2', '--api', url);

  expect(files.code).toBe(1);
  expect(files.out).toContain('~ field name  /name');
  expect(files.out).toContain('"Quality escalation, rev B"');
  expect(remote).toEqual(files);
  expect(same).toEqual({ code: 0, out: 'identical' });
});

it('when the API is not there, then the CLI says so in one line and exits 1', async () => {
  const { code, out } = await cli('defs', 'publish', 'routing/x', '--api', 'http://127.0.0.1:9');
  expect(code).toBe(1);
  expect(out).toMatch(/^error: cannot reach the API/);
});

it('when the command is wrong, then it prints the usage and exits 2', async () => {
  const { code, out } = await cli('defs', 'frobnicate');
  expect(code).toBe(2);
  expect(out).toContain('usage: taktflow defs');
});

it('when the first admin is created from the command line, then the admin exists with the admin role; a second time is refused', async () => {
  const uri = mongoUri(uniqueName('cli-admin'));
  process.env.MONGODB_URI = uri;
  process.env.TAKTFLOW_PASSWORD = 'first-admin-password';
  try {
    const first = await cli('users', 'create-admin', '--email', 'Boss@Example.com');
    const second = await cli('users', 'create-admin', '--email', 'other@example.com');
    expect(first).toEqual({ code: 0, out: 'created the first admin boss@example.com' });
    expect(second.code).toBe(1);
    const store = await openStore(uri);
    expect((await store.users.get('boss@example.com'))?.roles).toEqual(['admin']);
    await store.connection.dropDatabase();
    await store.close();
  } finally {
    delete process.env.MONGODB_URI;
  }
});

it('when the audit trail is verified from the command line, then it reports an intact chain', async () => {
  const url = await api();
  await cli('defs', 'push', path.join(EXAMPLES, 'plant-1.master-data.json'), '--api', url);
  const { code, out } = await cli('audit', 'verify', '--api', url);
  expect(code).toBe(0);
  expect(out).toMatch(/^ok: \d+ entries, chain intact$/);
});
