/**
 * Idempotent writes of read models from unit batches, one command whatever the number of
 * documents: inserts keyed by _id (a document already there is left as it is), and upserts by
 * _id.
 */
import type { AnyBulkWriteOperation, Collection, Document, Filter, OptionalUnlessRequiredId, UpdateFilter } from 'mongodb';
import { isDuplicateKey } from './support';

/** Inserts `docs` (unordered); duplicates of an existing _id are skipped. Returns how many were new. */
export async function insertOnce<T extends Document>(collection: Collection<T>, docs: T[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    const res = await collection.insertMany(docs as OptionalUnlessRequiredId<T>[], { ordered: false });
    return res.insertedCount;
  } catch (e) {
    // Only duplicates are expected (the error's own code is that of the first write error alone).
    if (!duplicateIndexes(e, docs.length)) throw e;
    const err = e as { insertedCount?: number; result?: { insertedCount?: number } };
    return err.insertedCount ?? err.result?.insertedCount ?? 0;
  }
}

/** The indexes of the writes that hit a duplicate _id, or null when the error is another. */
function duplicateIndexes(e: unknown, count: number): number[] | null {
  const writeErrors = (e as { writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number } }).writeErrors;
  const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (errors.length === 0) return isDuplicateKey(e) ? Array.from({ length: count }, (_, i) => i) : null;
  return errors.every((w) => w.code === 11000) ? errors.map((w) => w.index) : null;
}

/**
 * Upserts by _id alone, in one bulk write. Only `{_id: x}` finds a document by index on the
 * embedded server: `{_id: x, lastSeq: {$lte: n}}` scans the collection (46 CPU ms a write at 10k
 * documents), so the order of a unit's batches is kept by the writer (unit-batches.ts), not by
 * the filter. Two upserts of one new _id at once: the loser writes again, as an update.
 */
export async function upsertById<T extends Document & { _id: string }>(collection: Collection<T>, writes: Array<{ _id: string; update: UpdateFilter<T> }>): Promise<void> {
  if (writes.length === 0) return;
  const filterOf = (id: string): Filter<T> => ({ _id: id }) as Filter<T>;
  let lost: number[] = [];
  try {
    const only = writes.length === 1 ? writes[0] : undefined;
    if (only) await collection.updateOne(filterOf(only._id), only.update, { upsert: true });
    else await collection.bulkWrite(writes.map((w): AnyBulkWriteOperation<T> => ({ updateOne: { filter: filterOf(w._id), update: w.update, upsert: true } })), { ordered: false });
  } catch (e) {
    const dup = duplicateIndexes(e, writes.length);
    if (!dup) throw e;
    lost = dup;
  }
  for (const i of lost) {
    const w = writes[i];
    if (w) await collection.updateOne(filterOf(w._id), w.update);
  }
}
