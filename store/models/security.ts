/**
 * Users, refresh tokens, API keys and idempotency records. Every hot read and write is by _id (the
 * embedded server indexes nothing else); the secondary and TTL indexes serve a real MongoDB.
 * Documents that must not lose a concurrent change are written once (insert-only) — see
 * ./support.ts for why an update is not atomic on the embedded server.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { ensureTtlIndex, modelOn } from './support';

export type Role = 'admin' | 'engineer' | 'quality' | 'operator' | 'viewer' | 'integration';

export interface UserDoc {
  _id: string; // lower-case email
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  sites: string[];
  lines: string[];
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  passwordChangedAt: Date;
}

/** A refresh token, insert-only: _id is the sha256 hex of the token. */
export interface RefreshTokenDoc {
  _id: string;
  userId: string;
  family: string;
  /** The user's revocation generation when it was issued (see RefreshRevocationDoc). */
  generation: number;
  issuedAt: Date;
  expiresAt: Date;
}

/** The one use of a refresh token, claimed by inserting it: _id is the token's hash. */
export interface RefreshUseDoc {
  _id: string;
  userId: string;
  family: string;
  at: Date;
  expiresAt: Date;
}

/**
 * `family:<family>` — every token of that sign-in is revoked (insert-only);
 * `user:<id>` — tokens issued with a generation below `generation` are revoked.
 */
export interface RefreshRevocationDoc {
  _id: string;
  at: Date;
  generation: number;
}

export interface ApiKeyDoc {
  _id: string; // key id
  secretHash: string;
  name: string;
  roles: Role[];
  sites: string[];
  lines: string[];
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** When a key was last used: kept apart so that touching a key never rewrites (and races) the key. */
export interface ApiKeyUsageDoc {
  _id: string; // key id
  lastUsedAt: Date;
}

export interface IdempotencyDoc {
  _id: string; // scope: <principal>|<METHOD>|<path>|<key>
  requestHash: string;
  state: 'pending' | 'done';
  startedAt: Date;
  expiresAt: Date;
  status: number | null;
  /** JSON text of the response headers. */
  headers: string | null;
  body: string | null;
}

/** The claim to take over one abandoned or expired record: _id `<scope>#<startedAt ms>`. */
export interface IdempotencyTakeoverDoc {
  _id: string;
  at: Date;
  expiresAt: Date;
}

const user = new Schema<UserDoc>(
  {
    _id: String,
    email: { type: String, required: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: [String],
    sites: [String],
    lines: [String],
    disabled: { type: Boolean, default: false },
    createdAt: Date,
    updatedAt: Date,
    passwordChangedAt: Date,
  },
  { collection: 'users', versionKey: false, minimize: false },
);

const refreshToken = new Schema<RefreshTokenDoc>(
  { _id: String, userId: String, family: String, generation: Number, issuedAt: Date, expiresAt: Date },
  { collection: 'refresh_tokens', versionKey: false },
);

const refreshUse = new Schema<RefreshUseDoc>(
  { _id: String, userId: String, family: String, at: Date, expiresAt: Date },
  { collection: 'refresh_token_uses', versionKey: false },
);

const refreshRevocation = new Schema<RefreshRevocationDoc>(
  { _id: String, at: Date, generation: Number },
  { collection: 'refresh_revocations', versionKey: false },
);

const apiKey = new Schema<ApiKeyDoc>(
  {
    _id: String,
    secretHash: { type: String, required: true },
    name: String,
    roles: [String],
    sites: [String],
    lines: [String],
    createdBy: String,
    createdAt: Date,
    revokedAt: { type: Date, default: null },
    revokedBy: { type: String, default: null },
  },
  { collection: 'api_keys', versionKey: false, minimize: false },
);

const apiKeyUsage = new Schema<ApiKeyUsageDoc>({ _id: String, lastUsedAt: Date }, { collection: 'api_key_usage', versionKey: false });

const idempotency = new Schema<IdempotencyDoc>(
  {
    _id: String,
    requestHash: String,
    state: { type: String, enum: ['pending', 'done'] },
    startedAt: Date,
    expiresAt: Date,
    status: { type: Number, default: null },
    headers: { type: String, default: null },
    body: { type: String, default: null },
  },
  { collection: 'idempotency', versionKey: false, minimize: false },
);

const idempotencyTakeover = new Schema<IdempotencyTakeoverDoc>(
  { _id: String, at: Date, expiresAt: Date },
  { collection: 'idempotency_takeovers', versionKey: false },
);

export interface SecurityModels {
  users: Model<UserDoc>;
  refreshTokens: Model<RefreshTokenDoc>;
  refreshUses: Model<RefreshUseDoc>;
  refreshRevocations: Model<RefreshRevocationDoc>;
  apiKeys: Model<ApiKeyDoc>;
  apiKeyUsage: Model<ApiKeyUsageDoc>;
  idempotency: Model<IdempotencyDoc>;
  idempotencyTakeovers: Model<IdempotencyTakeoverDoc>;
}

const ttlDeclared = new WeakSet<Connection>();

export function securityModels(c: Connection): SecurityModels {
  const m: SecurityModels = {
    users: modelOn(c, 'User', user),
    refreshTokens: modelOn(c, 'RefreshToken', refreshToken),
    refreshUses: modelOn(c, 'RefreshTokenUse', refreshUse),
    refreshRevocations: modelOn(c, 'RefreshRevocation', refreshRevocation),
    apiKeys: modelOn(c, 'ApiKey', apiKey),
    apiKeyUsage: modelOn(c, 'ApiKeyUsage', apiKeyUsage),
    idempotency: modelOn(c, 'Idempotency', idempotency),
    idempotencyTakeovers: modelOn(c, 'IdempotencyTakeover', idempotencyTakeover),
  };
  if (!ttlDeclared.has(c)) {
    ttlDeclared.add(c);
    // Not in the schemas: Model.init() would fail on FerretDB, which refuses TTL indexes.
    void ensureTtlIndex(m.refreshTokens, 'expiresAt');
    void ensureTtlIndex(m.refreshUses, 'expiresAt');
    void ensureTtlIndex(m.idempotency, 'expiresAt');
    void ensureTtlIndex(m.idempotencyTakeovers, 'expiresAt');
  }
  return m;
}
