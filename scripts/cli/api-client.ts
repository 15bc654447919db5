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

export async function call(method: string, url: string, body?: string): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body });
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
