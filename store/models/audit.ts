/**
 * The hash-chained audit trail of every mutating API call: entries numbered 1, 2, 3, … by _id,
 * and one head document naming the last entry and its hash. Entries are insert-only: the model
 * refuses every update and delete (pre-hooks throw); only the raw driver could change one, and
 * verification then finds it.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from './support';

export type AuditActorKind = 'user' | 'api-key' | 'system';

export interface AuditSignature {
  /** What the signer meant, e.g. "approved" (21 CFR 11.50). */
  meaning: string;
  signedBy: string;
  name: string;
  at: Date;
}

export interface AuditLogDoc {
  _id: number; // seq
  at: Date;
  actor: { id: string; name: string; kind: AuditActorKind };
  action: string;
  method: string;
  path: string;
  status: number;
  resource: { kind: string; id: string } | null;
  /** Canonical JSON text of the state before the call (JSON keeps any value storable). */
  before: string;
  /** Canonical JSON text of the state after the call. */
  after: string;
  reason: string | null;
  signature: AuditSignature | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadDoc {
  _id: string; // 'head'
  seq: number;
  hash: string;
}

export const AUDIT_APPEND_ONLY = 'the audit log is append-only: entries cannot be changed or deleted';

function refuse(): never {
  throw new Error(AUDIT_APPEND_ONLY);
}

const auditLog = new Schema<AuditLogDoc>(
  {
    _id: Number,
    at: { type: Date, required: true },
    actor: { id: String, name: String, kind: { type: String } },
    action: String,
    method: String,
    path: String,
    status: Number,
    resource: { type: Schema.Types.Mixed, default: null },
    before: String,
    after: String,
    reason: { type: String, default: null },
    signature: { type: Schema.Types.Mixed, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'audit_log', versionKey: false, minimize: false },
);
auditLog.index({ at: 1 });
auditLog.index({ 'actor.id': 1, at: 1 });
auditLog.index({ 'resource.kind': 1, 'resource.id': 1, at: 1 });
auditLog.pre(
  ['updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndReplace', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
  { query: true, document: false },
  refuse,
);
auditLog.pre(['updateOne', 'deleteOne'], { document: true, query: false }, refuse);
auditLog.pre('save', function () {
  if (!this.isNew) refuse();
});
auditLog.pre('bulkWrite', refuse);

const auditHead = new Schema<AuditHeadDoc>({ _id: String, seq: Number, hash: String }, { collection: 'audit_head', versionKey: false });

export interface AuditModels {
  log: Model<AuditLogDoc>;
  head: Model<AuditHeadDoc>;
}

export function auditModels(c: Connection): AuditModels {
  return { log: modelOn(c, 'AuditLog', auditLog), head: modelOn(c, 'AuditHead', auditHead) };
}
