/**
 * The activities the engine's workflows call: types only. workers/ implements them;
 * workflows see nothing but these signatures.
 */
import type { UnitBatch } from '../definitions/units/model';
import type { ErpDelivery, ErpMessage } from './work-order/messages';
import type { WorkOrderView } from './work-order/view';

export type { UnitBatch, UnitEvent } from '../definitions/units/model';

export interface PersistActivities {
  persistUnitBatch(batch: UnitBatch): Promise<void>;
}

/** Work orders: the read model (one writer, the work-order workflow) and the ERP webhook. */
export interface WorkOrderActivities {
  persistWorkOrder(view: WorkOrderView): Promise<void>;
  /** POSTs the message with its Idempotency-Key; retried with backoff until it is accepted. */
  sendErpMessage(message: ErpMessage): Promise<ErpDelivery>;
}
