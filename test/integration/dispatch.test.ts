/**
 * Dispatch over HTTP against the real servers and a worker: the queue of a station's group in
 * dispatch order, claiming the next unit (two operators at once), claim expiry, line scoping;
 * and the trace of a supplier lot.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { BOARD, publish, twoStepRouting } from '../support/dispatch-routings';
import { temporalAddress, uniqueName } from '../support/env';
import { complete, start } from '../support/fixtures';
import { http, startApi, startTestStack, useHeaders, type TestApi, type TestStack } from '../support/stack';
import { unitBatch, startAt } from '../support/unit-batches';

interface Claim {
  by: string;
  station: string | null;
  at: string;
  expiresAt: string;
}
interface QueueEntry {
  serial: string;
  line: string;
  steps: string[];
  dueAt: string | null;
  priority: number;
  claim: Claim | null;
}
interface Queue {
  stationGroup: string;
  items: QueueEntry[];
  nextCursor: string | null;
}

const MASTER_DATA = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('dispatch');
  await stack.startWorker();
  useHeaders(stack.admin);
  await publish(stack.url, stack.admin, 'master-data', 'plant-1', MASTER_DATA);
  await publish(stack.url, stack.admin, 'routing', 'dq-print', twoStepRouting('print', 'smt-printer'));
  await publish(stack.url, stack.admin, 'routing', 'dq-aoi', twoStepRouting('aoi', 'smt-aoi'));
});

afterAll(async () => {
  await stack?.stop();
});

async function release(routing: string, line: string, over: { dueAt?: string; priority?: number } = {}): Promise<string> {
  const serial = uniqueName('SN');
  const res = await http('POST', `${stack.url}/units`, { serial, routing, line, ...over });
  expect(res.status).toBe(201);
  return serial;
}

const queueOf = async (what: string, auth?: Record<string, string>): Promise<Queue> => {
  const res = await http<Queue>('GET', `${stack.url}/${what}/queue?limit=200`, undefined, auth);
  expect(res.status).toBe(200);
  return res.body;
};

it("when units wait for the printers, then PR-01's queue lists its line's units earliest due first (none last), then higher priority, then longest waiting", async () => {
  // Arrange
  const late = await release('dq-print', 'SMT1', { dueAt: '2030-01-02T00:00:00Z' });
  const early = await release('dq-print', 'SMT1', { dueAt: '2030-01-01T00:00:00Z' });
  const urgent = await release('dq-print', 'SMT1', { priority: 5 });
  const first = await release('dq-print', 'SMT1');
  const second = await release('dq-print', 'SMT1');
  const otherLine = await release('dq-print', 'FA1');
  const fa1 = await stack.as('operator', ['FA1']);

  // Act
  const station = await queueOf('stations/PR-01');
  const groupForFa1 = await queueOf('station-groups/smt-printer', fa1.auth);

  // Assert
  expect(station.stationGroup).toBe('smt-printer');
  expect(station.items.map((i) => i.serial)).toEqual([early, late, urgent, first, second]);
  expect(station.items[0]).toMatchObject({ line: 'SMT1', steps: ['print'], dueAt: '2030-01-01T00:00:00.000Z', priority: 0, claim: null });
  expect(groupForFa1.items.map((i) => i.serial)).toEqual([otherLine]);
});

it('when two operators claim the next unit at once, then each gets a different one in queue order, the queue shows who holds which, and a third finds none free', async () => {
  // Arrange
  const u1 = await release('dq-aoi', 'SMT1', { dueAt: '2030-01-01T00:00:00Z' });
  const u2 = await release('dq-aoi', 'SMT1', { dueAt: '2030-01-02T00:00:00Z' });
  const [op1, op2, op3] = [await stack.as('operator', ['SMT1']), await stack.as('operator', ['SMT1']), await stack.as('operator', ['SMT1'])];
  const claim = (auth: Record<string, string>) => http<{ unit: QueueEntry; claim: Claim }>('POST', `${stack.url}/stations/AO-01/queue/claim`, undefined, auth);

  // Act
  const [c1, c2] = await Promise.all([claim(op1.auth), claim(op2.auth)]);
  const queue = await queueOf('stations/AO-01');
  const third = await claim(op3.auth);
  const again = await claim(op1.auth);

  // Assert
  expect([c1.status, c2.status]).toEqual([200, 200]);
  expect([c1.body.unit.serial, c2.body.unit.serial].sort()).toEqual([u1, u2].sort());
  expect([c1.body.claim.by, c2.body.claim.by]).toEqual([op1.id, op2.id]);
  const minutes = (Date.parse(c1.body.claim.expiresAt) - Date.parse(c1.body.claim.at)) / 60_000;
  expect(minutes).toBe(10);
  const holders = Object.fromEntries(queue.items.map((i) => [i.serial, i.claim?.by]));
  expect(holders).toEqual({ [c1.body.unit.serial]: op1.id, [c2.body.unit.serial]: op2.id });
  expect(third.status).toBe(404);
  expect(third.body).toMatchObject({ type: expect.stringMatching(/queue-empty$/) });
  expect(again.body.unit.serial).toBe(c1.body.unit.serial);
});

it('when an operator starts the claimed unit, then it leaves the queue, and after completing it waits in the next group\'s queue', async () => {
  // Arrange
  const serial = await release('dq-aoi', 'SMT1', { priority: 1000 });
  const op = await stack.as('operator', ['SMT1']);
  const claimed = await http<{ unit: QueueEntry }>('POST', `${stack.url}/stations/AO-01/queue/claim`, undefined, op.auth);
  const lot = uniqueName('SL');

  // Act
  const started = await http('POST', `${stack.url}/units/${serial}/actions`, start('aoi', { station: 'AO-01', operator: op.id }), op.auth);
  const whileStarted = await queueOf('stations/AO-01');
  const done = await http('POST', `${stack.url}/units/${serial}/actions`, { ...complete('aoi', 'pass', { station: 'AO-01', operator: op.id }), components: [{ partNumber: BOARD, supplierLot: lot, quantity: 1 }] }, op.auth);
  const packQueue = await queueOf('stations/PK-01');

  // Assert
  expect(claimed.body.unit.serial).toBe(serial);
  expect([started.status, done.status]).toEqual([200, 200]);
  expect(whileStarted.items.map((i) => i.serial)).not.toContain(serial);
  expect(packQueue.items.find((i) => i.serial === serial)).toMatchObject({ steps: ['pack'], claim: null });
});

it('when a unit consumed a supplier lot, then the lot trace names the unit, step and quantity, for callers who see its line only', async () => {
  // Arrange
  const serial = await release('dq-print', 'SMT1');
  const lot = uniqueName('SL');
  await http('POST', `${stack.url}/units/${serial}/actions`, start('print', { station: 'PR-01' }));
  const done = await http('POST', `${stack.url}/units/${serial}/actions`, { ...complete('print', 'pass', { station: 'PR-01' }), components: [{ partNumber: BOARD, supplierLot: lot, quantity: 1 }] });
  const [smt, fa] = [await stack.as('viewer', ['SMT1']), await stack.as('viewer', ['FA1'])];

  // Act
  const trace = await http<{ items: Array<Record<string, unknown>> }>('GET', `${stack.url}/trace/components?supplierLot=${lot}&partNumber=${BOARD}`, undefined, smt.auth);
  const otherPart = await http<{ items: unknown[] }>('GET', `${stack.url}/trace/components?supplierLot=${lot}&partNumber=PCB-B200`, undefined, smt.auth);
  const otherLine = await http<{ items: unknown[] }>('GET', `${stack.url}/trace/components?supplierLot=${lot}`, undefined, fa.auth);

  // Assert
  expect(done.status).toBe(200);
  expect(trace.status).toBe(200);
  expect(trace.body.items).toEqual([expect.objectContaining({ serial, partNumber: BOARD, supplierLot: lot, step: 'print', station: 'PR-01', quantity: 1, line: 'SMT1' })]);
  expect(trace.body.items[0]?.seq).toBe(3);
  expect(otherPart.body.items).toEqual([]);
  expect(otherLine.body.items).toEqual([]);
});

describe('claim expiry', () => {
  let api: TestApi;
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporalAddress() });
    const before = process.env.TAKTFLOW_DISPATCH_CLAIM_MINUTES;
    process.env.TAKTFLOW_DISPATCH_CLAIM_MINUTES = '0.02'; // 1.2 s
    try {
      api = await startApi('dispatch-expiry', connection);
    } finally {
      if (before === undefined) delete process.env.TAKTFLOW_DISPATCH_CLAIM_MINUTES;
      else process.env.TAKTFLOW_DISPATCH_CLAIM_MINUTES = before;
    }
    await publish(api.url, api.admin, 'master-data', 'plant-1', MASTER_DATA);
  });

  afterAll(async () => {
    await api?.stop();
    await connection?.close();
  });

  it('when a claim has expired, then another operator claims the unit, and the queue shows the new holder', async () => {
    // Arrange: one unit waiting at the reflow ovens (its queue entry as the worker writes it).
    const batch = unitBatch({ allowed: [startAt('reflow', 'smt-reflow')], waitingSince: new Date().toISOString() });
    await api.store.dispatch.applyBatch(batch);
    const [op1, op2] = [await api.as('operator', ['SMT1']), await api.as('operator', ['SMT1'])];
    const claim = (auth: Record<string, string>) => http<{ unit: QueueEntry; claim: Claim }>('POST', `${api.url}/stations/RF-01/queue/claim`, undefined, auth);
    const first = await claim(op1.auth);
    const whileHeld = await claim(op2.auth);

    // Act
    await new Promise((r) => setTimeout(r, 1_500));
    const afterExpiry = await claim(op2.auth);
    const queue = await http<Queue>('GET', `${api.url}/stations/RF-01/queue`, undefined, op1.auth);

    // Assert
    expect(first.body.claim.by).toBe(op1.id);
    expect(whileHeld.status).toBe(404);
    expect(afterExpiry.status).toBe(200);
    expect(afterExpiry.body).toMatchObject({ unit: { serial: batch.serial }, claim: { by: op2.id, station: 'RF-01' } });
    expect(queue.body.items.map((i) => [i.serial, i.claim?.by])).toEqual([[batch.serial, op2.id]]);
  });
});
