/**
 * Idempotency records: a retry with the same key and body gets the first response and records
 * nothing new; the same key with another body is refused. One record per scope
 * (`<principal>|<METHOD>|<path>|<key>`, built by the API), read and written by _id.
 */
import type { Connection, Model } from 'mongoose';
import { securityModels, type IdempotencyDoc, type IdempotencyTakeoverDoc } from '../models/security';
import { fromJsonText, isDuplicateKey, toJsonText } from '../models/support';

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'in-progress' }
  | { state: 'mismatch' }
  | { state: 'done'; status: number; headers: Record<string, string>; body: string };

/** A pending record older than this was left by a request that died; another may take it over. */
export const IDEMPOTENCY_ABANDONED_AFTER_MS = 60_000;
/** How often begin() re-reads a record whose takeover another caller is in the middle of. */
const ATTEMPTS = 8;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function headersOf(text: unknown): Record<string, string> {
  const v = fromJsonText(text);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * begin() is atomic without transactions: the first caller inserts a pending record by _id, and a
 * duplicate-key error means another request got there first (its record is then read). A record
 * that expired, or a pending one older than IDEMPOTENCY_ABANDONED_AFTER_MS, is taken over by the
 * one caller that inserts the takeover claim `<scope>#<startedAt>` (a conditional update would
 * not do: the embedded server can let two of them succeed).
 */
export class IdempotencyRepository {
  private readonly records: Model<IdempotencyDoc>;
  private readonly takeovers: Model<IdempotencyTakeoverDoc>;

  constructor(connection: Connection) {
    const m = securityModels(connection);
    this.records = m.idempotency;
    this.takeovers = m.idempotencyTakeovers;
  }

  async begin(scope: string, requestHash: string, ttlMs: number, now: Date = new Date()): Promise<IdempotencyBegin> {
    const fresh: IdempotencyDoc = {
      _id: scope,
      requestHash,
      state: 'pending',
      startedAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
      status: null,
      headers: null,
      body: null,
    };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(5 * attempt);
      try {
        await this.records.collection.insertOne(fresh as never);
        return { state: 'new' };
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      const existing = await this.records.findById(scope).lean<IdempotencyDoc>();
      if (!existing) continue; // abandoned and deleted in between: insert again
      const startedAt = existing.startedAt instanceof Date ? existing.startedAt : new Date(0);
      const expired = !(existing.expiresAt instanceof Date) || existing.expiresAt.getTime() <= now.getTime();
      const abandoned = existing.state !== 'done' && now.getTime() - startedAt.getTime() >= IDEMPOTENCY_ABANDONED_AFTER_MS;
      if (expired || abandoned) {
        if (await this.takeOver(scope, startedAt, fresh)) return { state: 'new' };
        continue; // someone else took it over: read what they wrote
      }
      if (existing.requestHash !== requestHash) return { state: 'mismatch' };
      if (existing.state === 'done') {
        return { state: 'done', status: existing.status ?? 200, headers: headersOf(existing.headers), body: existing.body ?? '' };
      }
      return { state: 'in-progress' };
    }
    return { state: 'in-progress' };
  }

  /** Claims the record of generation `startedAt` by insert; the one winner overwrites it. */
  private async takeOver(scope: string, startedAt: Date, fresh: IdempotencyDoc): Promise<boolean> {
    try {
      await this.takeovers.create({ _id: `${scope}#${startedAt.getTime()}`, at: fresh.startedAt, expiresAt: fresh.expiresAt });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    const { _id, ...fields } = fresh;
    try {
      // Upsert: the old record may have been deleted (abandon) since it was read.
      await this.records.updateOne({ _id }, { $set: fields }, { upsert: true });
    } catch (e) {
      if (isDuplicateKey(e)) return false; // a fresh begin() inserted it meanwhile
      throw e;
    }
    return true;
  }

  /** Records the response, for retries to replay. */
  async complete(scope: string, status: number, headers: Record<string, string>, body: string): Promise<void> {
    await this.records.updateOne({ _id: scope }, { $set: { state: 'done', status, headers: toJsonText(headers), body } });
  }

  /**
   * Deletes expired records and takeover claims. A real MongoDB does this by itself (TTL index);
   * FerretDB has no TTL indexes, so call this now and then there (it scans the collections).
   */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const [records, claims] = await Promise.all([
      this.records.deleteMany({ expiresAt: { $lte: now } }),
      this.takeovers.deleteMany({ expiresAt: { $lte: now } }),
    ]);
    return records.deletedCount + claims.deletedCount;
  }

  /** Forgets a request that failed on the server's side (5xx), so that a retry runs it again. */
  async abandon(scope: string): Promise<void> {
    await this.records.deleteOne({ _id: scope });
  }
}
