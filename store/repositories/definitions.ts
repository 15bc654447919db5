import { createHash, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { BUNDLE_FORMAT, type DefinitionBundle } from '../../definitions/bundle';
import { canonicalJson } from '../../definitions/validation/finding';
import {
  definitionModels,
  type AuditDoc,
  type DefinitionModels,
  type DraftDoc,
  type HeadDoc,
  type VersionDoc,
} from '../models/definition';

export type Draft = Omit<DraftDoc, '_id'> & { id: string };
export type Version = Omit<VersionDoc, '_id'>;
export type Head = Omit<HeadDoc, '_id'> & {
  /** The version new runs (routings) and evaluations (rules) use: the latest, unless retired. */
  activeVersion: number | null;
  retired: number[];
};
export type AuditEntry = Omit<AuditDoc, '_id'> & { id: string };

/** A change the store refuses because of what is already recorded (maps to HTTP 409). */
export class StoreConflict extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'StoreConflict';
  }
}

const headId = (kind: string, key: string): string => `${kind}:${key}`;
const versionId = (kind: string, key: string, version: number): string => `${kind}:${key}@${version}`;
const isDuplicateKey = (e: unknown): boolean => (e as { code?: number }).code === 11000;
const withoutId = <T extends { _id: string }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
};
const versionOf = (doc: VersionDoc): Version => ({ ...withoutId(doc), signature: doc.signature ?? null });
const draftOf = (doc: DraftDoc): Draft => ({ id: doc._id, ...withoutId(doc) });
/** A head as read: fields an upsert did not set (null, empty list) filled in. */
const headOf = (doc: HeadDoc): Head => ({
  kind: doc.kind,
  key: doc.key,
  latestVersion: doc.latestVersion ?? 0,
  activeVersion: null,
  retired: [],
  latestDraftId: doc.latestDraftId ?? null,
  updatedAt: doc.updatedAt,
});

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** How many taken version numbers a publish skips past before it gives up. */
const PUBLISH_ATTEMPTS = 50;

export class DefinitionRepository {
  private readonly m: DefinitionModels;

  constructor(connection: Connection) {
    this.m = definitionModels(connection);
  }

  private async audit(entry: Omit<AuditDoc, '_id' | 'at' | 'version' | 'draftId' | 'contentHash' | 'note'> & Partial<AuditDoc>): Promise<void> {
    await this.m.audit.create({ version: null, draftId: null, contentHash: null, note: null, ...entry, _id: randomUUID(), at: new Date() });
  }

  /** Updates a key's head, creating it with every field set when it does not exist yet. */
  private async touchHead(kind: string, key: string, update: Record<string, Record<string, unknown>>): Promise<void> {
    const touched = new Set(Object.values(update).flatMap((fields) => Object.keys(fields)));
    const defaults: Record<string, unknown> = { kind, key, latestVersion: 0, latestDraftId: null };
    const onInsert = Object.fromEntries(Object.entries(defaults).filter(([field]) => !touched.has(field)));
    const write = () =>
      this.m.heads.updateOne({ _id: headId(kind, key) }, { ...update, $set: { ...(update.$set ?? {}), updatedAt: new Date() }, $setOnInsert: onInsert }, { upsert: true });
    // Two first writes of one head race on the embedded server's upsert: the loser updates.
    await write().catch((e: unknown) => {
      if (!isDuplicateKey(e)) throw e;
      return write();
    });
  }

  // Drafts ------------------------------------------------------------------------------------

  async createDraft(kind: string, key: string, content: unknown, actor: string, note: string | null = null): Promise<Draft> {
    const now = new Date();
    const doc: DraftDoc = { _id: randomUUID(), kind, key, content, revision: 1, note, createdBy: actor, createdAt: now, updatedBy: actor, updatedAt: now };
    await this.m.drafts.create(doc);
    await this.touchHead(kind, key, { $set: { latestDraftId: doc._id } });
    await this.audit({ actor, action: 'draft.created', kind, key, draftId: doc._id, contentHash: contentHash(content), note });
    return draftOf(doc);
  }

  async getDraft(id: string): Promise<Draft | null> {
    const doc = await this.m.drafts.findById(id).lean<DraftDoc>();
    return doc ? draftOf(doc) : null;
  }

  async listDrafts(kind: string, key: string): Promise<Draft[]> {
    const docs = await this.m.drafts.find({ kind, key }).sort({ updatedAt: -1 }).lean<DraftDoc[]>();
    return docs.map(draftOf);
  }

