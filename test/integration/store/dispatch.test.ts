/** Dispatch queues, claims and bulk selection against the real Mongo-wire server: order, upkeep from batches, claim contention, expiry. */
import type { Store } from '../../../store';
import { event, startAt, unitBatch } from '../../support/unit-batches';
import { testStores } from './fixtures';

const stores = testStores('store-dispatch');
let a: Store;
let b: Store;

beforeAll(async () => {
  [a, b] = [await stores.open(), await stores.open()];
});

afterAll(async () => {
  await stores.close();
});

const MINUTE = 60_000;
const serials = (items: Array<{ serial: string }>): string[] => items.map((i) => i.serial);

describe('queue order', () => {
  it('when units wait for one station group, then the queue is by due date (none last), then priority (higher first), then waiting since (oldest first)', async () => {
    // Arrange
    const group = 'grp-order';
    const waitFor = [startAt('print', group)];
    const batches = {
      dueLateHigh: unitBatch({ allowed: waitFor, dueAt: '2026-12-02T00:00:00Z', priority: 9 }),
      dueEarly: unitBatch({ allowed: waitFor, dueAt: '2026-12-01T00:00:00Z', priority: 0 }),
      noDueLow: unitBatch({ allowed: waitFor, priority: -3 }),
      noDueHighNew: unitBatch({ allowed: waitFor, priority: 5, waitingSince: '2026-11-24T09:00:00Z' }),
      noDueHighOld: unitBatch({ allowed: waitFor, priority: 5, waitingSince: '2026-11-24T07:00:00Z' }),
      dueLateLow: unitBatch({ allowed: waitFor, dueAt: '2026-12-02T00:00:00Z', priority: 1 }),
      otherGroup: unitBatch({ allowed: [startAt('aoi', 'grp-other')] }),
    };
    for (const batch of Object.values(batches)) await a.dispatch.applyBatch(batch);

    // Act
    const all = await b.dispatch.queue({ site: 'plant-1', stationGroup: group, limit: 50 });
    const first = await b.dispatch.queue({ site: 'plant-1', stationGroup: group, limit: 4 });
    const rest = await b.dispatch.queue({ site: 'plant-1', stationGroup: group, limit: 4, after: first.next ?? undefined });

    // Assert
    const expected = [batches.dueEarly, batches.dueLateHigh, batches.dueLateLow, batches.noDueHighOld, batches.noDueHighNew, batches.noDueLow].map((x) => x.serial);
    expect(serials(all.items)).toEqual(expected);
    expect(all.next).toBeNull();
    expect([...serials(first.items), ...serials(rest.items)]).toEqual(expected);
    expect(rest.next).toBeNull();
    expect(all.items[0]).toMatchObject({ line: 'SMT1', starts: [{ step: 'print', stationGroup: group }], priority: 0, dueAt: new Date('2026-12-01T00:00:00Z') });
  });

  it('when a unit starts its step, is held, or finishes, then it leaves the queue; when it waits again, it is back for the next group', async () => {
    // Arrange
    const batch = unitBatch({ allowed: [startAt('print', 'grp-life')] });
    await a.dispatch.applyBatch(batch);
    const inQueue = async (group: string): Promise<boolean> => serials((await b.dispatch.queue({ site: 'plant-1', stationGroup: group, limit: 200 })).items).includes(batch.serial);
    const waiting = await inQueue('grp-life');

    // Act + Assert, step by step
    await a.dispatch.applyBatch({ ...batch, status: 'in-progress', allowed: [{ type: 'complete', step: 'print', stationGroup: 'grp-life' }], events: [event(2, { type: 'started' })], waitingSince: null });
    const started = await inQueue('grp-life');
    await a.dispatch.applyBatch({ ...batch, step: 'aoi', allowed: [startAt('aoi', 'grp-aoi')], events: [event(3)], waitingSince: '2026-11-24T08:30:00Z' });
    const nextGroup = await inQueue('grp-aoi');
    await a.dispatch.applyBatch({ ...batch, status: 'held', allowed: [], events: [event(4, { type: 'held' })], waitingSince: null });
    const held = await inQueue('grp-aoi');
    await a.dispatch.applyBatch({ ...batch, status: 'finished', step: null, allowed: [], events: [event(5, { type: 'finished' })], waitingSince: null });

    expect([waiting, started, nextGroup, held]).toEqual([true, false, true, false]);
    expect(await b.dispatch.get(batch.serial)).toBeNull();
  });

  it('when a retried older batch arrives after a newer one, then the newer entry stays; starts without a station group are left out', async () => {
    // Arrange
    const batch = unitBatch({ allowed: [startAt('print', 'grp-retry'), startAt('legacy')] });
    const newer = { ...batch, step: 'aoi', allowed: [startAt('aoi', 'grp-retry-aoi')], events: [event(2), event(3)] };

    // Act: through the persist activity's writer, which keeps each unit's order
    await a.unitBatches.write(batch);
    await a.unitBatches.write(newer);
    await a.unitBatches.write(batch);

    // Assert
    expect((await b.dispatch.get(batch.serial))?.starts).toEqual([{ step: 'aoi', stationGroup: 'grp-retry-aoi' }]);
  });

  it('when batches carry no station group at all, then the unit is in no queue', async () => {
    // Arrange
    const batch = unitBatch({ allowed: [startAt('print')] });

    // Act
    await a.dispatch.applyBatch(batch);

    // Assert
    expect(await b.dispatch.get(batch.serial)).toBeNull();
  });
});

