import type { PersistActivities, UnitBatch } from '../../engine/activities';
import type { Store } from '../../store';
import type { RuleRuntime } from '../rules/engine';

/**
 * Writes a unit's batch to the read models — the unit, its dispatch-queue entry, the component
 * lots it consumed, the production events rules compute facts from — together with the batches
 * of other units persisting at the same moment (store/repositories/unit-batches.ts); each write is
 * idempotent, so retries are always safe. Then the batch's events are offered to the alert rules.
 */
export function createPersistActivities({ store, rules }: { store: Store; rules?: Pick<RuleRuntime, 'offer'> }): PersistActivities {
  return {
    async persistUnitBatch(batch: UnitBatch): Promise<void> {
      await store.unitBatches.write(batch);
      rules?.offer(batch);
    },
  };
}
