/**
 * The delivery log of notifications, insert-only (see models/notification.ts): one document per
 * attempt, one final status per request (inserted once: the first final wins and is what every
 * later run reads), and the claims of the runners that send a request.
 *
 * Claims: a runner inserts `<requestId>#claim-0`; when that exists and is older than the stale
 * limit (its runner died), the next runner inserts `#claim-1`, and so on. Only the runner whose
 * insert succeeded sends; the insert of a unique `_id` is the one exclusive write the embedded
 * server guarantees.
 */
import type { Connection, Model } from 'mongoose';
import { deliveryModel, type DeliveryDoc } from '../models/notification';
import { isDuplicateKey } from '../models/support';

export type DeliveryEntry = Omit<DeliveryDoc, '_id' | 'kind'> & { id: string; kind: 'attempt' | 'final' };
export type DeliveryInput = Omit<DeliveryDoc, '_id' | 'kind' | 'attempt' | 'at'> & { at?: Date };

const MAX_LISTED = 2000;
const MAX_CLAIMS = 100;

const entryOf = (d: DeliveryDoc): DeliveryEntry => {
  const { _id, kind, ...rest } = d;
  return { id: _id, kind: kind === 'final' ? 'final' : 'attempt', ...rest, at: d.at instanceof Date ? d.at : new Date(d.at) };
};

export class DeliveryRepository {
  private readonly docs: Model<DeliveryDoc>;

  constructor(connection: Connection) {
    this.docs = deliveryModel(connection);
  }

  /** The final status of a request, when one is recorded. */
  async final(requestId: string): Promise<DeliveryEntry | null> {
    const doc = await this.docs.findById(requestId).lean<DeliveryDoc>();
    return doc ? entryOf(doc) : null;
  }

  /** How many attempts are recorded for a request (read by _id: #1, #2, … until one is missing). */
  async attempts(requestId: string): Promise<number> {
    let n = 0;
    while (await this.docs.exists({ _id: `${requestId}#${n + 1}` })) n += 1;
    return n;
  }

  /** Records attempt `attempt`; false when that attempt is already recorded. */
  async recordAttempt(attempt: number, e: DeliveryInput): Promise<boolean> {
    return this.insert({ ...e, _id: `${e.requestId}#${attempt}`, kind: 'attempt', attempt, at: e.at ?? new Date() });
  }

  /** Records the final status once; answers the one recorded (this one, or an earlier one). */
  async recordFinal(e: DeliveryInput & { attempts: number }): Promise<DeliveryEntry> {
    const { attempts, ...rest } = e;
    const doc: DeliveryDoc = { ...rest, _id: e.requestId, kind: 'final', attempt: attempts, at: e.at ?? new Date() };
    if (await this.insert(doc)) return entryOf(doc);
    return (await this.final(e.requestId)) ?? entryOf(doc);
  }

  /**
   * Claims the sending of a request: true when this runner may send it now. False while another
   * runner's claim is younger than `staleMs` (or when another runner took the stale one over).
   */
  async claim(e: DeliveryInput, staleMs: number, now: Date = new Date()): Promise<boolean> {
    let k = 0;
    let latest: DeliveryDoc | null = null;
    for (; k < MAX_CLAIMS; k++) {
      const doc = await this.docs.findById(`${e.requestId}#claim-${k}`).lean<DeliveryDoc>();
      if (!doc) break;
      latest = doc;
    }
    if (latest && now.getTime() - new Date(latest.at).getTime() < staleMs) return false;
    return this.insert({ ...e, _id: `${e.requestId}#claim-${k}`, kind: 'claim', attempt: null, at: now });
  }

  /** An incident's attempts and final statuses, oldest first. */
  async byIncident(incident: string): Promise<DeliveryEntry[]> {
    const docs = await this.docs
      .find({ incident, kind: { $in: ['attempt', 'final'] } })
      .sort({ at: 1, _id: 1 })
      .limit(MAX_LISTED)
      .lean<DeliveryDoc[]>();
    // Within one millisecond: a request's attempts in order, then its final status.
    const rank = (e: DeliveryEntry): number => (e.kind === 'final' ? 1e9 : (e.attempt ?? 0));
    return docs.map(entryOf).sort((a, b) => a.at.getTime() - b.at.getTime() || (a.requestId === b.requestId ? rank(a) - rank(b) : 0));
  }

  private async insert(doc: DeliveryDoc): Promise<boolean> {
    try {
      await this.docs.create(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}
