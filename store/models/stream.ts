/**
 * The log behind the live event stream: one document per event, `_id` `<bucket>-<index>` where the
 * bucket is the UTC minute (YYYYMMDDHHmm) and the index counts 0, 1, 2, … within it. Readers and
 * writers address events by _id only; an index is claimed by inserting it (see
 * repositories/stream.ts for why not a `$push` into one document per minute).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from './support';

export interface StreamEventDoc {
  _id: string;
  type: string;
  line: string | null;
  site: string | null;
  /** JSON text of the event's data. */
  data: string;
  at: Date;
}

/** The schema of a time-ordered event log; the live stream and the andon log each keep one. */
export function streamEventSchema(collection: string): Schema<StreamEventDoc> {
  return new Schema<StreamEventDoc>(
    {
      _id: String,
      type: { type: String, required: true },
      line: { type: String, default: null },
      site: { type: String, default: null },
      data: String,
      at: Date,
    },
    { collection, versionKey: false },
  );
}

const streamEvent = streamEventSchema('stream_events');

export function streamModel(c: Connection): Model<StreamEventDoc> {
  return modelOn(c, 'StreamEvent', streamEvent);
}
