/** Reading unit batches: how far a batch goes, and the newest batch of each unit among several. */
import type { UnitBatch } from './model';

/** The highest seq a batch carries (0 when it carries no events). */
export const lastSeqOf = (batch: UnitBatch): number => batch.events.reduce((m, e) => Math.max(m, e.seq), 0);

/** Of several batches, each unit's newest (by last seq; of two equal, the later one given). */
export function newestPerUnit(batches: readonly UnitBatch[]): UnitBatch[] {
  const newest = new Map<string, UnitBatch>();
  for (const b of batches) {
    const seen = newest.get(b.serial);
    if (!seen || lastSeqOf(b) >= lastSeqOf(seen)) newest.set(b.serial, b);
  }
  return [...newest.values()];
}
