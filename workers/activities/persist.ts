import type { PersistActivities, UnitBatch } from '../../engine/activities';
import type { Store } from '../../store';

/**
 * Writes a unit's batch to the read models — the unit, its dispatch-queue entry, the component
 * lots it consumed; each write is idempotent, so retries are always safe.
 */
export function createPersistActivities({ store }: { store: Store }): PersistActivities {
  return {
    async persistUnitBatch(batch: UnitBatch): Promise<void> {
      await store.units.applyBatch(batch);
      await Promise.all([store.dispatch.applyBatch(batch), store.componentUsage.record(batch)]);
    },
  };
}
