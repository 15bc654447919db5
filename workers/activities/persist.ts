import type { PersistActivities, UnitBatch } from '../../engine/activities';
import type { Store } from '../../store';
import type { RuleRuntime } from '../rules/engine';

/**
 * Writes a unit's batch to the read models — the unit, its dispatch-queue entry, the component
 * lots it consumed, the production events rules compute facts from; each write is idempotent, so
 * retries are always safe. Then the batch's events are offered to the alert rules (`rules`).
 */
export function createPersistActivities({ store, rules }: { store: Store; rules?: Pick<RuleRuntime, 'offer'> }): PersistActivities {
  return {
    async persistUnitBatch(batch: UnitBatch): Promise<void> {
      await store.units.applyBatch(batch);
      await Promise.all([store.dispatch.applyBatch(batch), store.componentUsage.record(batch), store.productionEvents.record(batch)]);
      rules?.offer(batch);
    },
  };
}
