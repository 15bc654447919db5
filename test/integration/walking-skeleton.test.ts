/**
 * The walking skeleton over HTTP, against the real Temporal dev server and the real
 * MongoDB-wire server, with the worker as a separate process.
 */
import { exampleRouting, complete, start, SMT_ROUTE_WITH_REPAIR, type ActionBody, SMT_MODEL } from '../support/fixtures';
import { ADMIN, http, startTestStack, useHeaders, type TestStack } from '../support/stack';
import { uniqueName } from '../support/env';

interface Unit {
  serial: string;
  status: string;
  routing: { key: string; version: number };
  step: string | null;
  allowedSteps: string[];
}
interface TraceEvent {
  seq: number;
  type: string;
  step: string | null;
  station: string | null;
  operator: string | null;
  result: string | null;
  at: string;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  reason?: string;
  allowedSteps?: string[];
  errors?: Array<{ pointer: string; code: string }>;
}

let stack: TestStack;
const ROUTING = 'smt-mainboard';
const LINE = 'SMT1';
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };

async function publishExample(): Promise<number> {
  const draft = await http(`POST`, `${stack.url}/definitions/routing/${ROUTING}/drafts`, exampleRouting());
  expect(draft.status).toBe(201);
  const published = await http<{ version: number }>('POST', `${stack.url}/definitions/routing/${ROUTING}/publish`, { note: 'test', ...SIGNED });
  expect(published.status).toBe(201);
  return published.body.version;
}

async function release(serial: string): Promise<Unit> {
  const res = await http<Unit>('POST', `${stack.url}/units`, { serial, routing: ROUTING, line: LINE, productModel: SMT_MODEL });
  expect(res.status).toBe(201);
  return res.body;
}

function act(serial: string, body: ActionBody, key = uniqueName('k')) {
  return http<{ unit: Unit; events: TraceEvent[] } & Problem>('POST', `${stack.url}/units/${serial}/actions`, body, { 'Idempotency-Key': key });
}

async function trace(serial: string): Promise<TraceEvent[]> {
  const res = await http<{ serial: string; events: TraceEvent[] }>('GET', `${stack.url}/units/${serial}/trace`);
  expect(res.status).toBe(200);
  return res.body.events;
}

async function runSteps(serial: string, steps: Array<[string, 'pass' | 'fail']>): Promise<void> {
  for (const [step, result] of steps) {
    expect((await act(serial, start(step))).status).toBe(200);
    expect((await act(serial, complete(step, result))).status).toBe(200);
  }
}

beforeAll(async () => {
  stack = await startTestStack('skeleton');
  useHeaders(stack.admin);
  await stack.startWorker();
  await publishExample();
});

afterAll(async () => {
  await stack?.stop();
});

describe('definitions', () => {
  it('when a routing is published twice, then versions are numbered in order and each reads back unchanged', async () => {
    const key = uniqueName('r').toLowerCase();
    const routing = exampleRouting();
    expect((await http('POST', `${stack.url}/definitions/routing/${key}/drafts`, routing)).status).toBe(201);
    const v1 = await http<{ version: number; contentHash: string }>('POST', `${stack.url}/definitions/routing/${key}/publish`, SIGNED);
    const v2 = await http<{ version: number; contentHash: string }>('POST', `${stack.url}/definitions/routing/${key}/publish`, SIGNED);
    expect([v1.status, v1.body.version, v2.status, v2.body.version]).toEqual([201, 1, 201, 2]);
    expect(v2.body.contentHash).toBe(v1.body.contentHash);
    const read = await http<{ version: number; content: unknown }>('GET', `${stack.url}/definitions/routing/${key}/versions/1`);
    expect(read.status).toBe(200);
    expect(read.body.content).toEqual(routing);
  });

  it('when a draft names an unknown step, then 422 problem+json points at it and nothing is stored', async () => {
    const key = uniqueName('bad').toLowerCase();
    const routing = exampleRouting();
    routing.transitions[2] = { from: 'spi', to: 'nowhere', on: 'fail' };
    const res = await http<Problem>('POST', `${stack.url}/definitions/routing/${key}/drafts`, routing);
    expect(res.status).toBe(422);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ pointer: '/transitions/2/to', code: 'routing.unknown-step', message: 'to names no step: "nowhere"', messageZh: 'to 指向的工序不存在："nowhere"' }]);
    expect((await http('POST', `${stack.url}/definitions/routing/${key}/publish`, SIGNED)).status).toBe(409);
  });

  it('when a body is not JSON, then 400 problem+json', async () => {
    const res = await http<Problem>('POST', `${stack.url}/definitions/routing/x/drafts`, '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://taktflow.dev/problems/malformed-json');
  });

  it('when a version does not exist, then 404', async () => {
    expect((await http('GET', `${stack.url}/definitions/routing/${ROUTING}/versions/999`)).status).toBe(404);
  });
});

