import type { PersistActivities, WorkOrderActivities } from '../../engine/activities';
import type { Store } from '../../store';
import { createErpActivities, type ErpConfig } from './erp';
import { createPersistActivities } from './persist';
import { createWorkOrderActivities } from './work-orders';

export interface ActivityDeps {
  store: Store;
  /** The ERP webhook work orders report to; absent: messages are recorded as not sent. */
  erp?: ErpConfig;
}

export type Activities = PersistActivities & WorkOrderActivities;

/** Every activity the engine's workflows may call, built from their dependencies. */
export function createActivities(deps: ActivityDeps): Activities {
  return { ...createPersistActivities(deps), ...createWorkOrderActivities(deps), ...createErpActivities(deps.erp) };
}
