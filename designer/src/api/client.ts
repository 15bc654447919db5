/**
 * The one way the designer talks to the API (/api/v1): JSON in and out, the signed-in user's
 * bearer token, one refresh through /auth/refresh when the access token has expired, and
 * problem+json answers turned into ApiError.
 */
import { useSyncExternalStore } from 'react';

export const API_BASE = '/api/v1';

/** One finding of a problem+json answer: where (JSON pointer into the request body), what, why. */
export interface ProblemError {
  pointer: string;
  code: string;
  message: string;
  messageZh: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export interface Principal {
  id: string;
  name: string;
  kind: 'user' | 'api-key';
  roles: string[];
  sites: string[];
  lines: string[];
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface Session {
  principal: Principal;
  tokens: TokenPair;
}

const STORAGE_KEY = 'taktflow.session';
let session: Session | null = readStored();
const listeners = new Set<() => void>();

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw === null ? null : (JSON.parse(raw) as Session);
  } catch {
    return null;
  }
}

function setSession(next: Session | null): void {
  session = next;
  try {
    if (next === null) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Without storage the session lasts until the page is reloaded.
  }
  for (const listener of listeners) listener();
}

async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.title === 'string') return { ...body, title: body.title, status: res.status };
  } catch {
    // Not JSON: described below.
  }
  return { title: res.statusText || `HTTP ${res.status}`, status: res.status, detail: text.slice(0, 500) || undefined };
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string>, token: string | undefined): Promise<Response> {
  const h: Record<string, string> = { Accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (token !== undefined) h.Authorization = `Bearer ${token}`;
  return fetch(`${API_BASE}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
}

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh token once (concurrent callers share the exchange); false when signed out. */
async function refresh(): Promise<boolean> {
  const current = session;
  if (current === null) return false;
  refreshing ??= (async () => {
    try {
      const res = await send('POST', '/auth/refresh', { refreshToken: current.tokens.refreshToken }, {}, undefined);
      if (!res.ok) {
        setSession(null);
        return false;
      }
      const tokens = (await res.json()) as TokenPair;
      setSession({ principal: current.principal, tokens });
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Calls the API; resolves to the JSON body (undefined for 204), rejects with ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res = await send(method, path, body, headers, session?.tokens.accessToken);
  if (res.status === 401 && session !== null && (await refresh())) {
    res = await send(method, path, body, headers, session?.tokens.accessToken);
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Signs in with email and password; rejects with ApiError (401 for wrong credentials). */
export async function signIn(email: string, password: string): Promise<Principal> {
  const tokens = await api<TokenPair>('POST', '/auth/login', { email, password });
  const res = await send('GET', '/auth/me', undefined, {}, tokens.accessToken);
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  const principal = (await res.json()) as Principal;
  setSession({ principal, tokens });
  return principal;
}

export async function signOut(): Promise<void> {
  const current = session;
  if (current === null) return;
  try {
    await api('POST', '/auth/logout', { refreshToken: current.tokens.refreshToken });
  } catch {
    // Signed out locally all the same; the refresh token expires on its own.
  } finally {
    setSession(null);
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Who is signed in (null when nobody), re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, () => session);
}

/** The message of an error in the user's language: the problem's findings when there are some. */
export function errorText(error: unknown, locale: 'en' | 'zh'): string {
  if (error instanceof ApiError) {
    const findings = (error.problem.errors ?? []).map((f) => `${f.pointer || '/'}: ${locale === 'zh' ? f.messageZh : f.message}`);
    return [error.problem.detail ?? error.problem.title, ...findings].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
