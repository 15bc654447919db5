/**
 * Small helpers shared by the models and repositories of the security layer.
 *
 * What the embedded server (FerretDB 1.24 on SQLite) does and does not do shapes them:
 *  - only a filter that is exactly `{_id: <string>}` uses an index (numbers scan too);
 *  - an insert is atomic: the unique `_id` index refuses a second insert of the same id (11000);
 *  - a delete by `_id` reports truthfully whether it removed the document;
 *  - every update (`$set`, `$inc`, `$push`, `findOneAndUpdate`, upserts) reads the document,
 *    changes it in FerretDB and writes the whole document back by `_id`: two concurrent updates of
 *    one document lose one of them, and a compare-and-set filter can let two writers "win";
 *  - TTL indexes (`expireAfterSeconds`) are refused, and keys starting with `$` or containing `.`,
 *    and nested arrays, cannot be stored.
 * So every claim that must be exclusive is an insert of a unique `_id`; free-form JSON is stored as
 * text; TTL indexes are only declared on a real MongoDB.
 */
import type { Connection, Model, Schema } from 'mongoose';

/** The model `name` on this connection (never the global mongoose), compiled once. */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** A write refused because a document with that `_id` (or unique key) exists. */
export const isDuplicateKey = (e: unknown): boolean => (e as { code?: number } | null)?.code === 11000;

/**
 * How many documents of an ordered insertMany went in before its duplicate-key error: mongoose's
 * `insertedDocs`, else the index of the driver's first write error (an ordered insert stops there).
 */
export function insertedBefore(e: unknown): number {
  const r = e as { insertedDocs?: unknown[]; result?: { insertedCount?: number }; writeErrors?: Array<{ index: number }>; index?: number };
  if (Array.isArray(r.insertedDocs)) return r.insertedDocs.length;
  const index = r.writeErrors?.[0]?.index ?? r.index;
  return typeof index === 'number' ? index : 0;
}

const ferret = new WeakMap<Connection, Promise<boolean>>();

/** Whether the server behind this connection is FerretDB (it says so in buildInfo). */
export function isFerretDb(connection: Connection): Promise<boolean> {
  let known = ferret.get(connection);
  if (!known) {
    known = connection
      .asPromise()
      .then(async (c) => {
        const db = c.db;
        if (!db) return false;
        const info = await db.admin().command({ buildInfo: 1 });
        return typeof info.ferretdbVersion === 'string';
      })
      .catch(() => false);
    ferret.set(connection, known);
  }
  return known;
}

/**
 * Declares a TTL index on `field` (documents go when that date has passed) on a real MongoDB.
 * FerretDB refuses TTL indexes, so there nothing is created and expired documents stay until a
 * repository purges them; readers treat them as absent either way. Never rejects.
 */
export async function ensureTtlIndex<T>(model: Model<T>, field: string): Promise<boolean> {
  try {
    if (await isFerretDb(model.db)) return false;
    await model.collection.createIndex({ [field]: 1 }, { expireAfterSeconds: 0, name: `${field}_ttl` });
    return true;
  } catch {
    return false;
  }
}

/** JSON as stored: text, so any value survives the server's rules on keys and nested arrays. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null) ?? 'null';
}

/** The value of stored JSON text; a value that is not text (an older or altered document) as is. */
export function fromJsonText(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
