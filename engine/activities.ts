/**
 * The activities the engine's workflows call: types only. workers/ implements them;
 * workflows see nothing but these signatures.
 */
import type { UnitBatch } from '../definitions/units/model';

export type { UnitBatch, UnitEvent } from '../definitions/units/model';

export interface PersistActivities {
  persistUnitBatch(batch: UnitBatch): Promise<void>;
}
