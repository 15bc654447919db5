/**
 * The log behind the live event stream (SSE), read and written by _id only.
 *
 * Events are numbered per UTC minute: id `<bucket>-<index>`, bucket YYYYMMDDHHmm, index 0, 1, 2,
 * … without gaps, and each event is a document of its own with that id. Why not `$push` into one
 * document per minute with a `$inc` counter: on the embedded server an update reads the document,
 * changes it and writes it back whole, so concurrent appenders lose events and share counters
 * (measured: 40 concurrent `$push` kept 4). The one atomic step there is the insert of a unique
 * _id, so an appender claims an index by inserting the event under it; a duplicate-key error
 * means another appender has it, and the appender looks for the first free index after it.
 * An index is only ever inserted when the one before it is taken, so a minute's events are always
 * 0..n-1 and a reader can stop at the first id that is not there.
 *
 * Appends are group-committed, so that under load the log costs one insert command per group
 * rather than one per event: within a process they are written one group after another, and the
 * appends that arrive while a group is being written go in together as the next one (at most
 * GROUP_MAX). A group is written in order, split where consecutive events fall in different
 * minutes; each part is one ordered insert at consecutive indexes from the one the process tries
 * next. An ordered insert stops at its first duplicate, so what it inserted still took each index
 * only after the one before it; the appender looks for the first free index and writes the rest
 * of the part there. Each append resolves with its event as a reader reads it back.
 *
 * A reader moves on from a minute only once it is settled (STREAM_SETTLE_MS after its end), so an
 * event appended a moment late, or by a host whose clock is a little behind, is not skipped.
 */
import type { Connection, Model } from 'mongoose';
import { streamModel, type StreamEventDoc } from '../models/stream';
import { fromJsonText, insertedBefore, isDuplicateKey, toJsonText } from '../models/support';

export interface StreamEvent {
  /** `<bucket>-<index>`: the UTC minute (YYYYMMDDHHmm) and the event's position in it. */
  id: string;
  type: string;
  line: string | null;
  site: string | null;
  data: unknown;
  at: Date;
}

export type StreamEventInput = Omit<StreamEvent, 'id' | 'at'>;

/** An event's fields as stored, but for its _id. */
type Fields = Omit<StreamEventDoc, '_id'>;
interface Waiting {
  fields: Fields;
  resolve: (e: StreamEvent) => void;
  reject: (e: unknown) => void;
}

/** How far back a reader goes at most; prune() may delete what is older. */
export const STREAM_RETENTION_MS = 24 * 3600_000;
/** How long after a minute ends a reader still waits for its late events before moving on. */
export const STREAM_SETTLE_MS = 2_000;
const MINUTE = 60_000;
const MAX_PROBE_BATCH = 32;
/** Most appends written as one group. */
const GROUP_MAX = 100;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The bucket (UTC minute, YYYYMMDDHHmm) of a time. */
export const bucketOf = (d: Date): string =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;

/** When a bucket's minute starts (ms). */
export const bucketStart = (b: string): number =>
  Date.UTC(Number(b.slice(0, 4)), Number(b.slice(4, 6)) - 1, Number(b.slice(6, 8)), Number(b.slice(8, 10)), Number(b.slice(10, 12)));

const idOf = (bucket: string, index: number): string => `${bucket}-${index}`;
const ID = /^(\d{12})(?:-(\d{1,9}))?$/;

/** A stream position: after event `index` of `bucket` (-1: before its first event). */
export function parseStreamId(id: string): { bucket: string; index: number } | null {
  const m = ID.exec(id);
  if (!m || Number.isNaN(bucketStart(m[1] as string))) return null;
  return { bucket: m[1] as string, index: m[2] === undefined ? -1 : Number(m[2]) };
}

const settled = (bucket: string, now: Date): boolean => now.getTime() >= bucketStart(bucket) + MINUTE + STREAM_SETTLE_MS;

