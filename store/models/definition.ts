/**
 * Definitions of every kind (routing now; rules, policies, master data later):
 * drafts are editable; versions are immutable and keyed "<kind>:<key>@<n>"; a head per key
 * points at the latest published version. All reads on hot paths are by _id.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface DraftDoc {
  _id: string;
  kind: string;
  key: string;
  content: unknown;
  createdBy: string;
  createdAt: Date;
}

export interface VersionDoc {
  _id: string;
  kind: string;
  key: string;
  version: number;
  content: unknown;
  contentHash: string;
  draftId: string;
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
}

export interface HeadDoc {
  _id: string;
  kind: string;
  key: string;
  latestVersion: number;
  latestDraftId: string | null;
  updatedAt: Date;
}

const draftSchema = new Schema<DraftDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'definition_drafts', versionKey: false, minimize: false },
);
draftSchema.index({ kind: 1, key: 1, createdAt: -1 });

const versionSchema = new Schema<VersionDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    version: { type: Number, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    contentHash: { type: String, required: true },
    draftId: { type: String, required: true },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    note: { type: String, default: null },
  },
  { collection: 'definition_versions', versionKey: false, minimize: false },
);
versionSchema.index({ kind: 1, key: 1, version: -1 }, { unique: true });
// A published version is immutable: refuse every update through the model.
const refuse = function (): never {
  throw new Error('a published definition version is immutable');
};
versionSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'], refuse);

const headSchema = new Schema<HeadDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    latestVersion: { type: Number, required: true, default: 0 },
    latestDraftId: { type: String, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'definition_heads', versionKey: false },
);

export interface DefinitionModels {
  drafts: Model<DraftDoc>;
  versions: Model<VersionDoc>;
  heads: Model<HeadDoc>;
}

export function definitionModels(connection: Connection): DefinitionModels {
  return {
    drafts: connection.models.DefinitionDraft ?? connection.model<DraftDoc>('DefinitionDraft', draftSchema),
    versions: connection.models.DefinitionVersion ?? connection.model<VersionDoc>('DefinitionVersion', versionSchema),
    heads: connection.models.DefinitionHead ?? connection.model<HeadDoc>('DefinitionHead', headSchema),
  };
}
