/**
 * The worker's in-memory window of recent production events (workers/rules/facts/recent-events.ts)
 * against the real MongoDB-wire server: what it answers itself, what it leaves to the repository,
 * and how events persisted by other workers reach it.
 */
import { openStore, type Store } from '../../store';
import { FactCache } from '../../store/facts';
import { RecentEvents } from '../../workers/rules/facts/recent-events';
import { mongoUri, uniqueName } from '../support/env';
import { event, unitBatch } from '../support/unit-batches';

let store: Store;
beforeAll(async () => {
  store = await openStore(mongoUri(uniqueName('recent-events')));
});
afterAll(async () => {
  await store.connection.dropDatabase().catch(() => undefined);
  await store.close();
});

const aoi = (model: string, result: 'pass' | 'fail', at: Date) =>
  unitBatch({ productModel: model, status: 'waiting', step: 'test', events: [event(2, { type: 'completed', step: 'aoi', result, at: at.toISOString(), ...(result === 'fail' ? { defectCodes: ['D-BRIDGE'] } : {}) })] });

function factsAt(recent: RecentEvents, now: Date) {
  return (name: string, params: Record<string, string>) => new FactCache({ events: recent, workOrders: store.workOrders, incidents: store.incidents, site: 'plant-1', now, timeZone: 'Asia/Shanghai', shifts: [] }).value(name, params);
}

describe('recent events window', () => {
  it('when this worker adds a persisted batch, then the next fact counts it without asking the store', async () => {
    // Arrange
    const now = new Date();
    const recent = new RecentEvents(store.productionEvents, { syncMs: 60_000 });
    const fact = factsAt(recent, now);
    expect(await fact('unitsCompleted', { window: '1h', productModel: 'RE-A', step: 'aoi' })).toBe(0);
    const delegatedBefore = recent.stats.delegated;

    // Act: persisted by this worker (the persist activity records, then offers to the rules)
    const batch = aoi('RE-A', 'fail', new Date(now.getTime() - 60_000));
    await store.productionEvents.record(batch);
    recent.add(batch);

    // Assert
    expect(await fact('unitsCompleted', { window: '1h', productModel: 'RE-A', step: 'aoi' })).toBe(1);
    expect(await fact('defectRate', { window: '1h', productModel: 'RE-A' })).toBe(100);
    expect(recent.stats.delegated).toBe(delegatedBefore);
    expect(recent.stats.inMemory).toBeGreaterThanOrEqual(3);
  });

  it('when another worker persists events, then they are counted once the window has synced', async () => {
    // Arrange
    const recent = new RecentEvents(store.productionEvents, { syncMs: 60_000 });
    const fact = () => factsAt(recent, new Date())('unitsCompleted', { window: '1h', productModel: 'RE-B', step: 'aoi' });
    expect(await fact()).toBe(0);

    // Act: two units recorded by someone else, one of them also offered here (no double count)
    const mine = aoi('RE-B', 'pass', new Date(Date.now() - 30_000));
    await store.productionEvents.record(mine);
    recent.add(mine);
    await store.productionEvents.record(aoi('RE-B', 'pass', new Date(Date.now() - 20_000)));
    const beforeSync = await fact();
    await recent.refresh();

    // Assert
    expect(beforeSync).toBe(1);
    expect(await fact()).toBe(2);
  });

  it('when a window reaches past the horizon, then the repository answers it, and old events leave memory', async () => {
    // Arrange: an event 3 h old; a window of 2 h horizon
    let clock = Date.now();
    const old = aoi('RE-C', 'fail', new Date(clock - 3 * 3_600_000));
    await store.productionEvents.record(old);
    const recent = new RecentEvents(store.productionEvents, { horizonMs: 2 * 3_600_000, syncMs: 0, clock: () => clock });
    const fact = (window: string) => factsAt(recent, new Date(clock))('unitsCompleted', { window, productModel: 'RE-C', step: 'aoi' });

    // Act
    const inHorizon = await fact('1h');
    const delegated = recent.stats.delegated;
    const pastHorizon = await fact('4h');
    recent.add(aoi('RE-C', 'pass', new Date(clock - 90 * 60_000)));
    const sizeBefore = recent.size;
    clock += 60 * 60_000; // an hour later the 90-minute-old event is past the 2 h horizon
    await recent.refresh();

    // Assert
    expect(inHorizon).toBe(0);
    expect(pastHorizon).toBe(1);
    expect(recent.stats.delegated).toBe(delegated + 1);
    expect(recent.size).toBeLessThan(sizeBefore);
  });
});
