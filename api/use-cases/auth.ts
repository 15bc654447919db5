/** Sign-in, token refresh and sign-out; users and API keys for admins; the first admin. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Role } from '../contract/permissions';
import type { Store, UserRecord } from '../../store';
import { finding } from '../../definitions/validation/finding';
import { AppError } from '../http/errors';
import type { Principal } from '../auth/principal';
import { RateLimiter } from '../auth/rate-limit';
import { ACCESS_TOKEN_SECONDS, newRefreshToken, REFRESH_TOKEN_MS, sha256, type TokenService } from '../auth/tokens';
import { unauthorized } from '../auth/authenticate';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export function principalOf(u: UserRecord): Principal {
  return { id: u.id, name: u.name, kind: 'user', roles: u.roles, sites: u.sites, lines: u.lines };
}

export function publicUser(u: UserRecord) {
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, sites: u.sites, lines: u.lines, disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export const hashPassword = (password: string): Promise<string> => hash(password);

/** A user's password, checked in constant time whatever the outcome (no user-enumeration by timing). */
const DUMMY_HASH = hash('not-a-real-password-' + randomBytes(8).toString('hex'));

export function authUseCases(deps: { store: Store; tokens: TokenService; siteKey: string }) {
  const { store, tokens } = deps;
  const logins = new RateLimiter(5, 60_000);

  async function pair(user: UserRecord, family?: string): Promise<TokenPair> {
    const refresh = newRefreshToken();
    await store.refreshTokens.issue(user.id, refresh.hash, new Date(Date.now() + REFRESH_TOKEN_MS), family ?? randomBytes(16).toString('hex'));
    return { accessToken: await tokens.access(principalOf(user)), refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS };
  }

  /** The user whose password this is, or undefined; used for sign-in and for electronic signatures. */
  async function checkPassword(email: string, password: string): Promise<UserRecord | undefined> {
    const user = await store.users.byEmail(email);
    const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
    return user && ok && !user.disabled ? user : undefined;
  }

  return {
    checkPassword,

    async login(body: { email: string; password: string }, ip: string): Promise<TokenPair> {
      const email = body.email.toLowerCase();
      const wait = logins.hit(`${ip}|${email}`);
      if (wait > 0) throw new AppError(429, 'too-many-attempts', 'Too many sign-in attempts', `try again in ${wait} s`, { retryAfter: wait });
      const user = await checkPassword(email, body.password);
      if (!user) throw unauthorized('email or password is wrong, or the account is disabled');
      logins.reset(`${ip}|${email}`);
      return pair(user);
    },

    async refresh(body: { refreshToken: string }): Promise<TokenPair> {
      const used = await store.refreshTokens.use(sha256(body.refreshToken));
      if (used === 'reused') throw unauthorized('this refresh token was already used; every token of its sign-in has been revoked');
      if (used === 'unknown' || used === 'expired') throw unauthorized('the refresh token is not valid or has expired; sign in again');
      const user = await store.users.get(used.userId);
      if (!user || user.disabled) throw unauthorized('the account is disabled');
      return pair(user, used.family);
    },

    async logout(body: { refreshToken: string }): Promise<void> {
      const used = await store.refreshTokens.use(sha256(body.refreshToken));
      if (typeof used === 'object') await store.refreshTokens.revokeFamily(used.family);
    },

    async listUsers() {
      return (await store.users.list()).map(publicUser);
    },

    async createUser(body: { email: string; name: string; password: string; roles: Role[]; sites?: string[]; lines: string[] }) {
      const user = await store.users.create({
        email: body.email.toLowerCase(),
        name: body.name,
        passwordHash: await hashPassword(body.password),
        roles: body.roles,
        sites: body.sites ?? [deps.siteKey],
        lines: body.lines,
      });
      return publicUser(user);
    },

    async updateUser(id: string, patch: { name?: string; roles?: Role[]; lines?: string[]; disabled?: boolean }, by: Principal) {
      const user = await store.users.get(id.toLowerCase());
      if (!user) throw AppError.notFound(`user ${id}`);
      if (user.id === by.id && (patch.disabled === true || (patch.roles && !patch.roles.includes('admin')))) {
        throw new AppError(409, 'self-lockout', 'Refused', 'an admin cannot disable themselves or drop their own admin role', {
          errors: [finding(patch.disabled ? '/disabled' : '/roles', 'user.self-lockout', { en: 'would lock you out', zh: '会导致您自己无法登录' })],
        });
      }
      const before = publicUser(user);
      const updated = await store.users.update(user.id, patch);
      if (patch.disabled || patch.roles || patch.lines) await store.refreshTokens.revokeUser(user.id);
      return { before, after: publicUser(updated) };
    },
  };
}

export type AuthUseCases = ReturnType<typeof authUseCases>;

/** Creates the first admin when there is no user yet (embedded default and `taktflow users create-admin`). */
export async function ensureFirstAdmin(store: Store, email: string, password: string, siteKey: string): Promise<'created' | 'exists'> {
  if ((await store.users.count()) > 0) return 'exists';
  await store.users.create({ email: email.toLowerCase(), name: 'Administrator', passwordHash: await hashPassword(password), roles: ['admin'], sites: ['*', siteKey], lines: ['*'] });
  return 'created';
}
