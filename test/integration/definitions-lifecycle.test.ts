/**
 * The definition lifecycle over HTTP against the real Mongo-wire server: drafts, concurrent
 * publishing, immutability, retirement, the audit trail, and export/import round trips.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Store } from '../../store';
import { temporalAddress, uniqueName } from '../support/env';
import { exampleRouting } from '../support/fixtures';
import { ADMIN, getText, http, SITE, startApi, useHeaders, type TestApi } from '../support/stack';

interface Api {
  /** /api/v1/definitions/routing */
  url: string;
  /** /api/v1 */
  api: string;
  store: Store;
}
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };
interface Draft {
  id: string;
  revision: number;
}
interface Summary {
  latestVersion: number;
  activeVersion: number | null;
  versions: Array<{ version: number; status: string; publishedBy: string; note: string | null }>;
}

let connection: Connection;
const apis: TestApi[] = [];

/** An API of its own over a database of its own; every call signed in as its admin. */
async function api(): Promise<Api> {
  const t = await startApi('defs', connection);
  apis.push(t);
  useHeaders(t.admin);
  return { url: `${t.url}/definitions/routing`, api: t.url, store: t.store };
}

async function draft(a: Api, key: string, content: unknown = exampleRouting()): Promise<Draft> {
  const res = await http<Draft>('POST', `${a.url}/${key}/drafts`, content);
  expect(res.status).toBe(201);
  return res.body;
}

async function publish(a: Api, key: string, body: object = {}): Promise<number> {
  const res = await http<{ version: number }>('POST', `${a.url}/${key}/publish`, { ...body, ...SIGNED });
  expect(res.status).toBe(201);
  return res.body.version;
}

function renamed(name: string): ReturnType<typeof exampleRouting> {
  return { ...exampleRouting(), name };
}

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
});

afterAll(async () => {
  for (const a of apis) await a.stop();
  await connection.close();
});

