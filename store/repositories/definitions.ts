import { createHash, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { canonicalJson } from '../../definitions/validation/finding';
import { definitionModels, type DefinitionModels, type DraftDoc, type VersionDoc } from '../models/definition';

export type Draft = Omit<DraftDoc, '_id'> & { id: string };
export type Version = Omit<VersionDoc, '_id'>;

export class StoreConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflict';
  }
}

const headId = (kind: string, key: string): string => `${kind}:${key}`;
const versionId = (kind: string, key: string, version: number): string => `${kind}:${key}@${version}`;
const isDuplicateKey = (e: unknown): boolean => (e as { code?: number }).code === 11000;

function toVersion(doc: VersionDoc): Version {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}

/** How many taken version numbers a publish skips past before it gives up. */
const PUBLISH_ATTEMPTS = 50;

export class DefinitionRepository {
  private readonly m: DefinitionModels;

  constructor(connection: Connection) {
    this.m = definitionModels(connection);
  }

  async createDraft(kind: string, key: string, content: unknown, createdBy: string): Promise<Draft> {
    const draft: DraftDoc = { _id: randomUUID(), kind, key, content, createdBy, createdAt: new Date() };
    await this.m.drafts.create(draft);
    await this.m.heads.updateOne(
      { _id: headId(kind, key) },
      { $set: { latestDraftId: draft._id, updatedAt: new Date() }, $setOnInsert: { kind, key, latestVersion: 0 } },
      { upsert: true },
    );
    const { _id, ...rest } = draft;
    return { id: _id, ...rest };
  }

  async getDraft(id: string): Promise<Draft | null> {
    const doc = await this.m.drafts.findById(id).lean<DraftDoc>();
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { id: _id, ...rest };
  }

  async latestDraftId(kind: string, key: string): Promise<string | null> {
    const head = await this.m.heads.findById(headId(kind, key)).lean();
    return head?.latestDraftId ?? null;
  }

  async latestVersion(kind: string, key: string): Promise<number> {
    const head = await this.m.heads.findById(headId(kind, key)).lean();
    return head?.latestVersion ?? 0;
  }

  async getVersion(kind: string, key: string, version: number): Promise<Version | null> {
    const doc = await this.m.versions.findById(versionId(kind, key, version)).lean<VersionDoc>();
    return doc ? toVersion(doc) : null;
  }

  /**
   * Creates the next immutable version from a draft. The version number is claimed by inserting
   * its _id: two concurrent publishes cannot both insert N+1, so the loser takes N+2.
   */
  async publish(draft: Draft, publishedBy: string, note: string | null): Promise<Version> {
    const contentHash = createHash('sha256').update(canonicalJson(draft.content)).digest('hex');
    let version = (await this.latestVersion(draft.kind, draft.key)) + 1;
    for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++, version++) {
      const doc: VersionDoc = {
        _id: versionId(draft.kind, draft.key, version),
        kind: draft.kind,
        key: draft.key,
        version,
        content: draft.content,
        contentHash,
        draftId: draft.id,
        publishedBy,
        publishedAt: new Date(),
        note,
      };
      try {
        await this.m.versions.create(doc);
      } catch (e) {
        if (isDuplicateKey(e)) continue;
        throw e;
      }
      await this.m.heads.updateOne(
        { _id: headId(draft.kind, draft.key) },
        { $max: { latestVersion: version }, $set: { updatedAt: new Date() }, $setOnInsert: { kind: draft.kind, key: draft.key } },
        { upsert: true },
      );
      return toVersion(doc);
    }
    throw new StoreConflict(`could not claim a version number for ${draft.kind} ${draft.key}`);
  }
}
