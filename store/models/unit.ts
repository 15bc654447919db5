/**
 * One document per unit, keyed by its serial. Its events live inside it keyed by seq, so a
 * retried batch sets the same keys again and can never double an event; every hot read and
 * write is by _id (see README: what the embedded server is good and bad at).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { UnitBatch, UnitEvent } from '../../definitions/units/model';

/** A unit event as stored: the shared UnitEvent with its time as a BSON date. */
export type UnitEventDoc = Omit<UnitEvent, 'at'> & { at: Date };
export type UnitEventRecord = UnitEventDoc;

/** The unit's read model: the head every batch writes (keyed by serial), its events by seq, and times. */
export type UnitDoc = Omit<UnitBatch, 'serial' | 'events'> & {
  _id: string;
  lastSeq: number;
  events: Map<string, UnitEventDoc>;
  createdAt: Date;
  updatedAt: Date;
};

const eventSchema = new Schema<UnitEventDoc>(
  {
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    step: { type: String, default: null },
    station: { type: String, default: null },
    operator: { type: String, default: null },
    result: { type: String, default: null },
    detail: { type: String, default: null },
    at: { type: Date, required: true },
    idempotencyKey: { type: String, default: null },
    // Present only on the events that carry them (see UnitEvent).
    equipment: { type: String, default: undefined },
    measurements: { type: [Schema.Types.Mixed], default: undefined },
    components: { type: [Schema.Types.Mixed], default: undefined },
    defectCodes: { type: [String], default: undefined },
    quantity: { type: Number, default: undefined },
  },
  { _id: false },
);

const unitSchema = new Schema<UnitDoc>(
  {
    _id: { type: String, required: true },
    site: { type: String, default: '' },
    line: { type: String, default: '' },
    routingKey: { type: String, required: true },
    routingVersion: { type: Number, required: true },
    productModel: { type: String, default: null },
    workOrder: { type: String, default: null },
    lot: { type: String, default: null },
    kind: { type: String, default: 'unit' },
    quantity: { type: Number, default: undefined },
    dueAt: { type: String, default: undefined },
    priority: { type: Number, default: undefined },
    waitingSince: { type: String, default: null },
    status: { type: String, required: true },
    step: { type: String, default: null },
    allowed: [{ _id: false, type: { type: String }, step: String }],
    lastSeq: { type: Number, default: 0 },
    events: { type: Map, of: eventSchema, default: {} },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'units', versionKey: false },
);
// For a real MongoDB's ad-hoc queries (the embedded server scans either way).
unitSchema.index({ routingKey: 1, routingVersion: 1, status: 1 });
unitSchema.index({ site: 1, line: 1, status: 1, updatedAt: -1 });
unitSchema.index({ updatedAt: -1 });
// Bulk dispositions select by production lot or work order.
unitSchema.index({ lot: 1 });
unitSchema.index({ workOrder: 1 });

export function unitModel(connection: Connection): Model<UnitDoc> {
  return connection.models.Unit ?? connection.model<UnitDoc>('Unit', unitSchema);
}
