/**
 * One document per incident, keyed by its id (INC-…) and written by one writer only: the incident
 * workflow's activity, which replaces the whole document by _id each time (the embedded server's
 * updates are not atomic, so nothing here is incremented or pushed). The view itself is kept as
 * JSON text (fact snapshots may hold keys the server cannot store); the fields lists, filters and
 * metrics need sit beside it.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from './support';

export interface IncidentDoc {
  _id: string;
  dedupKey: string;
  site: string;
  line: string | null;
  type: string;
  severity: string;
  status: string;
  openedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  ttaSeconds: number | null;
  ttrSeconds: number | null;
  revision: number;
  /** The document a reported exception is about (context.reference: an equipment id, a part number, an order); facts look it up. */
  reference?: string | null;
  /** The whole IncidentView as JSON text. */
  view: string;
  updatedAt: Date;
}

const incidentSchema = new Schema<IncidentDoc>(
  {
    _id: { type: String, required: true },
    dedupKey: { type: String, required: true },
    site: { type: String, required: true },
    line: { type: String, default: null },
    type: { type: String, required: true },
    severity: { type: String, required: true },
    status: { type: String, required: true },
    openedAt: { type: String, required: true },
    acknowledgedAt: { type: String, default: null },
    resolvedAt: { type: String, default: null },
    ttaSeconds: { type: Number, default: null },
    ttrSeconds: { type: Number, default: null },
    revision: { type: Number, required: true },
    reference: { type: String, default: null },
    view: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'incidents', versionKey: false, minimize: false },
);
// For a real MongoDB's lists, look-ups and metrics (the embedded server scans either way).
incidentSchema.index({ site: 1, status: 1, line: 1 });
incidentSchema.index({ site: 1, openedAt: 1 });
incidentSchema.index({ dedupKey: 1, openedAt: -1 });
incidentSchema.index({ type: 1, reference: 1, openedAt: 1 });

export function incidentModel(connection: Connection): Model<IncidentDoc> {
  return modelOn(connection, 'Incident', incidentSchema);
}
