/** The work-order read model's one writer: the whole view by _id, idempotent. */
import type { WorkOrderActivities } from '../../engine/activities';
import type { WorkOrderView } from '../../engine/work-order/view';
import type { Store } from '../../store';

export function createWorkOrderActivities({ store }: { store: Store }): Pick<WorkOrderActivities, 'persistWorkOrder'> {
  return {
    async persistWorkOrder(view: WorkOrderView): Promise<void> {
      await store.workOrders.save(view);
    },
  };
}
