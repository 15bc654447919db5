/** The few API calls the CLI makes, with problem+json answers turned into readable errors. */
export class ApiError extends Error {}

interface Problem {
  title?: string;
  detail?: string;
  errors?: Array<{ pointer: string; code: string; message: string }>;
}

export function apiBase(flag?: string): string {
  const base = flag ?? process.env.TAKTFLOW_API ?? `http://127.0.0.1:${process.env.TAKTFLOW_PORT ?? '8080'}`;
  return `${base.replace(/\/+$/, '')}/api/v1`;
}

/** How the CLI signs in: an API key, a token, or email + password (which also signs publications). */
export interface Credentials {
  apiKey?: string;
  token?: string;
  email?: string;
  password?: string;
}

export interface Session {
  base: string;
  headers: Record<string, string>;
  /** The signed-in user's password, for electronic signatures. */
  password?: string;
}

export async function session(apiFlag: string | undefined, c: Credentials): Promise<Session> {
  const base = apiBase(apiFlag);
  if (c.apiKey) return { base, headers: { 'X-Api-Key': c.apiKey } };
  if (c.token) return { base, headers: { Authorization: `Bearer ${c.token}` }, password: c.password };
  if (c.email && c.password) {
    const { text } = await call('POST', `${base}/auth/login`, JSON.stringify({ email: c.email, password: c.password }));
    return { base, headers: { Authorization: `Bearer ${(JSON.parse(text) as { accessToken: string }).accessToken}` }, password: c.password };
  }
  throw new ApiError('sign in first: --api-key (or TAKTFLOW_API_KEY), --token (TAKTFLOW_TOKEN), or --email with TAKTFLOW_PASSWORD');
}

export async function call(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body });
  } catch (e) {
    throw new ApiError(`cannot reach the API at ${url}: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let problem: Problem = {};
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      problem = { detail: text };
    }
    const lines = [`${method} ${url} → ${res.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`];
    for (const e of problem.errors ?? []) lines.push(`  ${e.pointer || '/'}  ${e.code}  ${e.message}`);
    throw new ApiError(lines.join('\n'));
  }
  return { status: res.status, text };
}