describe('publishing', () => {
  it('when two drafts of one key are published at the same time, then they become versions N+1 and N+2', async () => {
    const a = await api();
    const key = 'concurrent';
    const first = await draft(a, key, renamed('first'));
    await publish(a, key, { draftId: first.id });
    const [b, c] = [await draft(a, key, renamed('b')), await draft(a, key, renamed('c'))];

    const answers = await Promise.all([b, c].map((d) => http<{ version: number }>('POST', `${a.url}/${key}/publish`, { draftId: d.id, ...SIGNED })));

    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect(answers.map((r) => r.body.version).sort()).toEqual([2, 3]);
    const summary = await http<Summary>('GET', `${a.url}/${key}`);
    expect(summary.body).toMatchObject({ latestVersion: 3, activeVersion: 3 });
    expect(summary.body.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'active'],
    ]);
  });

  it('when anyone tries to change a published version, then the API answers 409 and the store refuses too', async () => {
    const a = await api();
    await draft(a, 'frozen');
    await publish(a, 'frozen', { note: 'first release' });

    const attempts = await Promise.all(
      (['PUT', 'PATCH', 'DELETE'] as const).map((method) =>
        fetch(`${a.url}/frozen/versions/1`, { method, headers: { 'content-type': 'application/json', ...apis[apis.length - 1]?.admin }, body: method === 'DELETE' ? undefined : JSON.stringify(renamed('edited')) }),
      ),
    );
    const direct = await a.store.connection.model('DefinitionVersion').updateOne({ _id: 'routing:frozen@1' }, { $set: { 'content.name': 'edited' } }).catch((e: Error) => e);

    expect(attempts.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(((await attempts[0]?.json()) as { type: string }).type).toBe('https://taktflow.dev/problems/version-immutable');
    expect(direct).toBeInstanceOf(Error);
    const read = await http<{ content: { name: string }; note: string }>('GET', `${a.url}/frozen/versions/1`);
    expect(read.body).toMatchObject({ content: { name: exampleRouting().name }, note: 'first release' });
  });

  it('when a key has several drafts, then each can be edited, a stale edit is refused, and the named one is published', async () => {
    const a = await api();
    const one = await draft(a, 'many', renamed('one'));
    const two = await draft(a, 'many', renamed('two'));

    const edited = await http<Draft>('PUT', `${a.url}/many/drafts/${one.id}`, renamed('one, edited'), { 'If-Match': '"1"' });
    const stale = await http('PUT', `${a.url}/many/drafts/${one.id}`, renamed('one, stale'), { 'If-Match': '"1"' });
    const list = await http<{ items: Draft[] }>('GET', `${a.url}/many/drafts`);
    const v = await publish(a, 'many', { draftId: one.id, note: 'the edited one' });

    expect(edited.status).toBe(200);
    expect(edited.body.revision).toBe(2);
    expect(stale.status).toBe(409);
    expect(list.body.items.map((d) => d.id).sort()).toEqual([one.id, two.id].sort());
    const published = await http<{ content: { name: string } }>('GET', `${a.url}/many/versions/${v}`);
    expect(published.body.content.name).toBe('one, edited');
    expect((await http('DELETE', `${a.url}/many/drafts/${two.id}`)).status).toBe(204);
    expect((await http('GET', `${a.url}/many/drafts/${two.id}`)).status).toBe(404);
  });

  it('when the active version is retired, then no new unit can be released on it and the summary says retired', async () => {
    const a = await api();
    await draft(a, 'retiring');
    await publish(a, 'retiring');

    const retired = await http<Summary>('POST', `${a.url}/retiring/versions/1/retire`, { reason: 'line rebuilt' });
    const release = await http<{ type: string }>('POST', `${a.api}/units`, { serial: uniqueName('SN'), routing: 'retiring', line: 'SMT1' });

    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ activeVersion: null, versions: [{ version: 1, status: 'retired' }] });
    expect(release.status).toBe(409);
    expect(release.body.type).toBe('https://taktflow.dev/problems/routing-not-published');
    expect((await http('POST', `${a.url}/retiring/versions/1/retire`)).status).toBe(409);
  });

  it('when master data is published, then its key reads as a key summary and /master-data as the content in force', async () => {
    // Arrange
    const a = await api();
    const content = JSON.parse(readFileSync(path.join(__dirname, '../../definitions/examples/plant-1.master-data.json'), 'utf8')) as { productModels: Array<{ id: string }> };
    expect((await http('POST', `${a.api}/definitions/master-data/${SITE}/drafts`, content)).status).toBe(201);
    expect((await http('POST', `${a.api}/definitions/master-data/${SITE}/publish`, SIGNED)).status).toBe(201);

    // Act
    const summary = await http<Summary & { kind: string; key: string }>('GET', `${a.api}/definitions/master-data/${SITE}`);
    const inForce = await http<{ productModels: Array<{ id: string }> }>('GET', `${a.api}/master-data`);

    // Assert
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ kind: 'master-data', key: SITE, latestVersion: 1, activeVersion: 1, versions: [{ version: 1, status: 'active' }] });
    expect(inForce.status).toBe(200);
    expect(inForce.body.productModels.map((m) => m.id)).toEqual(content.productModels.map((m) => m.id));
  });

  it('when a key changes, then the audit trail lists every change in order with who and what', async () => {
    const a = await api();
    const d = await draft(a, 'audited');
    await http('PUT', `${a.url}/audited/drafts/${d.id}`, renamed('v1'));
    await publish(a, 'audited', { note: 'approved' });
    await http('POST', `${a.url}/audited/versions/1/retire`, { reason: 'obsolete' });

    const trail = await http<{ items: Array<{ action: string; actor: string; version: number | null; note: string | null }> }>('GET', `${a.url}/audited/audit`);

    expect(trail.body.items.map((e) => [e.action, e.version, e.note])).toEqual([
      ['draft.created', null, null],
      ['draft.updated', null, null],
      ['version.published', 1, 'approved'],
      ['version.retired', 1, 'obsolete'],
    ]);
    expect(trail.body.items.every((e) => e.actor === ADMIN.email)).toBe(true);
  });
});

