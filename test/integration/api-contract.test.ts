/**
 * Generated from the OpenAPI document: every operation × every role against the permission
 * matrix (allowed → not 401/403; denied → 403), and without credentials → 401.
 */
import { Connection } from '@temporalio/client';
import { openApiDocument } from '../../api/contract/document';
import { ROLE_PERMISSIONS, type Role } from '../../api/contract/permissions';
import { temporalAddress } from '../support/env';
import { startApi, type Auth, type TestApi } from '../support/stack';

interface OperationCase {
  method: string;
  path: string;
  operationId: string;
  permission: string;
}

const SAMPLE_PARAMS: Record<string, string> = {
  key: 'matrix-key',
  id: '00000000-0000-0000-0000-000000000000',
  n: '1',
  serial: 'SN-MATRIX-1',
};

function operations(): OperationCase[] {
  const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; 'x-permission': string }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId, permission: op['x-permission'] })),
  );
}

function concrete(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');
}

/** Sends the operation with no body (so an allowed call stops at validation, before any side effect). */
async function call(api: TestApi, op: OperationCase, auth: Auth): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(`${api.url}${concrete(op.path)}`, { method: op.method, headers: auth, signal: abort.signal });
  abort.abort(); // the live stream would stay open
  return res.status;
}

let connection: Connection;
let api: TestApi;
const tokens = new Map<Role, Auth>();
const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
  api = await startApi('matrix', connection);
  for (const role of ROLES) tokens.set(role, (await api.as(role)).auth);
});

afterAll(async () => {
  await api?.stop();
  await connection?.close();
});

describe('permission matrix', () => {
  const ops = operations();

  it('when the document is read, then every operation names a permission the matrix knows', () => {
    const known = new Set(['public', 'authenticated', ...Object.values(ROLE_PERMISSIONS).flat()]);
    expect(ops.filter((o) => !known.has(o.permission)).map((o) => `${o.operationId}: ${o.permission}`)).toEqual([]);
    expect(ops.length).toBeGreaterThan(80);
  });

  it('when the document is read, then every operationId is unique (each names exactly one handler)', () => {
    const ids = ops.map((o) => o.operationId);

    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('when each role calls each operation, then allowed calls pass authorization and denied ones get 403', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      for (const role of ROLES) {
        const allowed = op.permission === 'public' || op.permission === 'authenticated' || ROLE_PERMISSIONS[role].includes(op.permission as never);
        const status = await call(api, op, tokens.get(role) as Auth);
        if (allowed ? status === 401 || status === 403 : status !== 403) wrong.push(`${role} ${op.method} ${op.path} (${op.permission}) → ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('when an operation that needs a caller is called without credentials, then it answers 401 with WWW-Authenticate', async () => {
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.permission !== 'public')) {
      const res = await fetch(`${api.url}${concrete(op.path)}`, { method: op.method });
      if (res.status !== 401 || !res.headers.get('www-authenticate')) wrong.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('when a token is forged or expired, then the answer is 401', async () => {
    const admin = api.admin.Authorization as string;
    const [head, payload] = admin.slice('Bearer '.length).split('.');
    const forged = `Bearer ${head}.${payload}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    expect((await fetch(`${api.url}/auth/me`, { headers: { Authorization: forged } })).status).toBe(401);
    expect((await fetch(`${api.url}/auth/me`, { headers: { 'X-Api-Key': 'tfk_nope_AAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401);
  });
});

describe('the contract, limits and sign-in', () => {
  it('when the document is fetched without credentials, then it is OpenAPI 3.1 and /docs renders it', async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as { openapi: string; paths: object };
    const docs = await fetch(`${api.root}/docs`);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/units/{serial}/actions');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it('when a body is larger than the limit, then it is refused with 413 before anything is done', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024), steps: [], transitions: [] });
    const res = await fetch(`${api.url}/definitions/routing/huge/drafts`, { method: 'POST', headers: { 'content-type': 'application/json', ...api.admin }, body: huge });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when metrics are read, then admins get Prometheus text, viewers 403 and strangers 401', async () => {
    const admin = await fetch(`${api.root}/metrics`, { headers: api.admin });
    const viewer = await fetch(`${api.root}/metrics`, { headers: tokens.get('viewer') });
    const stranger = await fetch(`${api.root}/metrics`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('taktflow_http_requests_total{');
    expect([viewer.status, stranger.status]).toEqual([403, 401]);
  });

  it('when a password is guessed too often, then sign-in answers 429 with Retry-After', async () => {
    const attempt = () =>
      fetch(`${api.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@taktflow.test', password: 'wrong' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    const last = await attempt();
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('when a refresh token is used twice, then the second use is refused and the whole sign-in is revoked', async () => {
    const user = await api.as('viewer');
    const login = (await (await fetch(`${api.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.id, password: user.password }) })).json()) as { refreshToken: string };
    const refresh = (token: string) => fetch(`${api.url}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: token }) });

    const first = await refresh(login.refreshToken);
    const rotated = ((await first.json()) as { refreshToken: string }).refreshToken;
    const replay = await refresh(login.refreshToken);
    const afterTheft = await refresh(rotated);

    expect([first.status, replay.status, afterTheft.status]).toEqual([200, 401, 401]);
  });
});
