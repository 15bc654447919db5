/** Handlers of sign-in, users, API keys and the audit trail. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import { decodeCursor, encodeCursor, limitOf, paginate } from '../http/pagination';
import type { ApiKeyUseCases } from '../use-cases/api-keys';
import type { AuthUseCases } from '../use-cases/auth';
import type { Store } from '../../store';

/** Server time with the server's zone offset, e.g. 2026-11-24T15:40:00.000+08:00. */
export function withZone(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, -1);
  return `${local}${sign}${hh}:${mm}`;
}

export function authHandlers(auth: AuthUseCases, keys: ApiKeyUseCases, store: Store): Record<string, Handler> {
  return {
    login: async ({ body, req }) => ({ status: 200, body: await auth.login(body as { email: string; password: string }, req.ip ?? 'unknown') }),
    refresh: async ({ body }) => ({ status: 200, body: await auth.refresh(body as { refreshToken: string }) }),
    logout: async ({ body }) => {
      await auth.logout(body as { refreshToken: string });
      return { status: 204 };
    },
    me: async ({ principal }) => ({ status: 200, body: principal }),
    listUsers: async ({ query }) => ({ status: 200, body: paginate(await auth.listUsers(), (u) => u.id, query) }),
    createUser: async (ctx) => {
      const user = await auth.createUser(ctx.body as Parameters<AuthUseCases['createUser']>[0]);
      ctx.audit = { resource: { kind: 'user', id: user.id }, after: user };
      return { status: 201, body: user, headers: { Location: `/api/v1/users/${encodeURIComponent(user.id)}` } };
    },
    updateUser: async (ctx) => {
      const { before, after } = await auth.updateUser(ctx.params.id as string, ctx.body as Parameters<AuthUseCases['updateUser']>[1], ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'user', id: after.id }, before, after };
      return { status: 200, body: after };
    },
    listApiKeys: async ({ query }) => ({ status: 200, body: paginate(await keys.list(), (k) => k.id, query) }),
    createApiKey: async (ctx) => {
      const created = await keys.create(ctx.body as Parameters<ApiKeyUseCases['create']>[0], ctx.principal as Principal);
      const { key: _secret, ...shown } = created;
      void _secret;
      ctx.audit = { resource: { kind: 'api-key', id: created.id }, after: shown };
      return { status: 201, body: created };
    },
    revokeApiKey: async (ctx) => {
      const { before, after } = await keys.revoke(ctx.params.id as string, ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'api-key', id: after.id }, before, after };
      return { status: 200, body: after };
    },
    listAuditLog: async ({ query }) => {
      const limit = limitOf(query.limit);
      const after = Number(decodeCursor(query.cursor) ?? 0);
      const entries = await store.auditLog.list({ afterSeq: Number.isFinite(after) ? after : 0, limit: limit + 1 });
      const items = entries.slice(0, limit).map((e) => ({ ...e, at: e.at.toISOString(), atLocal: withZone(e.at), signature: e.signature ? { ...e.signature, at: e.signature.at.toISOString() } : null }));
      return { status: 200, body: { items, nextCursor: entries.length > limit ? encodeCursor(String(items[items.length - 1]?.seq)) : null } };
    },
    verifyAuditLog: async () => ({ status: 200, body: await store.auditLog.verify() }),
  };
}
