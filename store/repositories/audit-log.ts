/**
 * The append-only, hash-chained audit trail of every mutating API call (21 CFR Part 11 style):
 * entry n carries the hash of entry n-1, so a changed, removed or re-linked entry breaks the
 * chain from there on, and verify() names the first one.
 */
import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { canonicalJson } from '../../definitions/validation/finding';
import { auditModels, type AuditActorKind, type AuditHeadDoc, type AuditLogDoc, type AuditSignature } from '../models/audit';
import { fromJsonText, insertedBefore, isDuplicateKey } from '../models/support';

export type { AuditActorKind, AuditSignature } from '../models/audit';

export interface AuditLogEntry {
  /** 1, 2, 3, … without gaps; the document _id. */
  seq: number;
  at: Date;
  actor: { id: string; name: string; kind: AuditActorKind };
  /** What was done, e.g. the operationId. */
  action: string;
  method: string;
  path: string;
  status: number;
  resource: { kind: string; id: string } | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  signature: AuditSignature | null;
  /** The hash of entry seq-1; AUDIT_GENESIS_HASH for the first. */
  prevHash: string;
  hash: string;
}

export type AuditLogInput = Omit<AuditLogEntry, 'seq' | 'at' | 'prevHash' | 'hash'>;

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstTampered: { seq: number; reason: string } };

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
const HEAD = 'head';
/** Duplicate inserts of the same number before a writer assumes the winner died and heals. */
const HEAL_AFTER = 3;
const MAX_ATTEMPTS = 200;
const MAX_PAGE = 1000;
/** Most appends written as one group. */
const GROUP_MAX = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** sha256(prevHash + canonical JSON of every field but the hash, times as ISO strings). */
export function auditHash(e: Omit<AuditLogEntry, 'hash'>): string {
  const content = canonicalJson({
    ...e,
    at: new Date(e.at).toISOString(),
    signature: e.signature ? { ...e.signature, at: new Date(e.signature.at).toISOString() } : null,
  });
  return createHash('sha256').update(e.prevHash).update(content).digest('hex');
}

/** The input reduced to exactly what is stored, so that what is hashed is what is read back. */
function normalized(i: AuditLogInput): AuditLogInput {
  const json = (v: unknown): unknown => JSON.parse(canonicalJson(v ?? null)) as unknown;
  return {
    actor: { id: String(i.actor.id), name: String(i.actor.name), kind: i.actor.kind },
    action: String(i.action),
    method: String(i.method),
    path: String(i.path),
    status: Number(i.status),
    resource: i.resource ? { kind: String(i.resource.kind), id: String(i.resource.id) } : null,
    before: json(i.before),
    after: json(i.after),
    reason: i.reason ?? null,
    signature: i.signature
      ? { meaning: String(i.signature.meaning), signedBy: String(i.signature.signedBy), name: String(i.signature.name), at: new Date(i.signature.at) }
      : null,
  };
}

const docOf = (e: AuditLogEntry): AuditLogDoc => {
  const { seq, before, after, ...rest } = e;
  return { _id: seq, ...rest, before: canonicalJson(before), after: canonicalJson(after) };
};

/** An entry as stored; nothing is repaired, so that verification sees every change. */
const entryOf = (d: AuditLogDoc): AuditLogEntry => ({
  seq: d._id,
  at: d.at,
  actor: d.actor,
  action: d.action,
  method: d.method,
  path: d.path,
  status: d.status,
  resource: d.resource ?? null,
  before: fromJsonText(d.before),
  after: fromJsonText(d.after),
  reason: d.reason ?? null,
  signature: d.signature ?? null,
  prevHash: d.prevHash,
  hash: d.hash,
});

