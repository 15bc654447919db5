/** Component-lot traceability against the real Mongo-wire server: what is recorded, idempotent retries, queries. */
import type { Store } from '../../../store';
import { event, unitBatch } from '../../support/unit-batches';
import { testStores } from './fixtures';

const stores = testStores('store-component-usage');
let a: Store;
let b: Store;

beforeAll(async () => {
  [a, b] = [await stores.open(), await stores.open()];
});

afterAll(async () => {
  await stores.close();
});

const mount = (seq: number, components: Array<{ partNumber: string; supplierLot: string | null; quantity: number }>) =>
  event(seq, { type: 'completed', step: 'mount', station: 'MT-01', result: 'pass', at: `2026-11-24T08:0${seq}:00.000Z`, components });

it('when units consume a supplier lot, then the trace names each unit, step and quantity once, even when the batch is written again', async () => {
  // Arrange
  const one = unitBatch({ line: 'SMT1', workOrder: 'WO-1', lot: 'L-7', events: [mount(2, [{ partNumber: 'CAP-10U', supplierLot: 'SL-A', quantity: 4 }, { partNumber: 'IC-MCU', supplierLot: 'SL-B', quantity: 1 }])] });
  const two = unitBatch({ line: 'SMT2', events: [mount(3, [{ partNumber: 'CAP-10U', supplierLot: 'SL-A', quantity: 2 }, { partNumber: 'CAP-10U', supplierLot: 'SL-A', quantity: 1 }])] });
  const noLot = unitBatch({ events: [mount(2, [{ partNumber: 'CAP-10U', supplierLot: null, quantity: 1 }])] });

  // Act
  const firstWrites = [await a.componentUsage.record(one), await a.componentUsage.record(two), await a.componentUsage.record(noLot)];
  const retries = await Promise.all([a.componentUsage.record(one), b.componentUsage.record(one), b.componentUsage.record(two)]);
  const trace = await b.componentUsage.byLot({ supplierLot: 'SL-A', limit: 50 });

  // Assert
  expect(firstWrites).toEqual([2, 1, 0]);
  expect(retries).toEqual([0, 0, 0]);
  expect(trace.items.map((u) => [u.serial, u.partNumber, u.step, u.seq, u.quantity, u.line])).toEqual(
    [
      [one.serial, 'CAP-10U', 'mount', 2, 4, 'SMT1'],
      [two.serial, 'CAP-10U', 'mount', 3, 3, 'SMT2'],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
  );
  expect(trace.items.find((u) => u.serial === one.serial)).toMatchObject({ workOrder: 'WO-1', lot: 'L-7', station: 'MT-01', at: new Date('2026-11-24T08:02:00.000Z') });
});

it('when the trace is narrowed by part number, lines or pages, then only those uses come back, and every page continues the last', async () => {
  // Arrange
  const lot = 'SL-PAGED';
  const batches = Array.from({ length: 5 }, (_, i) =>
    unitBatch({ line: i < 3 ? 'SMT1' : 'FA1', events: [mount(2, [{ partNumber: i % 2 ? 'RES-1K' : 'CAP-1U', supplierLot: lot, quantity: 1 }])] }),
  );
  for (const batch of batches) await a.componentUsage.record(batch);

  // Act
  const caps = await b.componentUsage.byLot({ supplierLot: lot, partNumber: 'CAP-1U', limit: 50 });
  const smt = await b.componentUsage.serialsOf({ supplierLot: lot, lines: ['SMT1'] });
  const page1 = await b.componentUsage.byLot({ supplierLot: lot, limit: 2 });
  const page2 = await b.componentUsage.byLot({ supplierLot: lot, limit: 2, after: page1.next ?? undefined });
  const page3 = await b.componentUsage.byLot({ supplierLot: lot, limit: 2, after: page2.next ?? undefined });

  // Assert
  expect(caps.items.map((u) => u.serial).sort()).toEqual([batches[0], batches[2], batches[4]].map((x) => x?.serial).sort());
  expect(smt).toEqual(batches.slice(0, 3).map((x) => x.serial).sort());
  const paged = [...page1.items, ...page2.items, ...page3.items].map((u) => u.serial);
  expect(paged.sort()).toEqual(batches.map((x) => x.serial).sort());
  expect(page3.next).toBeNull();
});