describe('claims', () => {
  it('when two operators in two processes claim one wait of a unit at once, then exactly one gets it and the other is told who holds it', async () => {
    // Arrange
    const batch = unitBatch({ allowed: [startAt('print', 'grp-claim')] });
    await a.dispatch.applyBatch(batch);
    const now = new Date();

    // Act
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).dispatch.claim({ serial: batch.serial, waitingSince: batch.waitingSince as string, by: `op-${i}` }, 10 * MINUTE, now)),
    );

    // Assert
    const winners = attempts.filter((x) => x.claimed);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.claimed ? winners[0].claim.by : '';
    for (const x of attempts) if (!x.claimed) expect(x.holder?.by).toBe(winner);
    expect((await b.dispatch.activeClaim(batch.serial, batch.waitingSince as string, now))?.by).toBe(winner);
  });

  it('when a claim has expired, then another operator takes it over (once, even when several try) and the first is no longer shown', async () => {
    // Arrange
    const serial = unitBatch().serial;
    const since = '2026-11-24T08:00:00.000Z';
    const t0 = new Date('2026-11-24T10:00:00Z');
    await a.dispatch.claim({ serial, waitingSince: since, by: 'op-first' }, 10 * MINUTE, t0);
    const later = new Date(t0.getTime() + 11 * MINUTE);
    const early = await b.dispatch.claim({ serial, waitingSince: since, by: 'op-early' }, 10 * MINUTE, new Date(t0.getTime() + 5 * MINUTE));

    // Act
    const takeovers = await Promise.all(['op-x', 'op-y', 'op-z'].map((by, i) => (i % 2 ? a : b).dispatch.claim({ serial, waitingSince: since, by }, 10 * MINUTE, later)));

    // Assert
    expect(early).toMatchObject({ claimed: false, holder: { by: 'op-first' } });
    expect(takeovers.filter((x) => x.claimed)).toHaveLength(1);
    const holder = await a.dispatch.activeClaim(serial, since, later);
    expect(['op-x', 'op-y', 'op-z']).toContain(holder?.by);
    expect(await a.dispatch.activeClaim(serial, since, new Date(later.getTime() + 11 * MINUTE))).toBeNull();
  });

  it('when the same operator claims again, then it is theirs again; when the unit waits anew, then the old claim does not hold', async () => {
    // Arrange
    const serial = unitBatch().serial;
    const now = new Date();
    const first = await a.dispatch.claim({ serial, waitingSince: 'w1', by: 'op-1', station: 'PR-01', stationGroup: 'smt-printer' }, MINUTE, now);

    // Act
    const again = await b.dispatch.claim({ serial, waitingSince: 'w1', by: 'op-1' }, MINUTE, now);
    const nextWait = await b.dispatch.claim({ serial, waitingSince: 'w2', by: 'op-2' }, MINUTE, now);
    const purged = await a.dispatch.purgeExpired(new Date(now.getTime() + 2 * MINUTE));

    // Assert
    expect(first).toMatchObject({ claimed: true, again: false, claim: { by: 'op-1', station: 'PR-01', stationGroup: 'smt-printer' } });
    expect(again).toMatchObject({ claimed: true, again: true, claim: { by: 'op-1' } });
    expect(nextWait).toMatchObject({ claimed: true, claim: { by: 'op-2' } });
    expect(purged).toBeGreaterThanOrEqual(2);
    expect(await a.dispatch.activeClaim(serial, 'w1', now)).toBeNull();
  });
});

describe('bulk selection (units read model)', () => {
  it('when units of lots, work orders and lines are selected, then only the matching units with the wanted statuses on the given lines come back, in serial order', async () => {
    // Arrange
    const [lot, wo] = [`LOT-${Date.now()}`, `WO-${Date.now()}`];
    const units = {
      inLot: unitBatch({ lot, workOrder: wo }),
      inLotHeld: unitBatch({ lot, status: 'held', allowed: [] }),
      inLotFinished: unitBatch({ lot, workOrder: wo, status: 'finished', allowed: [] }),
      inLotOtherLine: unitBatch({ lot, line: 'FA1' }),
      sameOrderOtherLot: unitBatch({ workOrder: wo, lot: `${lot}-B` }),
    };
    for (const batch of Object.values(units)) await a.units.applyBatch(batch);
    const open = ['waiting', 'in-progress', 'held'];
    const sorted = (...xs: Array<{ serial: string }>): string[] => xs.map((x) => x.serial).sort();

    // Act
    const byLot = await b.units.select({ site: 'plant-1', statuses: open, lot, limit: 100 });
    const byLotOnSmt = await b.units.select({ site: 'plant-1', statuses: open, lot, lines: ['SMT1'], limit: 100 });
    const heldOfLot = await b.units.select({ site: 'plant-1', statuses: ['held'], lot, limit: 100 });
    const byOrder = await b.units.select({ site: 'plant-1', statuses: open, workOrder: wo, limit: 100 });
    const lineNotMine = await b.units.select({ site: 'plant-1', statuses: open, lot, line: 'FA1', lines: ['SMT1'], limit: 100 });
    const bySerials = await b.units.select({ site: 'plant-1', statuses: open, serials: [units.inLot.serial, units.inLotFinished.serial], limit: 100 });

    // Assert
    expect(byLot.map((u) => u.serial)).toEqual(sorted(units.inLot, units.inLotHeld, units.inLotOtherLine));
    expect(byLotOnSmt.map((u) => u.serial)).toEqual(sorted(units.inLot, units.inLotHeld));
    expect(heldOfLot).toEqual([{ serial: units.inLotHeld.serial, line: 'SMT1', status: 'held' }]);
    expect(byOrder.map((u) => u.serial)).toEqual(sorted(units.inLot, units.sameOrderOtherLot));
    expect(lineNotMine).toEqual([]);
    expect(bySerials.map((u) => u.serial)).toEqual([units.inLot.serial]);
  });
});