/**
 * Appends stay one chain across processes without transactions. A writer reads the head
 * `{_id:'head', seq, hash}` (unless it wrote the last entry itself: it remembers that one),
 * inserts entry seq+1 linked to that hash — the insert of a unique _id
 * is the claim: a duplicate means another writer took the number — then advances the head with a
 * compare-and-set on `{_id:'head', seq}`. A writer that died between its insert and the head
 * update is healed by the next one, which finds the number taken, waits briefly for the head to
 * move and then advances it to the orphan itself. The chain never depends on the head being
 * current (every head value is copied from an entry), so a lagging head only costs a retry.
 * Within one process appends run one after another, so a process never races itself.
 *
 * On the embedded server a numeric _id is not indexed (only string _ids are), so list() and
 * verify() read ranges in one query rather than one read per number.
 */
export class AuditLogRepository {
  private readonly log: Model<AuditLogDoc>;
  private readonly head: Model<AuditHeadDoc>;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting: Array<{ fields: AuditLogInput; resolve: (e: AuditLogEntry) => void; reject: (e: unknown) => void }> = [];
  /** The last entry this process appended (its next append links to it without reading the head). */
  private written: { seq: number; hash: string } | undefined;

  constructor(connection: Connection) {
    const m = auditModels(connection);
    this.log = m.log;
    this.head = m.head;
  }

  append(input: AuditLogInput): Promise<AuditLogEntry> {
    return new Promise<AuditLogEntry>((resolve, reject) => {
      this.waiting.push({ fields: normalized(input), resolve, reject });
      if (this.waiting.length === 1) {
        const next = this.tail.then(() => this.flush());
        this.tail = next.catch(() => undefined);
      }
    });
  }

  /**
   * Group commit: the appends that arrived while the previous group was being written go in
   * together — one head read, one ordered insert of the chained entries, one head update —
   * so the chain's cost per entry falls as the load rises.
   */
  private async flush(): Promise<void> {
    const group = this.waiting.splice(0, GROUP_MAX);
    if (this.waiting.length > 0) {
      const next = this.tail.then(() => this.flush());
      this.tail = next.catch(() => undefined);
    }
    let rest = group;
    try {
      while (rest.length > 0) {
        const written = await this.appendGroup(rest.map((w) => w.fields));
        written.forEach((entry, i) => rest[i]?.resolve(entry));
        rest = rest.slice(written.length);
      }
    } catch (e) {
      for (const w of rest) w.reject(e);
    }
  }

  private async readHead(): Promise<{ seq: number; hash: string }> {
    const h = await this.head.findById(HEAD).lean<AuditHeadDoc>();
    return h && typeof h.seq === 'number' ? { seq: h.seq, hash: h.hash } : { seq: 0, hash: AUDIT_GENESIS_HASH };
  }

