/**
 * Notifications: the delivery log, the local mail outbox and the andon board. Every document is
 * written once (insert of a unique `_id`) and never updated: on the embedded server an update is
 * a read-modify-write that concurrent writers lose (see support.ts).
 *
 *  - `deliveries`: per notification request `<requestId>#<n>` for each attempt, `<requestId>` for
 *    its final status (inserted once), `<requestId>#claim` / `#takeover-<ms>` for the runner that
 *    sends it;
 *  - `outbox`: mail written locally when no SMTP server is configured, `_id` = request id;
 *  - `andon`: the andon event log, same shape and id scheme as the live stream (`stream_events`);
 *  - `andon_board`: the open calls per line, one document per call, deleted when cleared.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { streamEventSchema, type StreamEventDoc } from './stream';
import { modelOn } from './support';

export type DeliveryDocKind = 'attempt' | 'final' | 'claim';

export interface DeliveryDoc {
  _id: string;
  kind: DeliveryDocKind;
  requestId: string;
  incident: string;
  level: number;
  channel: string;
  target: string | null;
  attempt: number | null;
  status: string;
  providerReply: string | null;
  /** Final docs: the fallback channel used; attempt docs: null. */
  fallback: string | null;
  /** For a fallback request: the request it stands in for. */
  fallbackFor: string | null;
  recipients: number;
  at: Date;
}

const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    requestId: { type: String, required: true },
    incident: { type: String, required: true },
    level: { type: Number, default: 0 },
    channel: { type: String, required: true },
    target: { type: String, default: null },
    attempt: { type: Number, default: null },
    status: { type: String, required: true },
    providerReply: { type: String, default: null },
    fallback: { type: String, default: null },
    fallbackFor: { type: String, default: null },
    recipients: { type: Number, default: 0 },
    at: { type: Date, required: true },
  },
  { collection: 'deliveries', versionKey: false },
);
// A real MongoDB reads an incident's log by index (the embedded server scans).
deliverySchema.index({ incident: 1, at: 1 });

export interface OutboxDoc {
  _id: string;
  incident: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  at: Date;
}

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    incident: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: [String], default: undefined },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'outbox', versionKey: false },
);
outboxSchema.index({ at: -1, _id: -1 });

export interface AndonCallDoc {
  _id: string;
  line: string;
  site: string;
  incident: string;
  /** JSON text of the call as shown on the board. */
  data: string;
  at: Date;
}

const andonCallSchema = new Schema<AndonCallDoc>(
  {
    _id: { type: String, required: true },
    line: { type: String, required: true },
    site: { type: String, required: true },
    incident: { type: String, required: true },
    data: String,
    at: { type: Date, required: true },
  },
  { collection: 'andon_board', versionKey: false },
);
andonCallSchema.index({ line: 1, at: 1 });

const andonEventSchema = streamEventSchema('andon');

export function deliveryModel(c: Connection): Model<DeliveryDoc> {
  return modelOn(c, 'Delivery', deliverySchema);
}

export function outboxModel(c: Connection): Model<OutboxDoc> {
  return modelOn(c, 'OutboxMail', outboxSchema);
}

export function andonCallModel(c: Connection): Model<AndonCallDoc> {
  return modelOn(c, 'AndonCall', andonCallSchema);
}

export function andonEventModel(c: Connection): Model<StreamEventDoc> {
  return modelOn(c, 'AndonEvent', andonEventSchema);
}