  /** Replaces a draft's content; with `expectedRevision`, refuses when someone saved in between. */
  async updateDraft(draft: Draft, content: unknown, actor: string, expectedRevision?: number): Promise<Draft> {
    const filter: Record<string, unknown> = { _id: draft.id };
    if (expectedRevision !== undefined) filter.revision = expectedRevision;
    const updated = await this.m.drafts
      .findOneAndUpdate(filter, { $set: { content, updatedBy: actor, updatedAt: new Date() }, $inc: { revision: 1 } }, { returnDocument: 'after' })
      .lean<DraftDoc>();
    if (!updated) throw new StoreConflict(`draft ${draft.id} was changed since revision ${expectedRevision}`, 'draft-revision');
    await this.touchHead(draft.kind, draft.key, { $set: { latestDraftId: draft.id } });
    await this.audit({ actor, action: 'draft.updated', kind: draft.kind, key: draft.key, draftId: draft.id, contentHash: contentHash(content) });
    return draftOf(updated);
  }

  async deleteDraft(draft: Draft, actor: string): Promise<void> {
    await this.m.drafts.deleteOne({ _id: draft.id });
    const head = await this.m.heads.findById(headId(draft.kind, draft.key)).lean<HeadDoc>();
    if (head?.latestDraftId === draft.id) {
      const newest = (await this.listDrafts(draft.kind, draft.key))[0];
      await this.touchHead(draft.kind, draft.key, { $set: { latestDraftId: newest?.id ?? null } });
    }
    await this.audit({ actor, action: 'draft.deleted', kind: draft.kind, key: draft.key, draftId: draft.id });
  }

  // Heads and versions --------------------------------------------------------------------------

  /**
   * A key's lifecycle, derived from what is written insert-only — the versions (by _id) and the
   * retirements — so no lost update can make it wrong (updates are not atomic on the embedded
   * server). The head document only caches the latest number as a starting point and names the
   * latest draft. The active version is the latest one, unless it is retired.
   */
  async head(kind: string, key: string): Promise<Head | null> {
    const doc = await this.m.heads.findById(headId(kind, key)).lean<HeadDoc>();
    return doc ? this.derive(headOf(doc)) : null;
  }

  async heads(kind: string): Promise<Head[]> {
    const docs = await this.m.heads.find({ kind }).sort({ key: 1 }).lean<HeadDoc[]>();
    return Promise.all(docs.map((d) => this.derive(headOf(d))));
  }

  private async derive(cached: Head): Promise<Head> {
    let latest = cached.latestVersion;
    while (await this.m.versions.exists({ _id: versionId(cached.kind, cached.key, latest + 1) })) latest += 1;
    const retired = (await this.m.retirements.find({ kind: cached.kind, key: cached.key }, { version: 1 }).lean<Array<{ version: number }>>())
      .map((r) => r.version)
      .sort((a, b) => a - b);
    const activeVersion = latest > 0 && !retired.includes(latest) ? latest : null;
    return { ...cached, latestVersion: latest, activeVersion, retired };
  }

  async getVersion(kind: string, key: string, version: number): Promise<Version | null> {
    const doc = await this.m.versions.findById(versionId(kind, key, version)).lean<VersionDoc>();
    return doc ? versionOf(doc) : null;
  }

  /** Every version of a key, oldest first (read by _id, one per version). */
  async versions(kind: string, key: string): Promise<Version[]> {
    const head = await this.head(kind, key);
    if (!head) return [];
    const all = await Promise.all(Array.from({ length: head.latestVersion }, (_, i) => this.getVersion(kind, key, i + 1)));
    return all.filter((v): v is Version => v !== null);
  }

  async activeVersion(kind: string, key: string): Promise<Version | null> {
    const head = await this.head(kind, key);
    return head?.activeVersion ? this.getVersion(kind, key, head.activeVersion) : null;
  }

