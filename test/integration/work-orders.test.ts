/**
 * Work orders end to end: the ERP creates one over HTTP, a planner releases its units, real unit
 * workflows run the SMT route and report to the work order, and the ERP webhook receiver (real,
 * on loopback, failing the first two attempts of every message) gets progress and completion,
 * each exactly once by idempotency key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SMT_MODEL, complete, exampleRouting, start } from '../support/fixtures';
import { uniqueName } from '../support/env';
import { eventually, startErpReceiver, type ErpReceiver } from '../support/erp-receiver';
import { ADMIN, http, startTestStack, useHeaders, type Auth, type TestStack } from '../support/stack';
import type { WorkOrderView } from '../../engine/work-order/view';

let stack: TestStack;
let erp: ErpReceiver;
let planner: Auth;
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };
const STATIONS: Record<string, string> = { print: 'PR-01', spi: 'SP-01', mount: 'MT-01', reflow: 'RF-01', aoi: 'AO-01', repair: 'RP-01', ict: 'IC-01', pack: 'PK-01' };
const ROUTE = ['print', 'spi', 'mount', 'reflow', 'aoi', 'ict', 'pack'];

const order = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  number: uniqueName('4500'),
  productModel: SMT_MODEL,
  routing: 'smt-mainboard',
  quantity: 3,
  dueAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
  line: 'SMT1',
  priority: 5,
  serialPattern: `${uniqueName('MB')}-{YYMMDD}-{SEQ:4}`,
  progressIntervalSeconds: 1,
  ...over,
});

async function runRoute(serial: string): Promise<void> {
  for (const step of ROUTE) {
    const station = STATIONS[step] as string;
    const s = await http('POST', `${stack.url}/units/${serial}/actions`, start(step, { station }));
    const c = await http('POST', `${stack.url}/units/${serial}/actions`, complete(step, 'pass', { station }));
    expect([step, s.status, c.status]).toEqual([step, 200, 200]);
  }
}

const getOrder = async (number: string, auth?: Auth) => http<WorkOrderView>('GET', `${stack.url}/work-orders/${number}`, undefined, auth);

beforeAll(async () => {
  erp = await startErpReceiver({ failFirst: 2 });
  stack = await startTestStack('work-orders', { workerEnv: { TAKTFLOW_ERP_WEBHOOK_URL: erp.url } });
  await stack.startWorker();
  useHeaders(stack.admin);
  const md = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
  expect((await http('POST', `${stack.url}/definitions/master-data/plant-1/drafts`, md)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/master-data/plant-1/publish`, SIGNED)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/drafts`, exampleRouting())).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/publish`, SIGNED)).status).toBe(201);
  planner = (await stack.as('integration')).auth;
});

afterAll(async () => {
  await stack?.stop();
  await erp?.close();
});

describe('creating work orders', () => {
  it('when the ERP sends a production request with a serial pattern, then the order is created, pinned to the active routing version, with its serials generated', async () => {
    // Arrange
    const body = order({ quantity: 2, serialPattern: 'WOC{YYMMDD}-{SEQ:3}', serialStart: 7, number: uniqueName('C') });
    const key = uniqueName('idem');

    // Act
    const created = await http<WorkOrderView>('POST', `${stack.url}/work-orders`, body, { ...planner, 'Idempotency-Key': key });
    const replayed = await http<WorkOrderView>('POST', `${stack.url}/work-orders`, body, { ...planner, 'Idempotency-Key': key });
    const again = await http<{ errors: Array<{ pointer: string; code: string }> }>('POST', `${stack.url}/work-orders`, body, planner);

    // Assert
    const day = new Date().toISOString().slice(2, 10).replace(/-/g, '');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: body.number, status: 'created', routing: { key: 'smt-mainboard', version: 1 }, counts: { quantity: 2, released: 0, remaining: 2 } });
    expect(created.body.units.map((u) => [u.serial, u.status])).toEqual([[`WOC${day}-007`, 'planned'], [`WOC${day}-008`, 'planned']]);
    expect(replayed).toEqual(created);
    expect(again.status).toBe(409);
    expect(again.body.errors.map((e) => [e.pointer, e.code])).toEqual([['/number', 'work-order.exists']]);
    expect((await getOrder(String(body.number))).body.status).toBe('created');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a routing with no published version', { routing: 'no-such-routing' }, '/routing', 'routing.not-published'],
    ['a product model the routing does not build', { productModel: 'FA-X1' }, '/productModel', 'work-order.product-model'],
    ['a line not in the master data', { line: 'SMT9' }, '/line', 'work-order.unknown-line'],
    ['a pattern without a sequence', { serialPattern: 'MB{YYMMDD}' }, '/serialPattern', 'work-order.serial-pattern.no-sequence'],
    ['fewer serials than the quantity', { serialPattern: undefined, serials: ['X-1'] }, '/serials', 'work-order.serial-count'],
  ])('when the request names %s, then it is refused with 422 at that field and nothing is created', async (_case, over, pointer, code) => {
    // Arrange
    const body = order(over);

    // Act
    const res = await http<{ errors: Array<{ pointer: string; code: string; messageZh: string }> }>('POST', `${stack.url}/work-orders`, JSON.parse(JSON.stringify(body)), planner);

    // Assert
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => [e.pointer, e.code])).toEqual([[pointer, code]]);
    expect(res.body.errors[0]?.messageZh).toBeTruthy();
    expect((await getOrder(String(body.number))).status).toBe(404);
  });

  it('when an operator creates an order, or someone of another line reads or lists it, then they are refused or see nothing', async () => {
    // Arrange
    const created = await http<WorkOrderView>('POST', `${stack.url}/work-orders`, order(), planner);
    const operator = (await stack.as('operator', ['SMT1'])).auth;
    const otherLine = (await stack.as('viewer', ['FA1'])).auth;

    // Act
    const byOperator = await http('POST', `${stack.url}/work-orders`, order(), operator);
    const readBySameLine = await getOrder(created.body.number, operator);
    const readByOtherLine = await getOrder(created.body.number, otherLine);
    const listedByOtherLine = await http<{ items: unknown[] }>('GET', `${stack.url}/work-orders?line=SMT1`, undefined, otherLine);
    const listedBySameLine = await http<{ items: Array<{ number: string }> }>('GET', `${stack.url}/work-orders?status=created&limit=200`, undefined, operator);

    // Assert
    expect(created.status).toBe(201);
    expect([byOperator.status, readBySameLine.status, readByOtherLine.status]).toEqual([403, 200, 404]);
    expect(listedByOtherLine.body.items).toEqual([]);
    expect(listedBySameLine.body.items.map((o) => o.number)).toContain(created.body.number);
  });
});

describe('running a work order', () => {
  it('when its units run the route, then the order counts them per step, completes, and the ERP gets each message exactly once despite failed first attempts', async () => {
    // Arrange
    const created = await http<WorkOrderView>('POST', `${stack.url}/work-orders`, order(), planner);
    const number = created.body.number;
    const [a, b, c] = created.body.units.map((u) => u.serial) as [string, string, string];

    // Act: release two, then the rest; two run the route, quality scraps the third.
    const first = await http<WorkOrderView>('POST', `${stack.url}/work-orders/${number}/release`, { count: 2 }, planner);
    const tooMany = await http<{ reason: string; remaining: number }>('POST', `${stack.url}/work-orders/${number}/release`, { count: 5 }, planner);
    const unitA = await http<{ status: string; step: string }>('GET', `${stack.url}/units/${a}`);
    const rest = await http<WorkOrderView>('POST', `${stack.url}/work-orders/${number}/release`, {}, planner);
    const nothingLeft = await http<{ reason: string }>('POST', `${stack.url}/work-orders/${number}/release`, {}, planner);
    await runRoute(a);
    await runRoute(b);
    expect((await http('POST', `${stack.url}/units/${c}/scrap`, { reason: 'dropped at loading' })).status).toBe(200);
    const done = await eventually(async () => {
      const o = (await getOrder(number)).body;
      return o.status === 'completed' && o.erp.messages.some((m) => m.kind === 'completion') ? o : undefined;
    }, 90_000, 'the completed work order');

    // Assert: releases
    expect(first.status).toBe(200);
    expect(first.body.counts).toMatchObject({ released: 2, remaining: 1 });
    expect([tooMany.status, tooMany.body.reason, tooMany.body.remaining]).toEqual([409, 'RELEASE_EXCEEDS_REMAINING', 1]);
    expect([unitA.status, unitA.body.status, unitA.body.step]).toEqual([200, 'waiting', 'print']);
    expect(rest.body.counts).toMatchObject({ released: 3, remaining: 0 });
    expect([nothingLeft.status, nothingLeft.body.reason]).toEqual([409, 'NOTHING_TO_RELEASE']);
    // Assert: what the units reported
    expect(done.counts).toEqual({ quantity: 3, released: 3, remaining: 0, completed: 2, scrapped: 1, held: 0, wip: 0, releaseFailed: 0 });
    expect(done.steps.find((s) => s.step === 'print')).toEqual({ step: 'print', waiting: 0, inProgress: 0, held: 0, completed: 2, scrapped: 1 });
    expect(done.steps.find((s) => s.step === 'pack')).toMatchObject({ completed: 2 });
    expect(done.units.map((u) => u.status)).toEqual(['finished', 'finished', 'scrapped']);
    expect(done.completedAt).not.toBeNull();
    // Assert: the ERP, once per key, after two refused attempts each
    const mine = erp.accepted.filter((m) => m.key.startsWith(`wo:${number}:`));
    const keys = mine.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[keys.length - 1]).toBe(`wo:${number}:completion`);
    expect(keys.slice(0, -1)).toEqual(keys.slice(0, -1).map((_, i) => `wo:${number}:progress:${i + 1}`));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(mine.map((m) => erp.attemptsByKey.get(m.key))).toEqual(mine.map(() => 3));
    expect(erp.duplicates.filter((k) => k.startsWith(`wo:${number}:`))).toEqual([]);
    expect(done.erp.messages.map((m) => [m.idempotencyKey, m.outcome, m.status])).toEqual(keys.map((k) => [k, 'sent', 200]));
    const completion = mine[mine.length - 1]?.body as { counts: Record<string, number>; units: Array<{ serial: string; status: string; materialConsumed: Array<{ partNumber: string; supplierLot: string | null }> }> };
    expect(completion.counts).toMatchObject({ completed: 2, scrapped: 1 });
    expect(completion.units.map((u) => [u.serial, u.status])).toEqual([[a, 'finished'], [b, 'finished'], [c, 'scrapped']]);
    // Assert: the Temporal Web UI finds the order and its units by work order number
    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of stack.temporal.workflow.list({ query: `workOrder = "${number}"` })) ids.push(w.workflowId);
      return ids.length === 4 ? ids.sort() : undefined;
    }, 30_000, 'the visibility records');
    expect(listed).toEqual([`unit:${a}`, `unit:${b}`, `unit:${c}`, `wo:${number}`].sort());
    expect(completion.units[0]?.materialConsumed).toEqual(
      expect.arrayContaining([expect.objectContaining({ partNumber: 'PCB-A100', supplierLot: 'LOT-PCB-0001' }), expect.objectContaining({ partNumber: 'IC-MCU-32', supplierLot: 'LOT-MCU-0001' })]),
    );
  });

  it('when a serial of the order was taken by a unit released directly meanwhile, then that unit is refused at release and the order completes without it', async () => {
    // Arrange
    const serials = [uniqueName('SNX'), uniqueName('SNX')];
    const created = await http<WorkOrderView>('POST', `${stack.url}/work-orders`, order({ quantity: 2, serialPattern: undefined, serials }), planner);
    const direct = await http('POST', `${stack.url}/units`, { serial: serials[1], routing: 'smt-mainboard', line: 'SMT1', productModel: SMT_MODEL });

    // Act
    const released = await http<WorkOrderView>('POST', `${stack.url}/work-orders/${created.body.number}/release`, {}, planner);
    await runRoute(serials[0] as string);
    const done = await eventually(async () => {
      const o = (await getOrder(created.body.number)).body;
      return o.status === 'completed' ? o : undefined;
    }, 60_000, 'the completed work order');

    // Assert
    expect([created.status, direct.status, released.status]).toEqual([201, 201, 200]);
    expect(released.body.units[1]).toEqual({ serial: serials[1], status: 'release-failed', step: null, detail: `serial ${serials[1]} is already in use` });
    expect(done.counts).toMatchObject({ released: 1, releaseFailed: 1, completed: 1, wip: 0 });
  });
});
