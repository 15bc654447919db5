/** The incident read model's one writer: the whole view by _id, idempotent (older revisions ignored). */
import type { IncidentActivities } from '../../engine/activities';
import type { IncidentView } from '../../engine/incident/view';
import type { Store } from '../../store';

export function createIncidentActivities({ store }: { store: Store }): Pick<IncidentActivities, 'persistIncident'> {
  return {
    async persistIncident(view: IncidentView): Promise<void> {
      await store.incidents.save(view);
    },
  };
}
