/**
 * Authorization by line (OWASP API1 BOLA) and by field (API3), idempotency, the hash-chained
 * audit trail with tamper detection, and publishing as an electronic signature — over HTTP
 * against the real servers, with a worker process.
 */
import { exampleRouting, start, SMT_MODEL } from '../support/fixtures';
import { uniqueName } from '../support/env';
import { ADMIN, http, startTestStack, useHeaders, type Auth, type TestStack } from '../support/stack';

let stack: TestStack;
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };

interface Unit {
  serial: string;
  line: string;
}

async function release(line: string): Promise<string> {
  const serial = uniqueName('SN');
  const res = await http<Unit>('POST', `${stack.url}/units`, { serial, routing: 'smt-mainboard', line, productModel: SMT_MODEL }, stack.admin);
  expect(res.status).toBe(201);
  return serial;
}

beforeAll(async () => {
  stack = await startTestStack('security');
  await stack.startWorker();
  useHeaders(stack.admin);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/drafts`, exampleRouting())).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/publish`, SIGNED)).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

describe('lines (BOLA)', () => {
  let line1: { auth: Auth; id: string };
  let theirs: string;
  let ours: string;

  beforeAll(async () => {
    line1 = await stack.as('operator', ['SMT1']);
    ours = await release('SMT1');
    theirs = await release('FA1');
  });

  it("when an operator of line SMT1 reads, traces or acts on a unit of line FA1, then it is not found for them and nothing is recorded", async () => {
    const get = await http('GET', `${stack.url}/units/${theirs}`, undefined, line1.auth);
    const trace = await http('GET', `${stack.url}/units/${theirs}/trace`, undefined, line1.auth);
    const act = await http('POST', `${stack.url}/units/${theirs}/actions`, start('print', { operator: line1.id }), line1.auth);

    expect([get.status, trace.status, act.status]).toEqual([404, 404, 404]);
    const events = await http<{ events: unknown[] }>('GET', `${stack.url}/units/${theirs}/trace`);
    expect(events.body.events).toHaveLength(1);
  });

  it('when an operator of line SMT1 lists units, then only SMT1 units come back, even when asking for FA1', async () => {
    const all = await http<{ items: Unit[] }>('GET', `${stack.url}/units?limit=200`, undefined, line1.auth);
    const asked = await http<{ items: Unit[] }>('GET', `${stack.url}/units?line=FA1`, undefined, line1.auth);

    expect(all.body.items.map((u) => u.serial)).toContain(ours);
    expect(all.body.items.every((u) => u.line === 'SMT1')).toBe(true);
    expect(asked.body.items).toEqual([]);
  });

  it('when an operator acts on a unit of their own line, then it is accepted', async () => {
    const res = await http('POST', `${stack.url}/units/${ours}/actions`, start('print', { operator: line1.id }), line1.auth);
    expect(res.status).toBe(200);
  });

  it('when an operator names another operator on an action, then the field is refused with 403 and a pointer', async () => {
    const res = await http<{ errors: Array<{ pointer: string; code: string }> }>('POST', `${stack.url}/units/${ours}/actions`, start('print', { operator: 'someone-else' }), line1.auth);
    expect(res.status).toBe(403);
    expect(res.body.errors.map((e) => [e.pointer, e.code])).toEqual([['/operator', 'auth.field-not-allowed']]);
  });

  it('when an integration key releases onto a line outside its scope, then it is refused with 403', async () => {
    const key = await http<{ key: string }>('POST', `${stack.url}/api-keys`, { name: 'ERP SMT', roles: ['integration'], lines: ['SMT1'] });
    expect(key.status).toBe(201);
    const res = await http('POST', `${stack.url}/units`, { serial: uniqueName('SN'), routing: 'smt-mainboard', line: 'FA1', productModel: SMT_MODEL }, { Authorization: '', 'X-Api-Key': key.body.key });
    expect(res.status).toBe(403);
  });
});

