/**
 * Quality's bulk hold, release and scrap over HTTP against the real servers and a worker: by
 * production lot, line and component lot; the outcome per unit; line scoping; the audit entry;
 * and a retried bulk call that records nothing twice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOARD, publish, twoStepRouting } from '../support/dispatch-routings';
import { uniqueName } from '../support/env';
import { complete, start } from '../support/fixtures';
import { http, startTestStack, useHeaders, type TestStack } from '../support/stack';

interface BulkResult {
  type: string;
  selected: number;
  done: string[];
  refused: Array<{ serial: string; reason: string; message: string; messageZh: string }>;
}

let stack: TestStack;
let quality: { auth: Record<string, string>; id: string };

beforeAll(async () => {
  stack = await startTestStack('bulk-disposition');
  await stack.startWorker();
  useHeaders(stack.admin);
  const md = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
  await publish(stack.url, stack.admin, 'master-data', 'plant-1', md);
  await publish(stack.url, stack.admin, 'routing', 'bulk-print', twoStepRouting('print', 'smt-printer'));
  quality = await stack.as('quality', ['SMT1', 'COAT1']);
});

afterAll(async () => {
  await stack?.stop();
});

async function release(line: string, over: { lot?: string } = {}): Promise<string> {
  const serial = uniqueName('SN');
  const res = await http('POST', `${stack.url}/units`, { serial, routing: 'bulk-print', line, ...over });
  expect(res.status).toBe(201);
  return serial;
}

const bulk = (body: unknown, headers: Record<string, string> = quality.auth) => http<BulkResult>('POST', `${stack.url}/units/bulk-disposition`, body, headers);
const statusOf = async (serial: string): Promise<string> => (await http<{ status: string }>('GET', `${stack.url}/units/${serial}`)).body.status;
const eventsOf = async (serial: string): Promise<string[]> => (await http<{ events: Array<{ type: string }> }>('GET', `${stack.url}/units/${serial}/trace`)).body.events.map((e) => e.type);

it('when quality holds a production lot, then each unit of it on their lines is held or refused with its reason, other units stay, and one audit entry records the decision', async () => {
  // Arrange
  const lot = uniqueName('LOT');
  const [a, b, otherLine, otherLot] = [await release('SMT1', { lot }), await release('SMT1', { lot }), await release('FA1', { lot }), await release('SMT1')];
  expect((await http('POST', `${stack.url}/units/${b}/hold`, { reason: 'checked first' }, quality.auth)).status).toBe(200);

  // Act
  const res = await bulk({ type: 'hold', reason: 'suspect paste batch', select: { lot } });

  // Assert
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ type: 'hold', selected: 2, done: [a] });
  expect(res.body.refused).toEqual([{ serial: b, reason: 'UNIT_HELD', message: expect.stringContaining('already on hold'), messageZh: '该产品已处于暂停状态' }]);
  expect([await statusOf(a), await statusOf(b), await statusOf(otherLine), await statusOf(otherLot)]).toEqual(['held', 'held', 'waiting', 'waiting']);
  expect(await eventsOf(a)).toEqual(['released', 'held']);
  const audit = await http<{ items: Array<{ action: string; reason: string | null; actor: { id: string }; after: unknown }> }>('GET', `${stack.url}/audit-log?limit=200`);
  const entries = audit.body.items.filter((e) => e.action === 'bulkDisposition' && e.reason === 'suspect paste batch');
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ actor: { id: quality.id }, after: { done: [a], selected: 2 } });
});

it('when quality releases by line, then only the held units of the line are selected, and they resume', async () => {
  // Arrange
  const [x, y, waiting] = [await release('COAT1'), await release('COAT1'), await release('COAT1')];
  for (const s of [x, y]) expect((await http('POST', `${stack.url}/units/${s}/hold`, { reason: 'coating check' }, quality.auth)).status).toBe(200);

  // Act
  const res = await bulk({ type: 'release', reason: 'coating OK', select: { line: 'COAT1' } });

  // Assert
  expect(res.body).toMatchObject({ type: 'release', selected: 2, refused: [] });
  expect([...res.body.done].sort()).toEqual([x, y].sort());
  expect([await statusOf(x), await statusOf(y), await statusOf(waiting)]).toEqual(['waiting', 'waiting', 'waiting']);
  expect(await eventsOf(x)).toEqual(['released', 'held', 'resumed']);
  expect(await eventsOf(waiting)).toEqual(['released']);
});

it('when a bulk hold is retried with the same Idempotency-Key, even from another session past the stored answer, then each unit reports done again and nothing is recorded twice', async () => {
  // Arrange
  const lot = uniqueName('LOT');
  const [p, q] = [await release('SMT1', { lot }), await release('SMT1', { lot })];
  const key = uniqueName('bulk');
  const body = { type: 'hold', reason: 'retry me', select: { lot } };
  const otherSession = await stack.as('quality', ['SMT1']);

  // Act
  const first = await bulk(body, { ...quality.auth, 'Idempotency-Key': key });
  const replay = await bulk(body, { ...quality.auth, 'Idempotency-Key': key });
  const retried = await bulk(body, { ...otherSession.auth, 'Idempotency-Key': key });

  // Assert
  expect([...first.body.done].sort()).toEqual([p, q].sort());
  expect(replay.body).toEqual(first.body);
  expect(retried.body).toMatchObject({ selected: 2, refused: [] });
  expect([...retried.body.done].sort()).toEqual([p, q].sort());
  expect([await eventsOf(p), await eventsOf(q)]).toEqual([
    ['released', 'held'],
    ['released', 'held'],
  ]);
});

it('when quality scraps by component lot, then exactly the units that consumed that lot are scrapped, and scrapped units are not selected again', async () => {
  // Arrange
  const [bad, good] = [uniqueName('SL'), uniqueName('SL')];
  const consume = async (supplierLot: string): Promise<string> => {
    const serial = await release('SMT1');
    expect((await http('POST', `${stack.url}/units/${serial}/actions`, start('print', { station: 'PR-01' }))).status).toBe(200);
    const done = await http('POST', `${stack.url}/units/${serial}/actions`, { ...complete('print', 'pass', { station: 'PR-01' }), components: [{ partNumber: BOARD, supplierLot, quantity: 1 }] });
    expect(done.status).toBe(200);
    return serial;
  };
  const [c1, c2, fine] = [await consume(bad), await consume(bad), await consume(good)];
  const select = { componentLot: { supplierLot: bad, partNumber: BOARD } };

  // Act
  const scrapped = await bulk({ type: 'scrap', reason: 'supplier recall', select });
  const holdAfter = await bulk({ type: 'hold', reason: 'recall follow-up', select });

  // Assert
  expect(scrapped.body.selected).toBe(2);
  expect([...scrapped.body.done].sort()).toEqual([c1, c2].sort());
  expect([await statusOf(c1), await statusOf(c2), await statusOf(fine)]).toEqual(['scrapped', 'scrapped', 'waiting']);
  expect(holdAfter.body).toEqual({ type: 'hold', selected: 0, done: [], refused: [] });
});

it('when an operator or a quality user of another line asks for a bulk decision, then the operator is forbidden and the other line sees nothing selected', async () => {
  // Arrange
  const lot = uniqueName('LOT');
  const serial = await release('SMT1', { lot });
  const operator = await stack.as('operator', ['SMT1']);
  const otherQuality = await stack.as('quality', ['FA1']);

  // Act
  const byOperator = await bulk({ type: 'hold', reason: 'no', select: { lot } }, operator.auth);
  const byOtherLine = await bulk({ type: 'scrap', reason: 'no', select: { lot } }, otherQuality.auth);
  const twoSelectors = await bulk({ type: 'hold', reason: 'no', select: { lot, line: 'SMT1' } });

  // Assert
  expect(byOperator.status).toBe(403);
  expect(byOtherLine.body).toEqual({ type: 'scrap', selected: 0, done: [], refused: [] });
  expect(twoSelectors.status).toBe(422);
  expect(await statusOf(serial)).toBe('waiting');
});
