/**
 * Which unit consumed which supplier lot: one insert-only document per (part number, supplier
 * lot, unit, event), written by the persist activity from the components of each event. The
 * `_id` is built from those four (seq zero-padded so ids sort by event order), so a retried batch
 * inserts the same ids again and is refused as a duplicate: never a double count.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from './support';

export interface ComponentUsageDoc {
  _id: string;
  partNumber: string;
  supplierLot: string;
  serial: string;
  seq: number;
  step: string | null;
  station: string | null;
  quantity: number;
  at: Date;
  site: string;
  line: string;
  workOrder: string | null;
  lot: string | null;
  productModel: string | null;
}

const componentUsageSchema = new Schema<ComponentUsageDoc>(
  {
    _id: { type: String, required: true },
    partNumber: { type: String, required: true },
    supplierLot: { type: String, required: true },
    serial: { type: String, required: true },
    seq: { type: Number, required: true },
    step: { type: String, default: null },
    station: { type: String, default: null },
    quantity: { type: Number, default: 1 },
    at: { type: Date, required: true },
    site: { type: String, default: '' },
    line: { type: String, default: '' },
    workOrder: { type: String, default: null },
    lot: { type: String, default: null },
    productModel: { type: String, default: null },
  },
  { collection: 'component_usage', versionKey: false },
);
// For a real MongoDB's trace queries (the embedded server scans).
componentUsageSchema.index({ supplierLot: 1, partNumber: 1, _id: 1 });
componentUsageSchema.index({ serial: 1 });

export function componentUsageModel(c: Connection): Model<ComponentUsageDoc> {
  return modelOn(c, 'ComponentUsage', componentUsageSchema);
}

/** The document id of one part and lot in one event of one unit. */
export function componentUsageId(partNumber: string, supplierLot: string, serial: string, seq: number): string {
  return `${partNumber}|${supplierLot}|${serial}|${String(seq).padStart(10, '0')}`;
}
