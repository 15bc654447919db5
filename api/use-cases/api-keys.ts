/** API keys for ERP, WMS and machines: shown once, stored hashed, scoped, revocable. */
import { randomBytes } from 'node:crypto';
import type { Role } from '../contract/permissions';
import type { ApiKeyRecord, Store } from '../../store';
import { AppError } from '../http/errors';
import type { Principal } from '../auth/principal';
import { sha256 } from '../auth/tokens';

export function publicKey(k: ApiKeyRecord) {
  return {
    id: k.id,
    name: k.name,
    roles: k.roles,
    sites: k.sites,
    lines: k.lines,
    createdBy: k.createdBy,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
    lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
  };
}

export function apiKeyUseCases(deps: { store: Store; siteKey: string }) {
  const { store } = deps;
  return {
    async list() {
      return (await store.apiKeys.list()).map(publicKey);
    },
    async create(body: { name: string; roles: Role[]; lines: string[] }, by: Principal) {
      const id = randomBytes(8).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const record = await store.apiKeys.create({
        id,
        secretHash: sha256(secret),
        name: body.name,
        roles: body.roles,
        sites: [deps.siteKey],
        lines: body.lines,
        createdBy: by.id,
      });
      return { ...publicKey(record), key: `tfk_${id}_${secret}` };
    },
    async revoke(id: string, by: Principal) {
      const existing = await store.apiKeys.get(id);
      if (!existing) throw AppError.notFound(`API key ${id}`);
      if (existing.revokedAt) return { before: publicKey(existing), after: publicKey(existing) };
      await store.apiKeys.revoke(id, by.id);
      return { before: publicKey(existing), after: publicKey((await store.apiKeys.get(id)) as ApiKeyRecord) };
    },
  };
}

export type ApiKeyUseCases = ReturnType<typeof apiKeyUseCases>;
