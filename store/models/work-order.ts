/**
 * One document per work order, keyed by its number and written by one writer only: the
 * work-order workflow's activity, which sets the whole view by _id each time (the embedded
 * server's updates are not atomic, so nothing here is ever incremented or pushed).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { WorkOrderView } from '../../definitions/work-orders/view';
import { modelOn } from './support';

export type WorkOrderDoc = Omit<WorkOrderView, 'number'> & {
  _id: string;
  /** Every serial, for "is this serial taken?" (a real MongoDB indexes it). */
  serials: string[];
  updatedAt: Date;
};

const mixed = { type: Schema.Types.Mixed };

const workOrderSchema = new Schema<WorkOrderDoc>(
  {
    _id: { type: String, required: true },
    site: { type: String, required: true },
    line: { type: String, required: true },
    productModel: { type: String, required: true },
    routing: mixed,
    quantity: { type: Number, required: true },
    dueAt: { type: String, required: true },
    priority: { type: Number, default: 0 },
    status: { type: String, required: true },
    counts: mixed,
    steps: mixed,
    schedule: mixed,
    createdAt: { type: String, required: true },
    createdBy: { type: String, required: true },
    releasedAt: { type: String, default: null },
    completedAt: { type: String, default: null },
    erp: mixed,
    units: mixed,
    serials: [String],
    revision: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'work_orders', versionKey: false, minimize: false },
);
// For a real MongoDB's lists and lookups (the embedded server scans either way).
workOrderSchema.index({ site: 1, line: 1, status: 1 });
workOrderSchema.index({ site: 1, status: 1, dueAt: 1 });
workOrderSchema.index({ serials: 1 });

export function workOrderModel(connection: Connection): Model<WorkOrderDoc> {
  return modelOn(connection, 'WorkOrder', workOrderSchema);
}
