/** Turns request credentials (Bearer token or X-Api-Key) into a principal; 401 when they are not valid. */
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store';
import { AppError } from '../http/errors';
import type { Principal } from './principal';
import { sha256, type TokenService } from './tokens';

const API_KEY = /^tfk_([a-z0-9]{1,40})_([A-Za-z0-9_-]{20,200})$/;

export function unauthorized(detail: string): AppError {
  return new AppError(401, 'unauthorized', 'Not signed in', detail, { wwwAuthenticate: 'Bearer realm="taktflow", ApiKey header="X-Api-Key"' });
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function authenticate(
  headers: { authorization?: string; apiKey?: string },
  deps: { store: Store; tokens: TokenService },
): Promise<Principal> {
  // A bearer token wins when both are sent (clients that always attach a key can still sign in as a person).
  if (headers.apiKey !== undefined && headers.authorization === undefined) {
    const m = API_KEY.exec(headers.apiKey);
    if (!m) throw unauthorized('the API key is malformed');
    const key = await deps.store.apiKeys.get(m[1] as string);
    if (!key || key.revokedAt || !sameHex(key.secretHash, sha256(m[2] as string))) throw unauthorized('the API key is not valid or has been revoked');
    void deps.store.apiKeys.touch(key.id).catch(() => undefined);
    return { id: `api-key:${key.id}`, name: key.name, kind: 'api-key', roles: key.roles, sites: key.sites, lines: key.lines };
  }
  const auth = headers.authorization;
  if (auth === undefined) throw unauthorized('send Authorization: Bearer <access token> or X-Api-Key');
  const m = /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(auth);
  if (!m) throw unauthorized('the Authorization header must be "Bearer <access token>"');
  const principal = await deps.tokens.verify(m[1] as string);
  if (!principal) throw unauthorized('the access token is not valid or has expired; sign in again or refresh it');
  return principal;
}
