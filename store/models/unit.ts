/**
 * The unit read model: one head document per unit, keyed by its serial (status, step, what is
 * allowed next, lastSeq), and one insert-only document per event in `unit_events`, keyed
 * `<serial>:<seq, 10 digits>`, so a retried batch inserts the same ids again and can never double
 * an event. The head stays small: the embedded server rewrites a whole document on every update,
 * and a head that carried its events cost 9 CPU ms per update at 100 events. Units recorded
 * before carry their events inside the head (`events`), which the trace still reads. Every hot
 * read and write is by _id (see README: what the embedded server is good and bad at).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { UnitBatch, UnitEvent } from '../../definitions/units/model';

/** A unit event as stored: the shared UnitEvent with its time as a BSON date. */
export type UnitEventDoc = Omit<UnitEvent, 'at'> & { at: Date };
export type UnitEventRecord = UnitEventDoc;

/** The unit's head: what every batch writes (keyed by serial), and times; `events` only on units recorded before unit_events. */
export type UnitDoc = Omit<UnitBatch, 'serial' | 'events'> & {
  _id: string;
  lastSeq: number;
  events?: Map<string, UnitEventDoc>;
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
    // On the events of keyed requests only (see UnitEvent).
    requestHash: { type: String, default: undefined },
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
    events: { type: Map, of: eventSchema, default: undefined },
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

/** One event of one unit, as recorded: `_id` `<serial>:<seq, 10 digits>`. */
export type UnitEventRow = UnitEventDoc & { _id: string; serial: string };

export const unitEventId = (serial: string, seq: number): string => `${serial}:${String(seq).padStart(10, '0')}`;

const unitEventSchema = new Schema<UnitEventRow>({ _id: { type: String, required: true }, serial: { type: String, required: true } }, { collection: 'unit_events', versionKey: false });
unitEventSchema.add(eventSchema);
// A real MongoDB reads a unit's events by serial in one query; the embedded server by _id.
unitEventSchema.index({ serial: 1, seq: 1 });

export function unitEventModel(connection: Connection): Model<UnitEventRow> {
  return connection.models.UnitEvent ?? connection.model<UnitEventRow>('UnitEvent', unitEventSchema);
}
