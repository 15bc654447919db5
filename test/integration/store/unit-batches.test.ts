/** The persist activity's group commit against the real Mongo-wire server: batches written at once land whole, in the newest state, and a bad batch fails alone. */
import type { Store } from '../../../store';
import { event, startAt, unitBatch } from '../../support/unit-batches';
import { testStores } from './fixtures';

const stores = testStores('store-unit-batches');
let store: Store;

beforeAll(async () => {
  store = await stores.open();
});

afterAll(async () => {
  await stores.close();
});

const completedAt = (seq: number, step: string) =>
  event(seq, { type: 'completed', step, station: 'ST-1', operator: 'op-1', result: 'pass', at: `2026-11-24T09:00:${String(seq).padStart(2, '0')}.000Z`, components: [{ partNumber: 'CAP-10U', supplierLot: 'SL-GROUP', quantity: 1 }] });

it('when 24 units persist at the same moment, then every head, event, queue entry, production event and component use is recorded', async () => {
  // Arrange
  const batches = Array.from({ length: 24 }, (_, i) =>
    unitBatch({ productModel: 'MB-X', step: 'aoi', allowed: [startAt('aoi', 'grp-aoi')], events: [event(1, { type: 'released' }), completedAt(2, 'print')], priority: i }),
  );

  // Act
  await Promise.all(batches.map((b) => store.unitBatches.write(b)));

  // Assert
  for (const b of batches) {
    const unit = await store.units.get(b.serial);
    expect([unit?.status, unit?.step, unit?.lastSeq, unit?.productModel, unit?.workOrder, unit?.kind]).toEqual(['waiting', 'aoi', 2, 'MB-X', null, 'unit']);
    expect(unit?.allowed).toEqual([{ type: 'start', step: 'aoi' }]);
    expect((await store.units.events(b.serial))?.map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.dispatch.get(b.serial))?.starts).toEqual([{ step: 'aoi', stationGroup: 'grp-aoi' }]);
  }
  const facts = await store.productionEvents.find({ serials: batches.map((b) => b.serial) }, ['serial', 'seq', 'productModel']);
  expect(facts).toHaveLength(48);
  const uses = await store.componentUsage.serialsOf({ supplierLot: 'SL-GROUP' });
  expect(uses).toEqual(expect.arrayContaining(batches.map((b) => b.serial)));
});

it('when a unit\'s older batch is written again in the same group as its newer one, then the unit shows the newer state', async () => {
  // Arrange
  const older = unitBatch({ events: [event(1, { type: 'released' })] });
  const newer = { ...older, status: 'in-progress' as const, allowed: [{ type: 'complete' as const, step: 'print' }], waitingSince: null, events: [event(2, { type: 'started', step: 'print' })] };
  const others = Array.from({ length: 4 }, () => unitBatch());

  // Act
  await Promise.all([newer, ...others, older].map((b) => store.unitBatches.write(b)));
  await store.unitBatches.write(older);

  // Assert
  const unit = await store.units.get(older.serial);
  expect([unit?.status, unit?.lastSeq]).toEqual(['in-progress', 2]);
  expect(await store.dispatch.get(older.serial)).toBeNull();
  expect((await store.units.events(older.serial))?.map((e) => e.type)).toEqual(['released', 'started']);
});

it('when one batch in a group cannot be stored, then only its write fails and the others are recorded', async () => {
  // Arrange: a field name the server refuses, inside a measurement
  const bad = unitBatch({ events: [event(1, { type: 'released' }), event(2, { type: 'completed', step: 'print', measurements: [{ name: 'x', value: 1, $bad: 1 } as never] })] });
  const good = Array.from({ length: 5 }, () => unitBatch());

  // Act
  const outcomes = await Promise.allSettled([...good, bad].map((b) => store.unitBatches.write(b)));

  // Assert
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
  for (const b of good) expect((await store.units.get(b.serial))?.lastSeq).toBe(1);
  expect((await store.units.get(bad.serial))?.lastSeq ?? 0).toBe(0);
});