describe('units', () => {
  it('when a unit runs the whole SMT route with one AOI failure, then it is repaired, finishes, and its trace lists every action in order', async () => {
    const serial = uniqueName('SN');
    const released = await release(serial);
    expect(released).toMatchObject({ serial, status: 'waiting', routing: { key: ROUTING }, step: 'print', allowedSteps: ['print'] });

    await runSteps(serial, SMT_ROUTE_WITH_REPAIR.slice(0, 5));
    expect((await http<Unit>('GET', `${stack.url}/units/${serial}`)).body).toMatchObject({ status: 'waiting', step: 'repair', allowedSteps: ['repair'] });
    await runSteps(serial, SMT_ROUTE_WITH_REPAIR.slice(5));

    const unit = await http<Unit>('GET', `${stack.url}/units/${serial}`);
    expect(unit.body).toMatchObject({ status: 'finished', step: null, allowedSteps: [] });

    const events = await trace(serial);
    const expected = [
      ['released', null, null],
      ...SMT_ROUTE_WITH_REPAIR.flatMap(([step, result]) => [
        ['started', step, null],
        ['completed', step, result],
      ]),
      ['finished', null, null],
    ];
    expect(events.map((e) => [e.type, e.step, e.result])).toEqual(expected);
    expect(events.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
    const aoiFail = events.find((e) => e.step === 'aoi' && e.result === 'fail');
    expect(aoiFail).toMatchObject({ station: 'ST-aoi', operator: 'op-1001' });
    const times = events.map((e) => Date.parse(e.at));
    expect(times.every((t, i) => Number.isFinite(t) && (i === 0 || t >= (times[i - 1] as number)))).toBe(true);

    const after = await act(serial, start('pack'));
    expect(after.status).toBe(409);
    expect(after.body.reason).toBe('UNIT_FINISHED');
  });

  it('when the last action is retried with its Idempotency-Key after the unit finished, then the recorded answer comes back (replayed, audited once) and nothing is added; the key with another body is refused', async () => {
    // Arrange
    const serial = uniqueName('SN');
    await release(serial);
    await runSteps(serial, SMT_ROUTE_WITH_REPAIR.slice(0, -1));
    expect((await act(serial, start('pack'))).status).toBe(200);
    const key = uniqueName('last');
    const auditBefore = await stack.store.auditLog.headOf();
    const first = await act(serial, complete('pack'), key);
    const before = await trace(serial);

    // Act
    const retry = await act(serial, complete('pack'), key);
    const otherBody = await act(serial, complete('pack', 'fail'), key);

    // Assert
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.events).toEqual(first.body.events);
    expect(retry.body.unit).toMatchObject({ status: 'finished' });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.type).toBe('https://taktflow.dev/problems/idempotency-key-reused');
    expect(await trace(serial)).toEqual(before);
    const audited = await stack.store.auditLog.list({ afterSeq: auditBefore.seq, limit: 1000 });
    expect(audited.filter((e) => e.action === 'actOnUnit' && e.resource?.id === serial && e.status === 200)).toHaveLength(1);
  });

  it('when an operator takes a later step out of order, then 409 names the missed step and the allowed one, and nothing is recorded', async () => {
    const serial = uniqueName('SN');
    await release(serial);
    await runSteps(serial, [['print', 'pass']]);
    const before = await trace(serial);

    const res = await act(serial, start('mount'));

    expect(res.status).toBe(409);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ reason: 'STEP_MISSED', allowedSteps: ['spi'], missedSteps: ['spi'] });
    expect(res.body.detail).toContain('start spi');
    expect(res.body.detail).toContain('遗漏工序');
    expect(await trace(serial)).toEqual(before);
  });

  it('when the same action is sent twice with one Idempotency-Key, then it is recorded once and both answers agree', async () => {
    const serial = uniqueName('SN');
    await release(serial);
    const key = uniqueName('idem');
    const auditBefore = await stack.store.auditLog.headOf();

    const first = await act(serial, start('print'), key);
    const second = await act(serial, start('print'), key);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')]).toEqual([null, 'true']);
    const events = await trace(serial);
    expect(events.filter((e) => e.type === 'started' && e.step === 'print')).toHaveLength(1);
    const recorded = await stack.store.connection.collection('unit_events').find({ serial }).sort({ seq: 1 }).toArray();
    expect(recorded.map((e) => e.seq)).toEqual([1, 2]);
    // The live stream told of the start once.
    const streamed = (await stack.store.connection.collection('stream_events').find({}).toArray()).map((d) => JSON.parse(String(d.data)) as { serial?: string; event?: { type: string } });
    expect(streamed.filter((d) => d.serial === serial && d.event?.type === 'started')).toHaveLength(1);
    // The audit trail holds the call once: the retry replayed it.
    const audited = await stack.store.auditLog.list({ afterSeq: auditBefore.seq, limit: 1000 });
    expect(audited.filter((e) => e.action === 'actOnUnit' && e.resource?.id === serial)).toHaveLength(1);
  });

  it('when a refused action is retried with its Idempotency-Key after the unit could take it, then the first refusal comes back, replayed and audited once; a new key is answered afresh', async () => {
    // Arrange: mount before spi is refused
    const serial = uniqueName('SN');
    await release(serial);
    await runSteps(serial, [['print', 'pass']]);
    const key = uniqueName('idem');
    const auditBefore = await stack.store.auditLog.headOf();
    const first = await act(serial, start('mount'), key);
    await runSteps(serial, [['spi', 'pass']]);

    // Act
    const retry = await act(serial, start('mount'), key);
    const fresh = await act(serial, start('mount'));

    // Assert
    expect([first.status, retry.status, fresh.status]).toEqual([409, 409, 200]);
    expect(retry.body).toEqual(first.body);
    expect(first.body).toMatchObject({ reason: 'STEP_MISSED', missedSteps: ['spi'] });
    expect([first.headers.get('idempotent-replayed'), retry.headers.get('idempotent-replayed')]).toEqual([null, 'true']);
    expect((await trace(serial)).filter((e) => e.step === 'mount').map((e) => e.type)).toEqual(['started']);
    const audited = await stack.store.auditLog.list({ afterSeq: auditBefore.seq, limit: 1000 });
    expect(audited.filter((e) => e.action === 'actOnUnit' && e.resource?.id === serial && e.status === 409)).toHaveLength(1);
  });

  it('when an Idempotency-Key is sent again with another body, or by another user, then 422 names the header and nothing is recorded', async () => {
    // Arrange
    const serial = uniqueName('SN');
    await release(serial);
    const key = uniqueName('idem');
    expect((await act(serial, start('print'), key)).status).toBe(200);
    const before = await trace(serial);
    const other = await stack.as('operator', [LINE]);

    // Act
    const otherBody = await act(serial, complete('print', 'pass'), key);
    const otherUser = await http<Problem & { parameter: string }>('POST', `${stack.url}/units/${serial}/actions`, { ...start('print'), operator: other.id }, { ...other.auth, 'Idempotency-Key': key });

    // Assert
    for (const res of [otherBody, otherUser]) {
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('https://taktflow.dev/problems/idempotency-key-reused');
    }
    expect(otherUser.body.parameter).toBe('Idempotency-Key');
    expect(await trace(serial)).toEqual(before);
  });

  it('when a unit has run many steps, then its head document stays small and its trace still has every event', async () => {
    // Arrange
    const serial = uniqueName('SN');
    await release(serial);

    // Act: start and complete print, then start and complete SPI: 5 events
    for (const body of [start('print'), complete('print'), start('spi'), complete('spi')]) expect((await act(serial, body, uniqueName('k'))).status).toBe(200);

    // Assert: the head carries no events (an update of the embedded server rewrites the whole document)
    const head = await stack.store.connection.collection('units').findOne({ _id: serial as never });
    expect(head?.events).toBeUndefined();
    expect(head?.lastSeq).toBe(5);
    expect((await trace(serial)).map((e) => [e.seq, e.type, e.step])).toEqual([
      [1, 'released', null],
      [2, 'started', 'print'],
      [3, 'completed', 'print'],
      [4, 'started', 'spi'],
      [5, 'completed', 'spi'],
    ]);
  });

  it('when a unit was recorded before unit_events (its events inside its head), then its trace still reads them', async () => {
    // Arrange: a head written the way units were recorded before, events keyed by seq inside it
    const serial = uniqueName('SN-OLD');
    const at = new Date('2026-11-01T08:00:00Z');
    const event = (seq: number, type: string, step: string | null) => ({ seq, type, step, station: null, operator: null, result: null, detail: null, at, idempotencyKey: null });
    await stack.store.connection.collection('units').insertOne({
      _id: serial as never, site: 'plant-1', line: 'SMT1', routingKey: 'smt-mainboard', routingVersion: 1, status: 'waiting', step: 'print', allowed: [], lastSeq: 2,
      events: { '1': event(1, 'released', null), '2': event(2, 'held', null) }, createdAt: at, updatedAt: at,
    });

    // Act
    const events = await stack.store.units.events(serial);

    // Assert
    expect(events?.map((e) => [e.seq, e.type])).toEqual([[1, 'released'], [2, 'held']]);
  });

  it('when AOI fails more often than its rework loop allows, then the unit is held, says why, and refuses further actions', async () => {
    const serial = uniqueName('SN');
    await release(serial);
    await runSteps(serial, SMT_ROUTE_WITH_REPAIR.slice(0, 4));
    for (let i = 0; i < 3; i++) await runSteps(serial, [['aoi', 'fail'], ['repair', 'pass']]);
    await runSteps(serial, [['aoi', 'fail']]);

    const unit = await http<Unit>('GET', `${stack.url}/units/${serial}`);
    const next = await act(serial, start('repair'));

    expect(unit.body).toMatchObject({ status: 'held', step: 'aoi', allowedSteps: [] });
    expect((await trace(serial)).at(-1)).toMatchObject({ type: 'held', step: 'aoi' });
    expect(next.status).toBe(409);
    expect(next.body).toMatchObject({ reason: 'UNIT_HELD' });
    expect(next.body.detail).toContain('the loop aoi → repair was taken more than 3 times');
  });

  it('when a serial is released twice, then the second release is refused with 409', async () => {
    const serial = uniqueName('SN');
    await release(serial);
    const again = await http<Problem>('POST', `${stack.url}/units`, { serial, routing: ROUTING, line: LINE, productModel: SMT_MODEL });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://taktflow.dev/problems/unit-exists');
  });

  it('when a unit is released while a newer version is published, then it keeps running the version it started with', async () => {
    const serial = uniqueName('SN');
    const pinned = (await release(serial)).routing.version;
    const shorter = exampleRouting();
    shorter.steps = shorter.steps.filter((s) => s.id !== 'spi');
    shorter.transitions = shorter.transitions.filter((t) => t.from !== 'spi' && t.to !== 'spi');
    shorter.transitions.push({ from: 'print', to: 'mount', on: 'pass' });
    expect((await http('POST', `${stack.url}/definitions/routing/${ROUTING}/drafts`, shorter)).status).toBe(201);
    const newer = await http<{ version: number }>('POST', `${stack.url}/definitions/routing/${ROUTING}/publish`, SIGNED);
    expect(newer.body.version).toBe(pinned + 1);

    await runSteps(serial, [['print', 'pass']]);
    const unit = await http<Unit>('GET', `${stack.url}/units/${serial}`);
    expect(unit.body).toMatchObject({ routing: { version: pinned }, step: 'spi' });
    const fresh = await release(uniqueName('SN'));
    expect(fresh.routing.version).toBe(pinned + 1);
    await publishExample();
  });

  it('when an action is malformed, then 422 points at the field', async () => {
    const serial = uniqueName('SN');
    await release(serial);
    const res = await act(serial, { type: 'complete', step: 'print', station: 'S', operator: 'o' } as ActionBody);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/result', code: 'schema.required', message: 'result is required', messageZh: '缺少必填项 result' }]);
  });

  it('when a unit is unknown, then reading or acting on it answers 404', async () => {
    expect((await http('GET', `${stack.url}/units/NOPE-1`)).status).toBe(404);
    expect((await http('GET', `${stack.url}/units/NOPE-1/trace`)).status).toBe(404);
    expect((await act('NOPE-1', start('print'))).status).toBe(404);
  });
});

describe('worker crash', () => {
  it('when the worker is killed with SIGKILL mid-route and replaced, then the unit finishes with every event exactly once', async () => {
    const serial = uniqueName('SN');
    await release(serial);
    await runSteps(serial, SMT_ROUTE_WITH_REPAIR.slice(0, 3));
    await act(serial, start('reflow'));

    for (const w of stack.workers) await w.kill('SIGKILL');
    // Sent while no worker runs: it waits in Temporal until the replacement picks it up.
    const inFlight = act(serial, complete('reflow'));
    await new Promise((r) => setTimeout(r, 500));
    await stack.startWorker();
    expect((await inFlight).status).toBe(200);

    await runSteps(serial, SMT_ROUTE_WITH_REPAIR.slice(4));
    const events = await trace(serial);
    expect(events).toHaveLength(2 + SMT_ROUTE_WITH_REPAIR.length * 2);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('finished');
    expect(events.filter((e) => e.step === 'reflow').map((e) => e.type)).toEqual(['started', 'completed']);
  });
});