describe('idempotency', () => {
  it('when a create is retried with the same key and body, then the first answer comes back and nothing new is recorded', async () => {
    const key = uniqueName('idem');
    const headers = { 'Idempotency-Key': key };
    const first = await http<{ id: string }>('POST', `${stack.url}/definitions/routing/idem-test/drafts`, exampleRouting(), headers);
    const res = await fetch(`${stack.url}/definitions/routing/idem-test/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.admin, ...headers },
      body: JSON.stringify(exampleRouting()),
    });
    const drafts = await http<{ items: unknown[] }>('GET', `${stack.url}/definitions/routing/idem-test/drafts`);

    expect(first.status).toBe(201);
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(((await res.json()) as { id: string }).id).toBe(first.body.id);
    expect(drafts.body.items).toHaveLength(1);
  });

  it('when the Idempotency-Key is malformed, then the request is refused with 400 naming the header', async () => {
    const res = await http<{ parameter: string }>('POST', `${stack.url}/units/SN-ANY/actions`, start('print'), { 'Idempotency-Key': 'has a space' });
    expect(res.status).toBe(400);
    expect(res.body.parameter).toBe('idempotency-key');
  });

  it('when the same key comes with a different body, then it is refused and nothing is recorded', async () => {
    const headers = { 'Idempotency-Key': uniqueName('idem') };
    await http('POST', `${stack.url}/definitions/routing/idem-other/drafts`, exampleRouting(), headers);
    const other = { ...exampleRouting(), name: 'another body' };

    const res = await http<{ type: string }>('POST', `${stack.url}/definitions/routing/idem-other/drafts`, other, headers);

    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://taktflow.dev/problems/idempotency-key-reused');
    expect((await http<{ items: unknown[] }>('GET', `${stack.url}/definitions/routing/idem-other/drafts`)).body.items).toHaveLength(1);
  });

  it('when ten identical requests race with one key, then exactly one unit is released', async () => {
    const serial = uniqueName('SN');
    const headers = { 'Idempotency-Key': uniqueName('race') };
    const answers = await Promise.all(Array.from({ length: 10 }, () => http('POST', `${stack.url}/units`, { serial, routing: 'smt-mainboard', line: 'SMT1', productModel: SMT_MODEL }, headers)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(answers.filter((a) => a.status === 409).every((a) => (a.body as { type: string }).type.endsWith('request-in-progress'))).toBe(true);
    expect((await http<{ events: unknown[] }>('GET', `${stack.url}/units/${serial}/trace`)).body.events).toHaveLength(1);
  });
});

describe('audit trail and electronic signature', () => {
  it('when a definition is published, then the record shows the signer, the time and the meaning', async () => {
    const signer = await stack.as('engineer');
    await http('POST', `${stack.url}/definitions/routing/signed/drafts`, exampleRouting(), signer.auth);

    const wrong = await http<{ errors: Array<{ pointer: string; code: string }> }>('POST', `${stack.url}/definitions/routing/signed/publish`, { signature: { password: 'not-it', meaning: 'approved' } }, signer.auth);
    const published = await http<{ version: number; signature: { signedBy: string; name: string; meaning: string; at: string } }>(
      'POST',
      `${stack.url}/definitions/routing/signed/publish`,
      { note: 'ECN-2041', signature: { password: signer.password, meaning: 'approved' } },
      signer.auth,
    );
    const log = await http<{ items: Array<{ action: string; actor: { id: string }; signature: { name: string; meaning: string; at: string } | null; atLocal: string }> }>('GET', `${stack.url}/audit-log?limit=200`);

    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e) => [e.pointer, e.code])).toEqual([['/signature/password', 'signature.invalid']]);
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(1);
    const version = await http<{ signature: { signedBy: string; name: string; meaning: string } }>('GET', `${stack.url}/definitions/routing/signed/versions/1`);
    expect(version.body.signature).toMatchObject({ signedBy: signer.id, name: 'Test engineer', meaning: 'approved' });
    const entry = log.body.items.find((e) => e.action === 'publishRouting' && e.actor.id === signer.id && e.signature);
    expect(entry?.signature).toMatchObject({ name: 'Test engineer', meaning: 'approved' });
    expect(entry?.atLocal).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });

  it('when an API key tries to publish, then it is refused: only a person can sign', async () => {
    const key = await http<{ key: string }>('POST', `${stack.url}/api-keys`, { name: 'robot', roles: ['integration'], lines: ['*'] });
    const res = await http('POST', `${stack.url}/definitions/routing/smt-mainboard/publish`, SIGNED, { Authorization: '', 'X-Api-Key': key.body.key });
    expect(res.status).toBe(403);
  });

  it('when an audit entry is altered in the database, then verify names that entry', async () => {
    await http('POST', `${stack.url}/definitions/routing/audited/drafts`, exampleRouting());
    const before = await http<{ ok: boolean; checked: number }>('GET', `${stack.url}/audit-log/verify`);
    const log = await http<{ items: Array<{ seq: number; action: string }> }>('GET', `${stack.url}/audit-log?limit=200`);
    const target = log.body.items.find((e) => e.action === 'createRoutingDraft');

    await stack.store.connection.collection('audit_log').updateOne({ _id: target?.seq as never }, { $set: { 'actor.name': 'someone else' } });
    const after = await http<{ ok: boolean; firstTampered: { seq: number } }>('GET', `${stack.url}/audit-log/verify`);

    expect(before.body.ok).toBe(true);
    expect(before.body.checked).toBeGreaterThan(3);
    expect(after.body.ok).toBe(false);
    expect(after.body.firstTampered.seq).toBe(target?.seq);
  });
});

describe('master data', () => {
  it("when the site's master data is published, then its collections are readable page by page", async () => {
    const { readFileSync } = await import('node:fs');
    const md = JSON.parse(readFileSync(`${__dirname}/../../definitions/examples/plant-1.master-data.json`, 'utf8')) as { lines: Array<{ id: string }> };
    await http('POST', `${stack.url}/definitions/master-data/plant-1/drafts`, md);
    await http('POST', `${stack.url}/definitions/master-data/plant-1/publish`, SIGNED, { 'X-Reason': 'initial load' });

    const page1 = await http<{ items: Array<{ id: string }>; nextCursor: string }>('GET', `${stack.url}/master-data/lines?limit=2`);
    const page2 = await http<{ items: Array<{ id: string }>; nextCursor: string | null }>('GET', `${stack.url}/master-data/lines?limit=2&cursor=${page1.body.nextCursor}`);

    expect([...page1.body.items, ...page2.body.items].map((l) => l.id)).toEqual(md.lines.map((l) => l.id));
    expect(page2.body.nextCursor).toBeNull();
    const log = await http<{ items: Array<{ action: string; reason: string | null }> }>('GET', `${stack.url}/audit-log?limit=200`);
    expect(log.body.items.find((e) => e.action === 'publishMasterData')?.reason).toBe('initial load');
  });
});

describe('quality dispositions', () => {
  it('when quality holds a unit, then operators are refused until quality releases it; a scrapped unit refuses everything', async () => {
    const quality = await stack.as('quality', ['SMT1']);
    const operator = await stack.as('operator', ['SMT1']);
    const serial = await release('SMT1');

    const held = await http<{ unit: { status: string } }>('POST', `${stack.url}/units/${serial}/hold`, { reason: 'suspect solder paste lot' }, quality.auth);
    // The site's master data is published by now (see above): act at a real printer station.
    const printAt = { operator: operator.id, station: 'PR-01' };
    const refused = await http<{ reason: string }>('POST', `${stack.url}/units/${serial}/actions`, start('print', printAt), operator.auth);
    const byOperator = await http('POST', `${stack.url}/units/${serial}/release-hold`, { reason: 'me' }, operator.auth);
    const releasedHold = await http<{ unit: { status: string; step: string } }>('POST', `${stack.url}/units/${serial}/release-hold`, { reason: 'lot checked, OK' }, quality.auth);
    const accepted = await http('POST', `${stack.url}/units/${serial}/actions`, start('print', printAt), operator.auth);
    const scrapped = await http<{ unit: { status: string } }>('POST', `${stack.url}/units/${serial}/scrap`, { reason: 'dropped' }, quality.auth);
    const afterScrap = await http<{ reason: string }>('POST', `${stack.url}/units/${serial}/hold`, { reason: 'again' }, quality.auth);

    expect(held.body.unit.status).toBe('held');
    expect([refused.status, refused.body.reason]).toEqual([409, 'UNIT_HELD']);
    expect(byOperator.status).toBe(403);
    expect(releasedHold.body.unit).toMatchObject({ status: 'waiting', step: 'print' });
    expect(accepted.status).toBe(200);
    expect(scrapped.body.unit.status).toBe('scrapped');
    expect([afterScrap.status, afterScrap.body.reason]).toEqual([409, 'UNIT_SCRAPPED']);
    const events = (await http<{ events: Array<{ type: string; operator: string | null; detail: string | null }> }>('GET', `${stack.url}/units/${serial}/trace`)).body.events;
    expect(events.map((e) => e.type)).toEqual(['released', 'held', 'resumed', 'started', 'scrapped']);
    expect(events[1]).toMatchObject({ operator: quality.id, detail: 'suspect solder paste lot' });
  });
});
