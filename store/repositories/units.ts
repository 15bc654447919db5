import type { Connection, Model } from 'mongoose';
import { unitModel, type UnitDoc, type UnitEventDoc } from '../models/unit';

export interface UnitEventWrite {
  seq: number;
  type: string;
  step: string | null;
  station: string | null;
  operator: string | null;
  result: string | null;
  detail: string | null;
  at: string;
  idempotencyKey: string | null;
}

export interface UnitBatchWrite {
  serial: string;
  routingKey: string;
  routingVersion: number;
  status: string;
  step: string | null;
  allowed: Array<{ type: string; step: string }>;
  events: UnitEventWrite[];
}

export interface UnitRecord {
  serial: string;
  routingKey: string;
  routingVersion: number;
  status: string;
  step: string | null;
  allowed: Array<{ type: string; step: string }>;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface UnitEventRecord extends Omit<UnitEventWrite, 'at'> {
  at: Date;
}

type LeanUnit = Omit<UnitDoc, 'events'> & { events?: Record<string, UnitEventDoc> };

export class UnitRepository {
  private readonly units: Model<UnitDoc>;

  constructor(connection: Connection) {
    this.units = unitModel(connection);
  }

  /**
   * One write per batch, by _id. Events are set under their seq, so writing the same batch
   * twice (a retried activity, a replayed worker) leaves exactly the same document.
   */
  async applyBatch(batch: UnitBatchWrite): Promise<void> {
    const now = new Date();
    const set: Record<string, unknown> = {
      status: batch.status,
      step: batch.step,
      allowed: batch.allowed,
      updatedAt: now,
    };
    let lastSeq = 0;
    for (const e of batch.events) {
      set[`events.${e.seq}`] = { ...e, at: new Date(e.at) };
      lastSeq = Math.max(lastSeq, e.seq);
    }
    await this.units.updateOne(
      { _id: batch.serial },
      {
        $set: set,
        $max: { lastSeq },
        $setOnInsert: { routingKey: batch.routingKey, routingVersion: batch.routingVersion, createdAt: now },
      },
      { upsert: true },
    );
  }

  async get(serial: string): Promise<UnitRecord | null> {
    const doc = await this.units.findById(serial, { events: 0 }).lean<LeanUnit>();
    if (!doc) return null;
    return {
      serial: doc._id,
      routingKey: doc.routingKey,
      routingVersion: doc.routingVersion,
      status: doc.status,
      step: doc.step,
      allowed: doc.allowed.map((a) => ({ type: a.type, step: a.step })),
      lastSeq: doc.lastSeq,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    };
  }

  /** Every recorded event of a unit in seq order; null when the unit is unknown. */
  async events(serial: string): Promise<UnitEventRecord[] | null> {
    const doc = await this.units.findById(serial, { events: 1 }).lean<LeanUnit>();
    if (!doc) return null;
    return Object.values(doc.events ?? {})
      .map((e) => ({ ...e, at: new Date(e.at) }))
      .sort((a, b) => a.seq - b.seq);
  }
}
