/**
 * The production facts rules are computed from: one insert-only document per unit event, written
 * by the persist activity next to the unit's read model. The `_id` is `<serial>:<seq>` (seq
 * zero-padded), so a retried batch inserts the same ids again and is refused as a duplicate:
 * never a double count. `failed`, `passed` and `defective` are 0/1 so windowed aggregations need
 * nothing beyond $match, $group and $sum/$max (what the embedded server supports).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from './support';

export interface ProductionEventDoc {
  _id: string;
  serial: string;
  seq: number;
  type: string;
  at: Date;
  site: string;
  line: string;
  productModel: string | null;
  workOrder: string | null;
  lot: string | null;
  step: string | null;
  station: string | null;
  operator: string | null;
  equipment: string | null;
  result: string | null;
  defectCodes: string[];
  /** 1 when the event is a failed result. */
  failed: 0 | 1;
  /** 1 when the event is a passed result. */
  passed: 0 | 1;
  /** 1 when the event records a defect: a failed result or defect codes. */
  defective: 0 | 1;
  detail: string | null;
}

const str = { type: String, default: null };

const productionEventSchema = new Schema<ProductionEventDoc>(
  {
    _id: { type: String, required: true },
    serial: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    at: { type: Date, required: true },
    site: { type: String, default: '' },
    line: { type: String, default: '' },
    productModel: str,
    workOrder: str,
    lot: str,
    step: str,
    station: str,
    operator: str,
    equipment: str,
    result: str,
    defectCodes: { type: [String], default: [] },
    failed: { type: Number, default: 0 },
    passed: { type: Number, default: 0 },
    defective: { type: Number, default: 0 },
    detail: str,
  },
  { collection: 'production_events', versionKey: false },
);
// For a real MongoDB's windowed fact queries (the embedded server scans): every fact filters by
// type and time, most by one dimension as well; replays read in time order.
productionEventSchema.index({ type: 1, at: 1 });
productionEventSchema.index({ productModel: 1, type: 1, at: 1 });
productionEventSchema.index({ line: 1, type: 1, at: 1 });
productionEventSchema.index({ step: 1, type: 1, at: 1 });
productionEventSchema.index({ operator: 1, type: 1, at: 1 });
productionEventSchema.index({ equipment: 1, type: 1, at: 1 });
productionEventSchema.index({ serial: 1, at: 1 });
productionEventSchema.index({ at: 1, _id: 1 });

export function productionEventModel(c: Connection): Model<ProductionEventDoc> {
  return modelOn(c, 'ProductionEvent', productionEventSchema);
}

/** The document id of one event of one unit. */
export function productionEventId(serial: string, seq: number): string {
  return `${serial}:${String(seq).padStart(10, '0')}`;
}