export class StreamRepository {
  private readonly events: Model<StreamEventDoc>;
  private tail: Promise<unknown> = Promise.resolve();
  /** Appends not yet taken into a group, in order. */
  private readonly waiting: Waiting[] = [];
  /** Bucket → the index this process tries next (one past its last claim, or the first free one found). */
  private readonly nextIndex = new Map<string, number>();
  /** Settled bucket → how many events it holds, so idle readers do not read it again. */
  private readonly sealed = new Map<string, number>();

  /** `model`: another log with the same shape and ids (the andon log reuses this one's scheme). */
  constructor(connection: Connection, model: Model<StreamEventDoc> = streamModel(connection)) {
    this.events = model;
  }

  /**
   * Appends an event at `at` (now) and resolves with it as stored. Appends of one process are
   * group-committed: the ones that arrive while a group is being written go in as the next group.
   */
  append(e: StreamEventInput, at: Date = new Date()): Promise<StreamEvent> {
    return new Promise<StreamEvent>((resolve, reject) => {
      const fields: Fields = { type: e.type, line: e.line ?? null, site: e.site ?? null, data: toJsonText(e.data), at };
      this.waiting.push({ fields, resolve, reject });
      if (this.waiting.length === 1) this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    const next = this.tail.then(() => this.flush());
    this.tail = next.catch(() => undefined);
  }

  /**
   * Writes the next group (at most GROUP_MAX appends) in order, part by part: a part is a run of
   * consecutive appends in one minute, inserted with one ordered insert at consecutive indexes from
   * the one this process tries next. An ordered insert stops at its first duplicate, so the events
   * before it are in, at indexes without gaps: their appends resolve, the next free index is looked
   * for (as after any taken index) and the rest of the part goes there. An error other than a
   * duplicate rejects the appends of the group not yet written.
   */
  private async flush(): Promise<void> {
    const group = this.waiting.splice(0, GROUP_MAX);
    if (this.waiting.length > 0) this.scheduleFlush();
    let done = 0;
    try {
      while (done < group.length) {
        const bucket = bucketOf((group[done] as Waiting).fields.at);
        let end = done + 1;
        while (end < group.length && bucketOf((group[end] as Waiting).fields.at) === bucket) end++;
        let index = this.nextIndex.get(bucket) ?? 0;
        while (done < end) {
          const part = group.slice(done, end);
          const docs: StreamEventDoc[] = part.map((w, k) => ({ _id: idOf(bucket, index + k), ...w.fields }));
          let inserted = docs.length;
          try {
            // The driver's insert: every field is set here already, and mongoose's document building costs more than the insert.
            await this.events.collection.insertMany(docs as never[], { ordered: true });
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            inserted = insertedBefore(err);
          }
          for (let k = 0; k < inserted; k++) part[k]?.resolve(eventOf(docs[k] as StreamEventDoc));
          done += inserted;
          index += inserted;
          // Index `index` is taken by another appender when the insert stopped short: look past it.
          if (done < end) index = await this.firstFree(bucket, index + 1);
          if (this.nextIndex.size > 16) this.nextIndex.clear();
          this.nextIndex.set(bucket, index);
        }
      }
    } catch (err) {
      for (const w of group.slice(done)) w.reject(err);
    }
  }

  private async exists(bucket: string, index: number): Promise<boolean> {
    return (await this.events.exists({ _id: idOf(bucket, index) })) !== null;
  }

  /** The first free index ≥ from, given that from-1 is taken (gallop, then bisect). */
  private async firstFree(bucket: string, from: number): Promise<number> {
    let taken = from - 1;
    let step = 1;
    let probe = from;
    while (await this.exists(bucket, probe)) {
      taken = probe;
      step *= 2;
      probe = taken + step;
    }
    let free = probe;
    while (free - taken > 1) {
      const mid = Math.floor((taken + free) / 2);
      if (await this.exists(bucket, mid)) taken = mid;
      else free = mid;
    }
    return free;
  }

  /** Where the stream is now: a position after which only events still to come are read. */
  async position(now: Date = new Date()): Promise<string> {
    const bucket = bucketOf(now);
    const count = (await this.exists(bucket, 0)) ? await this.firstFree(bucket, 1) : 0;
    return count === 0 ? bucket : idOf(bucket, count - 1);
  }

  /**
   * Events after `lastId`, in order, at most `limit`: bucket by bucket (reads by _id) up to `now`.
   * With no (or an unreadable) lastId, nothing old: only what comes after the current position.
   * A lastId older than STREAM_RETENTION_MS resumes at the retention horizon.
   */
  async readAfter(lastId: string | null, limit: number, now: Date = new Date()): Promise<StreamEvent[]> {
    const start = (lastId !== null ? parseStreamId(lastId) : null) ?? (parseStreamId(await this.position(now)) as { bucket: string; index: number });
    const horizon = bucketOf(new Date(now.getTime() - STREAM_RETENTION_MS));
    let { bucket, index } = start.bucket < horizon ? { bucket: horizon, index: -1 } : start;
    const end = bucketOf(now);
    const out: StreamEvent[] = [];
    while (out.length < limit && bucket <= end) {
      out.push(...(await this.readBucket(bucket, index + 1, limit - out.length, now)));
      if (out.length >= limit || !settled(bucket, now)) break;
      bucket = bucketOf(new Date(bucketStart(bucket) + MINUTE));
      index = -1;
    }
    return out;
  }

  /** Up to `max` events of one bucket from index `from`, read by _id in growing parallel batches. */
  private async readBucket(bucket: string, from: number, max: number, now: Date): Promise<StreamEvent[]> {
    const known = this.sealed.get(bucket);
    if (known !== undefined && from >= known) return [];
    const out: StreamEvent[] = [];
    let index = from;
    for (let batch = 1; out.length < max; batch = Math.min(batch * 4, MAX_PROBE_BATCH)) {
      const size = Math.min(batch, max - out.length);
      const ids = Array.from({ length: size }, (_, k) => idOf(bucket, index + k));
      const docs = await Promise.all(ids.map((id) => this.events.findById(id).lean<StreamEventDoc>()));
      const missing = docs.findIndex((d) => !d);
      for (const d of missing === -1 ? docs : docs.slice(0, missing)) out.push(eventOf(d as StreamEventDoc));
      if (missing !== -1) {
        if (settled(bucket, now)) this.seal(bucket, index + missing, now);
        break;
      }
      index += size;
    }
    return out;
  }

  private seal(bucket: string, count: number, now: Date): void {
    if (this.sealed.size > 4000) {
      const horizon = bucketOf(new Date(now.getTime() - STREAM_RETENTION_MS));
      for (const b of this.sealed.keys()) if (b < horizon) this.sealed.delete(b);
    }
    this.sealed.set(bucket, count);
  }

  /**
   * Deletes the events of every minute before `before`'s, looking back to `since` (default: two
   * retention periods), by _id: per minute, counts its events and deletes from the last one down,
   * so that an interrupted prune leaves a prefix the next one finds. Returns how many it deleted.
   */
  async prune(before: Date, since: Date = new Date(before.getTime() - 2 * STREAM_RETENTION_MS)): Promise<number> {
    const buckets: string[] = [];
    for (let t = bucketStart(bucketOf(since)); t < bucketStart(bucketOf(before)); t += MINUTE) buckets.push(bucketOf(new Date(t)));
    let deleted = 0;
    for (let i = 0; i < buckets.length; i += MAX_PROBE_BATCH) {
      const chunk = buckets.slice(i, i + MAX_PROBE_BATCH);
      const counts = await Promise.all(chunk.map(async (b) => ((await this.exists(b, 0)) ? this.firstFree(b, 1) : 0)));
      for (const [k, b] of chunk.entries()) {
        for (let index = (counts[k] ?? 0) - 1; index >= 0; index--) {
          deleted += (await this.events.deleteOne({ _id: idOf(b, index) })).deletedCount;
        }
        this.sealed.delete(b);
      }
    }
    return deleted;
  }
}

function eventOf(d: StreamEventDoc): StreamEvent {
  return { id: d._id, type: d.type, line: d.line ?? null, site: d.site ?? null, data: fromJsonText(d.data), at: d.at instanceof Date ? d.at : new Date(d.at) };
}
