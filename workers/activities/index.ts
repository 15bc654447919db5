import type { PersistActivities } from '../../engine/activities';
import type { Store } from '../../store';
import { createPersistActivities } from './persist';

export interface ActivityDeps {
  store: Store;
}

export type Activities = PersistActivities;

/** Every activity the engine's workflows may call, built from their dependencies. */
export function createActivities(deps: ActivityDeps): Activities {
  return { ...createPersistActivities(deps) };
}
