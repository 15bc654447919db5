/**
 * Short-lived JWT access tokens (HS256, 15 minutes) carrying the principal, and opaque refresh
 * tokens (7 days, rotated on every use, stored hashed).
 */
import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '../contract/permissions';
import type { Principal } from './principal';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_MS = 7 * 24 * 3600 * 1000;
const ISSUER = 'taktflow';

export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the JWT secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  async access(p: Principal): Promise<string> {
    return new SignJWT({ name: p.name, roles: p.roles, sites: p.sites, lines: p.lines, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(p.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
      .sign(this.key);
  }

  /** The principal in a valid access token; undefined for anything else (expired, forged, other type). */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') return undefined;
      return {
        id: payload.sub,
        name: String(payload.name),
        kind: 'user',
        roles: payload.roles as Role[],
        sites: payload.sites as string[],
        lines: payload.lines as string[],
      };
    } catch {
      return undefined;
    }
  }
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = `tfr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