  /**
   * Creates the next immutable version from a draft and makes it the active one. The number is
   * claimed by inserting its _id: of two concurrent publishes, one gets N+1 and the other N+2.
   */
  async publish(draft: Draft, actor: string, note: string | null, signature: VersionDoc['signature'] = null): Promise<Version> {
    const hash = contentHash(draft.content);
    let version = ((await this.head(draft.kind, draft.key))?.latestVersion ?? 0) + 1;
    for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++, version++) {
      const doc: VersionDoc = {
        _id: versionId(draft.kind, draft.key, version),
        kind: draft.kind,
        key: draft.key,
        version,
        content: draft.content,
        contentHash: hash,
        draftId: draft.id,
        publishedBy: actor,
        publishedAt: new Date(),
        note,
        signature,
      };
      try {
        await this.m.versions.create(doc);
      } catch (e) {
        if (isDuplicateKey(e)) continue;
        throw e;
      }
      await this.touchHead(draft.kind, draft.key, { $max: { latestVersion: version } });
      await this.audit({ actor, action: 'version.published', kind: draft.kind, key: draft.key, version, draftId: draft.id, contentHash: hash, note });
      return versionOf(doc);
    }
    throw new StoreConflict(`could not claim a version number for ${draft.kind} ${draft.key}`, 'version-contention');
  }

  /** Retires a version: it stays readable, but nothing new runs on it; if it was active, none is. */
  async retire(kind: string, key: string, version: number, actor: string, reason: string | null): Promise<Head> {
    const v = await this.getVersion(kind, key, version);
    if (!v) throw new StoreConflict(`${kind} ${key} has no version ${version}`, 'no-version');
    try {
      await this.m.retirements.create({ _id: versionId(kind, key, version), kind, key, version, by: actor, reason, at: new Date() });
    } catch (e) {
      if (isDuplicateKey(e)) throw new StoreConflict(`version ${version} of ${kind} ${key} is already retired`, 'already-retired');
      throw e;
    }
    await this.audit({ actor, action: 'version.retired', kind, key, version, contentHash: v.contentHash, note: reason });
    return (await this.head(kind, key)) as Head;
  }

  async auditTrail(kind: string, key: string): Promise<AuditEntry[]> {
    const docs = await this.m.audit.find({ kind, key }).sort({ at: 1 }).lean<AuditDoc[]>();
    return docs.map((d) => ({ id: d._id, ...withoutId(d) }));
  }

  // Export and import -------------------------------------------------------------------------

  async exportKey(kind: string, key: string): Promise<DefinitionBundle | null> {
    const head = await this.head(kind, key);
    if (!head || head.latestVersion === 0) return null;
    const versions = await this.versions(kind, key);
    return {
      format: BUNDLE_FORMAT,
      kind,
      key,
      activeVersion: head.activeVersion,
      versions: versions.map((v) => ({
        version: v.version,
        contentHash: v.contentHash,
        publishedAt: v.publishedAt.toISOString(),
        publishedBy: v.publishedBy,
        note: v.note,
        retired: head.retired.includes(v.version),
        content: v.content as Record<string, unknown>,
      })),
    };
  }

  /**
   * Recreates versions from a bundle with their original numbers and metadata. A version that
   * already exists with the same content is skipped; with other content the import is refused
   * before anything is written.
   */
  async importBundle(bundle: DefinitionBundle, actor: string): Promise<{ imported: number[]; skipped: number[] }> {
    const { kind, key } = bundle;
    const existing = new Map((await this.versions(kind, key)).map((v) => [v.version, v]));
    for (const v of bundle.versions) {
      const have = existing.get(v.version);
      if (have && have.contentHash !== v.contentHash) {
        throw new StoreConflict(`version ${v.version} of ${kind} ${key} already exists with other content`, 'version-exists');
      }
    }
    const imported: number[] = [];
    const skipped: number[] = [];
    for (const v of [...bundle.versions].sort((a, b) => a.version - b.version)) {
      if (existing.has(v.version)) {
        skipped.push(v.version);
        continue;
      }
      try {
        await this.m.versions.create({
          _id: versionId(kind, key, v.version),
          kind,
          key,
          version: v.version,
          content: v.content,
          contentHash: v.contentHash,
          draftId: null,
          publishedBy: v.publishedBy,
          publishedAt: new Date(v.publishedAt),
          note: v.note,
          signature: null,
        });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        skipped.push(v.version);
        continue;
      }
      imported.push(v.version);
      await this.audit({ actor, action: 'version.imported', kind, key, version: v.version, contentHash: v.contentHash, note: v.note });
    }
    for (const v of bundle.versions.filter((b) => b.retired)) {
      await this.m.retirements.create({ _id: versionId(kind, key, v.version), kind, key, version: v.version, by: actor, reason: 'imported as retired', at: new Date() }).catch((e: unknown) => {
        if (!isDuplicateKey(e)) throw e;
      });
    }
    await this.touchHead(kind, key, { $max: { latestVersion: Math.max(0, ...bundle.versions.map((v) => v.version)) } });
    return { imported, skipped };
  }
}
