/**
 * The persist activity's writes, group-committed. Every unit's workflow persists its events
 * before it answers the operator, and under load many units do so at once. Each batch written
 * alone costs five commands (events, head, dispatch entry, production events, component usage),
 * and on the embedded server a command's fixed cost is most of it (an insert of eight documents
 * costs about what two single inserts do). So batches that arrive while a group is being written
 * wait and go in together as the next group: one insert per collection and one bulk write for
 * the heads and one for the dispatch entries, whatever the group's size. A quiet worker writes a
 * batch as soon as it arrives; nothing waits for a timer.
 *
 * Every write stays idempotent (inserts by _id, heads and entries set from the newest batch), so
 * a group that fails is written again batch by batch: only the batch at fault fails, and its
 * activity retries it.
 *
 * A unit's workflow persists its batches one after another, so an older batch can only come
 * back as a late retry (an attempt that timed out while its write was still waiting). Its
 * events are inserted (they are there already), but the head and queue entry keep the newer
 * state: the writer remembers the last seq it wrote per unit. The servers' filters cannot do this
 * for us: `{_id, lastSeq: {$lte: n}}` makes the embedded server scan the collection.
 */
import { lastSeqOf } from '../../definitions/units/batches';
import type { UnitBatch } from '../../definitions/units/model';
import type { ComponentUsageRepository } from './component-usage';
import type { DispatchRepository } from './dispatch';
import type { ProductionEventRepository } from './production-events';
import type { UnitRepository } from './units';

/** Most batches written as one group. */
const GROUP_MAX = 64;
/** Units whose last written seq is remembered (the oldest are forgotten first). */
const REMEMBERED_UNITS = 100_000;

interface Waiting {
  batch: UnitBatch;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class UnitBatchWriter {
  private readonly waiting: Waiting[] = [];
  private writing = false;
  /** Serial → the highest last seq whose head this process has written. */
  private readonly written = new Map<string, number>();

  constructor(private readonly to: { units: UnitRepository; dispatch: DispatchRepository; productionEvents: ProductionEventRepository; componentUsage: ComponentUsageRepository }) {}

  /** Resolves once the batch is in every read model (in a group with whatever else was waiting). */
  write(batch: UnitBatch): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, GROUP_MAX);
        try {
          await this.apply(group.map((w) => w.batch));
          for (const w of group) w.resolve();
        } catch (e) {
          if (group.length === 1) (group[0] as Waiting).reject(e);
          // One after another, so that two batches of one unit keep their order.
          else for (const w of group) await this.apply([w.batch]).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** The unit's events and head first, so that what the queues and facts show can be traced. */
  private async apply(batches: UnitBatch[]): Promise<void> {
    const current = batches.filter((b) => lastSeqOf(b) >= (this.written.get(b.serial) ?? 0));
    await this.to.units.insertEvents(batches);
    await this.to.units.setHeads(current);
    await Promise.all([this.to.dispatch.applyBatches(current), this.to.componentUsage.record(batches), this.to.productionEvents.record(batches)]);
    for (const b of current) this.remember(b);
  }

  private remember(b: UnitBatch): void {
    const seq = lastSeqOf(b);
    if (seq < (this.written.get(b.serial) ?? 0)) return;
    this.written.delete(b.serial);
    if (this.written.size >= REMEMBERED_UNITS) this.written.delete(this.written.keys().next().value as string);
    this.written.set(b.serial, seq);
  }
}
