/**
 * Dispatch queues. One entry per waiting unit (`_id` = serial), written by the persist activity
 * from each unit batch: the station groups it waits for and what orders the queue. `rank` is a
 * string that sorts the queue by itself (due date, then priority, then waiting since), so a real
 * MongoDB can sort and page on an index; the embedded server scans either way.
 *
 * Claims are separate documents whose `_id` (`claim:<serial>:<waitingSince>`) makes a claim an
 * insert: the one reliable exclusive write on the embedded server (see models/support.ts). An
 * expired claim is taken over by whoever inserts its takeover token first.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { ensureTtlIndex, modelOn } from './support';

export interface DispatchStartDoc {
  step: string;
  stationGroup: string;
}

export interface DispatchDoc {
  _id: string;
  site: string;
  line: string;
  /** Station groups the unit waits for (one per allowed start); empty while it does not wait. */
  stationGroups: string[];
  starts: DispatchStartDoc[];
  dueAt: Date | null;
  priority: number;
  waitingSince: Date | null;
  rank: string;
  workOrder: string | null;
  lot: string | null;
  productModel: string | null;
  /** The last seq of the batch that wrote the entry: an older batch never overwrites a newer one. */
  lastSeq: number;
  updatedAt: Date;
}

export interface DispatchClaimDoc {
  _id: string;
  serial: string;
  /** ISO time the unit started waiting: a claim holds for one wait only. */
  waitingSince: string;
  by: string;
  station: string | null;
  stationGroup: string | null;
  at: Date;
  expiresAt: Date;
}

/** Takeover token of an expired claim (`<claim id>#<its at, ms>`): one caller inserts it. */
export interface DispatchTakeoverDoc {
  _id: string;
  at: Date;
  expiresAt: Date;
}

const dispatchSchema = new Schema<DispatchDoc>(
  {
    _id: { type: String, required: true },
    site: { type: String, default: '' },
    line: { type: String, default: '' },
    stationGroups: { type: [String], default: [] },
    starts: [{ _id: false, step: String, stationGroup: String }],
    dueAt: { type: Date, default: null },
    priority: { type: Number, default: 0 },
    waitingSince: { type: Date, default: null },
    rank: { type: String, default: '' },
    workOrder: { type: String, default: null },
    lot: { type: String, default: null },
    productModel: { type: String, default: null },
    lastSeq: { type: Number, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'dispatch', versionKey: false },
);
// For a real MongoDB (multikey on stationGroups); the embedded server scans.
dispatchSchema.index({ site: 1, stationGroups: 1, rank: 1, _id: 1 });
dispatchSchema.index({ site: 1, line: 1, stationGroups: 1, rank: 1 });

const claimSchema = new Schema<DispatchClaimDoc>(
  {
    _id: { type: String, required: true },
    serial: { type: String, required: true },
    waitingSince: { type: String, required: true },
    by: { type: String, required: true },
    station: { type: String, default: null },
    stationGroup: { type: String, default: null },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'dispatch_claims', versionKey: false },
);
claimSchema.index({ serial: 1 });

const takeoverSchema = new Schema<DispatchTakeoverDoc>(
  { _id: { type: String, required: true }, at: { type: Date, required: true }, expiresAt: { type: Date, required: true } },
  { collection: 'dispatch_claim_takeovers', versionKey: false },
);

export interface DispatchModels {
  entries: Model<DispatchDoc>;
  claims: Model<DispatchClaimDoc>;
  takeovers: Model<DispatchTakeoverDoc>;
}

const ttlDeclared = new WeakSet<Connection>();

export function dispatchModels(c: Connection): DispatchModels {
  const m: DispatchModels = {
    entries: modelOn(c, 'DispatchEntry', dispatchSchema),
    claims: modelOn(c, 'DispatchClaim', claimSchema),
    takeovers: modelOn(c, 'DispatchClaimTakeover', takeoverSchema),
  };
  if (!ttlDeclared.has(c)) {
    ttlDeclared.add(c);
    void ensureTtlIndex(m.claims, 'expiresAt');
    void ensureTtlIndex(m.takeovers, 'expiresAt');
  }
  return m;
}
