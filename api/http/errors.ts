/**
 * One error type for the whole API, mapped to application/problem+json (RFC 9457) by one handler.
 */
import type { ErrorRequestHandler } from 'express';
import { finding, type Finding } from '../../definitions/validation/finding';
import { StoreConflict } from '../../store/repositories/definitions';

export interface ProblemExtras {
  /** Findings, each with the JSON pointer of the value at fault. */
  errors?: Finding[];
  [extension: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable, machine-readable problem code, e.g. "step-not-allowed". */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }

  static invalid(title: string, errors: Finding[], status = 422): AppError {
    const detail = errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ');
    return new AppError(status, 'validation-failed', title, detail, { errors });
  }

  static notFound(what: string): AppError {
    return new AppError(404, 'not-found', 'Not found', `${what} does not exist`);
  }
}

const PROBLEM_BASE = 'https://taktflow.dev/problems/';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof StoreConflict) return new AppError(409, err.code, 'Conflict with what is recorded', err.message);
  const e = err as BodyParserError;
  if (e?.type === 'entity.parse.failed') {
    return new AppError(400, 'malformed-json', 'Malformed JSON body', e.message, { errors: [finding('', 'json.syntax', { en: e.message, zh: `请求体不是有效的 JSON：${e.message}` })] });
  }
  if (e?.type === 'entity.too.large') return new AppError(413, 'body-too-large', 'Request body too large', e.message);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError(415, 'unsupported-encoding', 'Unsupported encoding', e.message);
  return new AppError(500, 'internal', 'Internal server error', 'The server could not complete the request; it has been logged.');
}

/** Extras that travel as response headers rather than in the body. */
const HEADER_EXTRAS: Record<string, string> = { retryAfter: 'Retry-After', wwwAuthenticate: 'WWW-Authenticate', replayed: 'Idempotent-Replayed' };

export interface RenderedProblem {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Any error as the problem+json answer it becomes (500 for anything unexpected). */
export function renderProblem(err: unknown, instance: string): RenderedProblem {
  const problem = asAppError(err);
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json; charset=utf-8' };
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(problem.extras)) {
    if (HEADER_EXTRAS[k]) headers[HEADER_EXTRAS[k] as string] = String(v);
    else extras[k] = v;
  }
  return {
    status: problem.status,
    headers,
    body: { type: PROBLEM_BASE + problem.code, title: problem.title, status: problem.status, detail: problem.detail, instance, ...extras },
  };
}

export function problemHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const rendered = renderProblem(err, req.originalUrl);
    if (rendered.status >= 500) log(`[api] ${req.method} ${req.originalUrl} failed: ${(err as Error)?.stack ?? String(err)}`);
    res.status(rendered.status).set(rendered.headers).send(JSON.stringify(rendered.body));
  };
}
