/** People who sign in: one document per user, _id the lower-case email, so sign-in reads by _id. */
import type { Connection, Model } from 'mongoose';
import { securityModels, type UserDoc } from '../models/security';
import { isDuplicateKey } from '../models/support';
import { StoreConflict } from './definitions';

export type { Role } from '../models/security';

/** A user as the rest of the system sees it: the stored document with its _id as `id` (the lower-case email). */
export type UserRecord = Omit<UserDoc, '_id'> & { id: string };

export type NewUser = Omit<UserRecord, 'id' | 'createdAt' | 'updatedAt' | 'passwordChangedAt' | 'disabled'> & { disabled?: boolean };
export type UserPatch = Partial<Pick<UserRecord, 'name' | 'roles' | 'sites' | 'lines' | 'disabled' | 'passwordHash'>>;

/** The id of the user with this email: trimmed and lower-cased. */
export const userIdOf = (email: string): string => email.trim().toLowerCase();

/** A user as read, with defaults for what a document may lack. */
function recordOf(d: UserDoc): UserRecord {
  const createdAt = d.createdAt ?? new Date(0);
  return {
    id: d._id,
    email: d.email ?? d._id,
    name: d.name ?? d._id,
    passwordHash: d.passwordHash ?? '',
    roles: d.roles ?? [],
    sites: d.sites ?? [],
    lines: d.lines ?? [],
    disabled: d.disabled ?? false,
    createdAt,
    updatedAt: d.updatedAt ?? createdAt,
    passwordChangedAt: d.passwordChangedAt ?? createdAt,
  };
}

export class UserRepository {
  private readonly users: Model<UserDoc>;

  constructor(connection: Connection) {
    this.users = securityModels(connection).users;
  }

  /** Creates a user; a user with the same email (in any case) → StoreConflict 'user-exists'. */
  async create(u: NewUser): Promise<UserRecord> {
    const now = new Date();
    const id = userIdOf(u.email);
    const doc: UserDoc = {
      _id: id,
      email: u.email.trim(),
      name: u.name,
      passwordHash: u.passwordHash,
      roles: [...u.roles],
      sites: [...u.sites],
      lines: [...u.lines],
      disabled: u.disabled ?? false,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    };
    try {
      await this.users.create(doc);
    } catch (e) {
      if (isDuplicateKey(e)) throw new StoreConflict(`a user with the email ${id} exists`, 'user-exists');
      throw e;
    }
    return recordOf(doc);
  }

  async get(id: string): Promise<UserRecord | null> {
    const d = await this.users.findById(userIdOf(id)).lean<UserDoc>();
    return d ? recordOf(d) : null;
  }

  /** The user with this email, in any case (a read by _id). */
  byEmail(email: string): Promise<UserRecord | null> {
    return this.get(email);
  }

  /** Every user, by id. A scan: for the admin's list, not for a request's hot path. */
  async list(): Promise<UserRecord[]> {
    return (await this.users.find({}).sort({ _id: 1 }).lean<UserDoc[]>()).map(recordOf);
  }

  async count(): Promise<number> {
    return this.users.countDocuments({});
  }

  /**
   * Changes the given fields (undefined ones are left alone); a new password hash also moves
   * passwordChangedAt. No such user → StoreConflict 'user-not-found'. Two concurrent updates of
   * one user are last-writer-wins on the embedded server (it rewrites the whole document).
   */
  async update(id: string, patch: UserPatch): Promise<UserRecord> {
    const now = new Date();
    const set: Record<string, unknown> = { updatedAt: now };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) set[k] = Array.isArray(v) ? [...(v as string[])] : v;
    if (patch.passwordHash !== undefined) set.passwordChangedAt = now;
    const d = await this.users.findOneAndUpdate({ _id: userIdOf(id) }, { $set: set }, { returnDocument: 'after' }).lean<UserDoc>();
    if (!d) throw new StoreConflict(`there is no user ${id}`, 'user-not-found');
    return recordOf(d);
  }
}
