/**
 * Row 2: unit-event writes through store/ (mongoose, the read model's one write per batch)
 * against the raw mongodb driver writing the same documents with the same update to the same
 * server. One event per write, as an operator action produces.
 */
import { MongoClient } from 'mongodb';
import type { UnitBatch } from '../definitions/units/model';
import { openStore } from '../store';
import { emptySample, timed, type Row } from './measure';

function batch(serial: string, seq: number): UnitBatch {
  return {
    serial,
    site: 'plant-1',
    line: 'SMT1',
    routingKey: 'bench-smt',
    routingVersion: 1,
    status: 'in-progress',
    step: 'aoi',
    allowed: [{ type: 'complete', step: 'aoi' }],
    events: [
      { seq, type: 'started', step: 'aoi', station: 'B1', operator: 'bench', result: null, detail: null, at: new Date().toISOString(), idempotencyKey: `k-${serial}-${seq}` },
    ],
  };
}

/** The same update store/ sends, written by hand with the driver. */
function rawUpdate(b: UnitBatch): object {
  const now = new Date();
  const set: Record<string, unknown> = { status: b.status, step: b.step, allowed: b.allowed, updatedAt: now };
  for (const e of b.events) set[`events.${e.seq}`] = { ...e, at: new Date(e.at) };
  return {
    $set: set,
    $max: { lastSeq: Math.max(...b.events.map((e) => e.seq)) },
    $setOnInsert: { site: b.site, line: b.line, routingKey: b.routingKey, routingVersion: b.routingVersion, createdAt: now },
  };
}

export async function storeVsDriver(o: { mongoUri: string; rounds: number; units: number; eventsPerUnit: number }): Promise<Row> {
  const store = await openStore(o.mongoUri);
  const client = await MongoClient.connect(o.mongoUri);
  const raw = client.db().collection<{ _id: string }>('units_raw');
  const ours = emptySample();
  const baseline = emptySample();
  const run = Date.now().toString(36);
  try {
    for (let round = 0; round < o.rounds; round++) {
      const writes = o.units * o.eventsPerUnit;
      const at = (i: number): [string, number] => [`W-${run}-${round}-${i % o.units}`, Math.floor(i / o.units) + 1];
      await timed(baseline, writes, (i) => {
        const [serial, seq] = at(i);
        return raw.updateOne({ _id: serial }, rawUpdate(batch(serial, seq)), { upsert: true });
      });
      await timed(ours, writes, (i) => {
        const [serial, seq] = at(i);
        return store.units.applyBatch(batch(serial, seq));
      });
    }
  } finally {
    await store.connection.dropDatabase();
    await client.close();
    await store.close();
  }
  return { name: 'unit-event writes/s via store/ ÷ raw mongodb driver (same documents, same server)', ours, baseline, unit: '/s' };
}
