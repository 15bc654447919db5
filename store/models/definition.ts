/**
 * Definitions of every kind (routings, alert rules, escalation policies, master data).
 * Drafts are editable; versions are immutable and keyed "<kind>:<key>@<n>"; a head per key holds
 * the lifecycle (latest, active, retired); every change is appended to the audit collection.
 * Hot reads are by _id.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface DraftDoc {
  _id: string;
  kind: string;
  key: string;
  content: unknown;
  /** 1 on creation, +1 on every update: lets an editor refuse to overwrite someone else's change. */
  revision: number;
  note: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export interface VersionDoc {
  _id: string;
  kind: string;
  key: string;
  version: number;
  content: unknown;
  contentHash: string;
  draftId: string | null;
  publishedBy: string;
  publishedAt: Date;
  note: string | null;
  /** The electronic signature of the publisher (21 CFR Part 11 §11.50): who, when, what it means. */
  signature: { signedBy: string; name: string; meaning: string; at: Date } | null;
}

export interface HeadDoc {
  _id: string;
  kind: string;
  key: string;
  /** A cache: the highest version number known when last written (the versions themselves are the truth). */
  latestVersion: number;
  latestDraftId: string | null;
  updatedAt: Date;
}

/** A retirement, insert-only: _id "<kind>:<key>@<n>" (a second retirement of one version is a duplicate). */
export interface RetirementDoc {
  _id: string;
  kind: string;
  key: string;
  version: number;
  by: string;
  reason: string | null;
  at: Date;
}

export type AuditAction = 'draft.created' | 'draft.updated' | 'draft.deleted' | 'version.published' | 'version.retired' | 'version.imported';

export interface AuditDoc {
  _id: string;
  at: Date;
  actor: string;
  action: AuditAction;
  kind: string;
  key: string;
  version: number | null;
  draftId: string | null;
  contentHash: string | null;
  note: string | null;
}

const draftSchema = new Schema<DraftDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    revision: { type: Number, required: true },
    note: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'definition_drafts', versionKey: false, minimize: false },
);
draftSchema.index({ kind: 1, key: 1, updatedAt: -1 });

const versionSchema = new Schema<VersionDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    version: { type: Number, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    contentHash: { type: String, required: true },
    draftId: { type: String, default: null },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    note: { type: String, default: null },
    signature: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'definition_versions', versionKey: false, minimize: false },
);
versionSchema.index({ kind: 1, key: 1, version: -1 }, { unique: true });
/** A published version is immutable: every update or delete through the model is refused. */
export const IMMUTABLE_VERSION = 'a published definition version is immutable';
const refuse = function (): never {
  throw new Error(IMMUTABLE_VERSION);
};
versionSchema.pre(
  ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
  refuse,
);
versionSchema.pre('save', function () {
  if (!this.isNew) throw new Error(IMMUTABLE_VERSION);
});

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
headSchema.index({ kind: 1, key: 1 });

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    version: { type: Number, default: null },
    draftId: { type: String, default: null },
    contentHash: { type: String, default: null },
    note: { type: String, default: null },
  },
  { collection: 'definition_audit', versionKey: false },
);
auditSchema.index({ kind: 1, key: 1, at: 1 });
auditSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'deleteOne', 'deleteMany'], function (): never {
  throw new Error('the audit trail is append-only');
});

const retirementSchema = new Schema<RetirementDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    key: { type: String, required: true },
    version: { type: Number, required: true },
    by: { type: String, required: true },
    reason: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'definition_retirements', versionKey: false },
);
retirementSchema.index({ kind: 1, key: 1 });

export interface DefinitionModels {
  retirements: Model<RetirementDoc>;
  drafts: Model<DraftDoc>;
  versions: Model<VersionDoc>;
  heads: Model<HeadDoc>;
  audit: Model<AuditDoc>;
}

export function definitionModels(connection: Connection): DefinitionModels {
  return {
    retirements: connection.models.DefinitionRetirement ?? connection.model<RetirementDoc>('DefinitionRetirement', retirementSchema),
    drafts: connection.models.DefinitionDraft ?? connection.model<DraftDoc>('DefinitionDraft', draftSchema),
    versions: connection.models.DefinitionVersion ?? connection.model<VersionDoc>('DefinitionVersion', versionSchema),
    heads: connection.models.DefinitionHead ?? connection.model<HeadDoc>('DefinitionHead', headSchema),
    audit: connection.models.DefinitionAudit ?? connection.model<AuditDoc>('DefinitionAudit', auditSchema),
  };
}
