/**
 * Refresh tokens (rotated on every use, reuse detected) and API keys (stored hashed, revocable).
 * Every claim that must be exclusive is an insert of a unique _id, never a conditional update:
 * the embedded server does not apply updates atomically (see ../models/support.ts).
 */
import type { Connection, Model } from 'mongoose';
import {
  securityModels,
  type ApiKeyDoc,
  type ApiKeyUsageDoc,
  type RefreshRevocationDoc,
  type RefreshTokenDoc,
  type RefreshUseDoc,
} from '../models/security';
import { isDuplicateKey } from '../models/support';
import { StoreConflict } from './definitions';

export type RefreshUse = { userId: string; family: string } | 'unknown' | 'expired' | 'reused';

const familyKey = (family: string): string => `family:${family}`;
const userKey = (userId: string): string => `user:${userId}`;

/**
 * Refresh tokens, stored by the sha256 hex of the token; a family is one sign-in's chain of
 * tokens. Each token may be used once (rotation): its use is claimed by inserting a use record
 * with the token's hash as _id, so of two concurrent uses exactly one wins. Presenting a used
 * token again revokes its whole family (OWASP refresh-token reuse detection): a stolen token
 * then locks out the thief and the owner alike, and the owner signs in again.
 *
 * Revocations are records of their own, looked up by _id on use: `family:<f>` (insert-only, so
 * also a token issued in that family after the revocation is dead) and `user:<id>` with a
 * generation that every token carries from its issue (a counter, not a time: no clock skew).
 */
export class RefreshTokenRepository {
  private readonly tokens: Model<RefreshTokenDoc>;
  private readonly uses: Model<RefreshUseDoc>;
  private readonly revocations: Model<RefreshRevocationDoc>;

  constructor(connection: Connection) {
    const m = securityModels(connection);
    this.tokens = m.refreshTokens;
    this.uses = m.refreshUses;
    this.revocations = m.refreshRevocations;
  }

  private async generation(userId: string): Promise<number> {
    const r = await this.revocations.findById(userKey(userId)).lean<RefreshRevocationDoc>();
    return r?.generation ?? 0;
  }

  async issue(userId: string, tokenHash: string, expiresAt: Date, family: string): Promise<void> {
    const generation = await this.generation(userId);
    await this.tokens.create({ _id: tokenHash, userId, family, generation, issuedAt: new Date(), expiresAt });
  }

  /**
   * Uses a token once: its user and family; 'unknown' when there is no such token or it has been
   * revoked; 'expired'; 'reused' when it was used before — its family is revoked now.
   */
  async use(tokenHash: string, now: Date = new Date()): Promise<RefreshUse> {
    const t = await this.tokens.findById(tokenHash).lean<RefreshTokenDoc>();
    if (!t) return 'unknown';
    if (!(t.expiresAt instanceof Date) || t.expiresAt.getTime() <= now.getTime()) return 'expired';
    try {
      await this.uses.create({ _id: tokenHash, userId: t.userId, family: t.family, at: now, expiresAt: t.expiresAt });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await this.revokeFamily(t.family);
      return 'reused';
    }
    const [familyRevoked, generation] = await Promise.all([this.revocations.exists({ _id: familyKey(t.family) }), this.generation(t.userId)]);
    if (familyRevoked || (t.generation ?? 0) < generation) return 'unknown';
    return { userId: t.userId, family: t.family };
  }

  /** Revokes every token of the family, also ones issued later in it (sign-out, reuse). */
  async revokeFamily(family: string): Promise<void> {
    try {
      await this.revocations.create({ _id: familyKey(family), at: new Date(), generation: 0 });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // revoked already
    }
  }

  /**
   * Deletes expired tokens and their use records (revocations stay: they are small and must
   * outlive every token). A real MongoDB does this by itself (TTL index); on FerretDB, which has
   * no TTL indexes, call this now and then (it scans the collections).
   */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const [tokens, uses] = await Promise.all([
      this.tokens.deleteMany({ expiresAt: { $lte: now } }),
      this.uses.deleteMany({ expiresAt: { $lte: now } }),
    ]);
    return tokens.deletedCount + uses.deletedCount;
  }

  /** Revokes every token the user holds now (disabled, roles or lines changed). */
  async revokeUser(userId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.revocations.findById(userKey(userId)).lean<RefreshRevocationDoc>();
      if (current) {
        // Two concurrent revocations may both write n+1: either way every older token is dead.
        await this.revocations.updateOne({ _id: userKey(userId) }, { $set: { generation: (current.generation ?? 0) + 1, at: new Date() } });
        return;
      }
      try {
        await this.revocations.create({ _id: userKey(userId), at: new Date(), generation: 1 });
        return;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // created concurrently: bump it
      }
    }
    throw new Error(`could not revoke the refresh tokens of ${userId}`);
  }
}