  private async advance(from: number, to: { seq: number; hash: string }): Promise<void> {
    if (from === 0) {
      try {
        await this.head.create({ _id: HEAD, seq: to.seq, hash: to.hash });
        return;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    await (this.head.collection as unknown as Collection<AuditHeadDoc>).updateOne({ _id: HEAD, seq: from }, { $set: { seq: to.seq, hash: to.hash } });
  }

  /** Points the head at entry head.seq+1, which a writer inserted without advancing the head. */
  private async heal(head: { seq: number }): Promise<void> {
    const orphan = await this.log.findById(head.seq + 1).lean<AuditLogDoc>();
    if (orphan) await this.advance(head.seq, { seq: orphan._id, hash: orphan.hash });
  }

  /**
   * Writes a prefix of `group` (at least one entry) as consecutive entries after the head and
   * returns them. The first insert is the claim: when its number is taken, another writer got
   * there first and the group is chained again after the new head. Entries inserted before a
   * later duplicate are kept (they are validly chained) and the rest is retried by the caller.
   */
  private async appendGroup(group: AuditLogInput[]): Promise<AuditLogEntry[]> {
    let taken = { seq: -1, times: 0 };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The entry this process wrote last is the head unless another process wrote since: then
      // the insert finds the number taken, and the head is read.
      const head = this.written ?? (await this.readHead());
      this.written = undefined;
      const at = new Date();
      const entries: AuditLogEntry[] = [];
      let prev = head;
      for (const fields of group) {
        const base: Omit<AuditLogEntry, 'hash'> = { seq: prev.seq + 1, at, ...fields, prevHash: prev.hash };
        const entry: AuditLogEntry = { ...base, hash: auditHash(base) };
        entries.push(entry);
        prev = entry;
      }
      let inserted = entries.length;
      try {
        // The driver's insert: every field is normalized and typed already (mongoose's document
        // building and validation cost more than the insert); the model still refuses updates.
        await (this.log.collection as unknown as Collection<AuditLogDoc>).insertMany(entries.map(docOf), { ordered: true });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        inserted = insertedBefore(e);
      }
      if (inserted === 0) {
        const first = entries[0] as AuditLogEntry;
        taken = taken.seq === first.seq ? { seq: first.seq, times: taken.times + 1 } : { seq: first.seq, times: 1 };
        if (taken.times >= HEAL_AFTER) await this.heal(head);
        else await sleep(taken.times * 2);
        continue;
      }
      const written = entries.slice(0, inserted);
      const last = written[written.length - 1] as AuditLogEntry;
      await this.advance(head.seq, last);
      this.written = { seq: last.seq, hash: last.hash };
      return written;
    }
    throw new Error('could not append to the audit log: too much contention');
  }

  async get(seq: number): Promise<AuditLogEntry | null> {
    const d = await this.log.findById(seq).lean<AuditLogDoc>();
    return d ? entryOf(d) : null;
  }

  /** Up to `limit` entries after `afterSeq`, in order. */
  async list(q: { afterSeq?: number; limit: number }): Promise<AuditLogEntry[]> {
    const limit = Math.min(Math.floor(q.limit), MAX_PAGE);
    if (!(limit > 0)) return [];
    const after = Math.max(0, Math.floor(q.afterSeq ?? 0));
    const docs = await this.log
      .find({ _id: { $gt: after } })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<AuditLogDoc[]>();
    return docs.map(entryOf);
  }

  /** The head as stored: the last entry's number and hash (seq 0 when the log is empty). */
  headOf(): Promise<{ seq: number; hash: string }> {
    return this.readHead();
  }

  /**
   * Walks the chain from entry 1 to the head (and past it, if the head lags) in one ordered read:
   * recomputes every hash, checks every link, and names the first entry that is missing, whose
   * content no longer matches its hash, or whose prevHash is not its predecessor's hash.
   */
  async verify(): Promise<AuditVerification> {
    const head = await this.readHead();
    const tampered = (seq: number, reason: string): AuditVerification => ({ ok: false, checked: seq - 1, firstTampered: { seq, reason } });
    let expected = 1;
    let prev = AUDIT_GENESIS_HASH;
    let atHead: string | undefined;
    for await (const d of this.log.find({}).sort({ _id: 1 }).lean<AuditLogDoc[]>().cursor({ batchSize: 500 })) {
      const doc = d as unknown as AuditLogDoc;
      if (typeof doc._id !== 'number') continue; // not an entry
      if (doc._id > expected) return tampered(expected, 'entry missing');
      const e = entryOf(doc);
      if (e.prevHash !== prev) return tampered(e.seq, `prevHash does not match the hash of entry ${e.seq - 1}`);
      const { hash, ...rest } = e;
      let recomputed: string;
      try {
        recomputed = auditHash(rest);
      } catch {
        recomputed = '';
      }
      if (recomputed !== hash) return tampered(e.seq, 'content does not match its hash');
      if (e.seq === head.seq) atHead = hash;
      prev = hash;
      expected++;
    }
    const last = expected - 1;
    if (last < head.seq) return tampered(last + 1, 'entry missing');
    if (head.seq > 0 && atHead !== head.hash) return tampered(head.seq, 'the head does not match this entry');
    return { ok: true, checked: last };
  }
}