describe('diff', () => {
  it('when two versions differ, then the diff names the changed step with its field-level before and after', async () => {
    const a = await api();
    await draft(a, 'diffed');
    await publish(a, 'diffed');
    const changed = exampleRouting();
    (changed.steps[1] as { name: string }).name = 'SPI (3D)';
    const d = await draft(a, 'diffed', changed);
    await publish(a, 'diffed');

    const versions = await http<{ identical: boolean; changes: Array<{ op: string; entity: string; id?: string; fields?: unknown[] }> }>('GET', `${a.url}/diffed/diff?from=1&to=2`);
    const toDraft = await http<{ identical: boolean }>('GET', `${a.url}/diffed/diff?from=2&to=draft:${d.id}`);
    const missing = await http<{ type: string }>('GET', `${a.url}/diffed/diff?from=1`);

    expect(versions.status).toBe(200);
    expect(versions.body.identical).toBe(false);
    expect(versions.body.changes).toEqual([
      { op: 'changed', entity: 'step', id: 'spi', pointer: '/steps/1', before: exampleRouting().steps[1], after: changed.steps[1], fields: [{ pointer: '/name', before: exampleRouting().steps[1]?.name, after: 'SPI (3D)' }] },
    ]);
    expect(toDraft.body.identical).toBe(true);
    expect(missing.status).toBe(400);
  });
});

describe('export and import', () => {
  it('when a key is exported, imported elsewhere and exported again, then both exports are byte-identical', async () => {
    const source = await api();
    const target = await api();
    await draft(source, 'smt', renamed('v1'));
    await publish(source, 'smt', { note: 'first' });
    await draft(source, 'smt', renamed('v2'));
    await publish(source, 'smt');
    await http('POST', `${source.url}/smt/versions/1/retire`, { reason: 'old' });

    const first = await getText(`${source.url}/smt/export`);
    const imported = await http<{ imported: number[] }>('POST', `${target.url}/smt/import`, first);
    const second = await getText(`${target.url}/smt/export`);
    const again = await http<{ imported: number[]; skipped: number[] }>('POST', `${target.url}/smt/import`, first);

    expect(imported.body.imported).toEqual([1, 2]);
    expect(second).toBe(first);
    expect(again.body).toEqual({ imported: [], skipped: [1, 2] });
    expect(JSON.parse(second)).toMatchObject({ activeVersion: 2, versions: [{ version: 1, retired: true, note: 'first' }, { version: 2, retired: false }] });
  });

  it('when an imported version differs from what is recorded, then the import is refused and nothing changes', async () => {
    const source = await api();
    const target = await api();
    await draft(source, 'clash', renamed('source'));
    await publish(source, 'clash');
    await draft(target, 'clash', renamed('target'));
    await publish(target, 'clash');
    const before = await getText(`${target.url}/clash/export`);

    const res = await http<{ type: string }>('POST', `${target.url}/clash/import`, await getText(`${source.url}/clash/export`));

    expect(res.status).toBe(409);
    expect(await getText(`${target.url}/clash/export`)).toBe(before);
  });

  it('when a bundle was edited by hand, then the hash mismatch is reported with a pointer', async () => {
    const source = await api();
    await draft(source, 'tamper');
    await publish(source, 'tamper');
    const bundle = JSON.parse(await getText(`${source.url}/tamper/export`)) as { versions: Array<{ content: { name: string } }> };
    (bundle.versions[0] as { content: { name: string } }).content.name = 'edited by hand';
    const target = await api();

    const res = await http<{ errors: Array<{ pointer: string; code: string }> }>('POST', `${target.url}/tamper/import`, bundle);

    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => [e.pointer, e.code])).toEqual([['/versions/0/contentHash', 'bundle.hash-mismatch']]);
  });
});