/** An API key as the rest of the system sees it: id (the middle part of `tfk_<id>_<secret>`), the
 * secret's sha256, scope and state, and when it was last used. */
export type ApiKeyRecord = Omit<ApiKeyDoc, '_id'> & { id: string; lastUsedAt: Date | null };

export type NewApiKey = Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'revokedBy' | 'lastUsedAt'>;

const keyOf = (d: ApiKeyDoc, usage: ApiKeyUsageDoc | null | undefined): ApiKeyRecord => ({
  id: d._id,
  secretHash: d.secretHash,
  name: d.name ?? d._id,
  roles: d.roles ?? [],
  sites: d.sites ?? [],
  lines: d.lines ?? [],
  createdBy: d.createdBy ?? '',
  createdAt: d.createdAt ?? new Date(0),
  revokedAt: d.revokedAt ?? null,
  revokedBy: d.revokedBy ?? null,
  lastUsedAt: usage?.lastUsedAt ?? null,
});

/** How often one process writes a key's lastUsedAt at most: not a write per request. */
export const API_KEY_TOUCH_EVERY_MS = 60_000;

export class ApiKeyRepository {
  private readonly keys: Model<ApiKeyDoc>;
  private readonly usage: Model<ApiKeyUsageDoc>;
  /** Key id → when this process last wrote its lastUsedAt (ms). */
  private readonly touched = new Map<string, number>();

  constructor(connection: Connection) {
    const m = securityModels(connection);
    this.keys = m.apiKeys;
    this.usage = m.apiKeyUsage;
  }

  /** Stores a key (its secret only as a hash); an id in use → StoreConflict 'api-key-exists'. */
  async create(k: NewApiKey): Promise<ApiKeyRecord> {
    const doc: ApiKeyDoc = {
      _id: k.id,
      secretHash: k.secretHash,
      name: k.name,
      roles: [...k.roles],
      sites: [...k.sites],
      lines: [...k.lines],
      createdBy: k.createdBy,
      createdAt: new Date(),
      revokedAt: null,
      revokedBy: null,
    };
    try {
      await this.keys.create(doc);
    } catch (e) {
      if (isDuplicateKey(e)) throw new StoreConflict(`an API key with the id ${k.id} exists`, 'api-key-exists');
      throw e;
    }
    return keyOf(doc, null);
  }

  /** One key by id (two reads by _id, in parallel). */
  async get(id: string): Promise<ApiKeyRecord | null> {
    const [d, u] = await Promise.all([this.keys.findById(id).lean<ApiKeyDoc>(), this.usage.findById(id).lean<ApiKeyUsageDoc>()]);
    return d ? keyOf(d, u) : null;
  }

  /** Every key, oldest first. A scan: for the admin's list. */
  async list(): Promise<ApiKeyRecord[]> {
    const [keys, usage] = await Promise.all([this.keys.find({}).lean<ApiKeyDoc[]>(), this.usage.find({}).lean<ApiKeyUsageDoc[]>()]);
    const used = new Map(usage.map((u) => [u._id, u]));
    return keys.map((d) => keyOf(d, used.get(d._id))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  }

  /** Revokes a key; true when this call revoked it, false when it was revoked already or is unknown. */
  async revoke(id: string, by: string): Promise<boolean> {
    const d = await this.keys.findById(id).lean<ApiKeyDoc>();
    if (!d || d.revokedAt) return false;
    await this.keys.updateOne({ _id: id }, { $set: { revokedAt: new Date(), revokedBy: by } });
    return true;
  }

  /**
   * Records that the key was used now — at most once per API_KEY_TOUCH_EVERY_MS per process.
   * Written to a document of its own, so it never races a revocation. True when it wrote.
   */
  async touch(id: string, now: Date = new Date()): Promise<boolean> {
    const last = this.touched.get(id);
    if (last !== undefined && now.getTime() - last < API_KEY_TOUCH_EVERY_MS) return false;
    this.touched.set(id, now.getTime());
    try {
      await this.usage.updateOne({ _id: id }, { $set: { lastUsedAt: now } }, { upsert: true });
    } catch (e) {
      if (isDuplicateKey(e)) return false; // another process created it at the same moment
      if (last === undefined) this.touched.delete(id);
      else this.touched.set(id, last);
      throw e;
    }
    return true;
  }
}
