/**
 * The router built from the OpenAPI operations: for each one, authenticate, authorize by its
 * permission, validate parameters and body against the contract, honour Idempotency-Key, run
 * the handler, (optionally) validate the answer, and append mutating calls to the audit trail.
 */
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { canonicalJson, finding, type Finding } from '../../definitions/validation/finding';
import type { Store } from '../../store';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import { AppError, renderProblem } from '../http/errors';
import { OPERATIONS, type Operation } from './paths';
import { allows } from './permissions';
import { validatorsFor } from './validator';

export interface AuditNote {
  /** The answer replays an earlier request with the same Idempotency-Key, which was audited: no second entry. */
  replay?: boolean;
  resource?: { kind: string; id: string } | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  signature?: { meaning: string; signedBy: string; name: string; at: Date } | null;
}

export interface HandlerContext {
  req: Request;
  res: Response;
  op: Operation;
  principal: Principal | undefined;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** Set by the handler: what the audit entry says about the change. */
  audit: AuditNote;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** A body already serialized (kept byte for byte, e.g. an export bundle). */
  text?: string;
  headers?: Record<string, string>;
}

/** A handler answers, or writes the response itself (a stream) and returns 'streamed'. */
export type Handler = (ctx: HandlerContext) => Promise<HandlerResult | 'streamed'>;

export interface RouterDeps {
  store: Store;
  tokens: TokenService;
  handlers: Record<string, Handler>;
  /** Check every answer against the contract; a violation becomes a 500 and is logged. */
  validateResponses: boolean;
  log: (line: string) => void;
}

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);
/** Sign-in calls carry passwords and tokens; they are not mutations of the factory's records. */
const NOT_AUDITED = new Set(['login', 'refresh', 'logout']);
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

const expressPath = (p: string): string => p.replace(/\{([^}]+)\}/g, ':$1');

function headerValues(req: Request, op: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(op.headers ?? {})) {
    const v = req.get(name);
    if (v !== undefined) out[name.toLowerCase()] = v;
  }
  if (op.idempotent && req.get('Idempotency-Key') !== undefined) out['idempotency-key'] = req.get('Idempotency-Key');
  return out;
}

function badParameters(findings: Finding[], where: 'path' | 'query' | 'header'): AppError {
  const first = findings[0];
  const parameter = first?.pointer.split('/')[1] ?? '';
  return new AppError(400, 'invalid-parameter', `Invalid ${where} parameter`, findings.map((f) => `${f.pointer.slice(1) || where}: ${f.message}`).join('; '), {
    parameter,
    errors: findings,
  });
}

export function buildRouter(deps: RouterDeps): Router {
  const router = Router();
  for (const op of OPERATIONS) {
    const handler = deps.handlers[op.operationId];
    if (!handler) throw new Error(`no handler for operation ${op.operationId}`);
    const v = validatorsFor(op);
    const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

    router[op.method](expressPath(op.path), async (req, res) => {
      let principal: Principal | undefined;
      let scope: string | undefined;
      const ctx: HandlerContext = { req, res, op, principal, params: req.params as Record<string, string>, query: req.query as Record<string, string>, body: req.body, audit: {} };
      let result: HandlerResult;
      try {
        if (op.access !== 'public') {
          principal = await authenticate({ authorization: req.get('Authorization'), apiKey: req.get('X-Api-Key') }, deps);
          ctx.principal = principal;
          if (!allows(principal.roles, op.access)) {
            throw new AppError(403, 'forbidden', 'Forbidden', `${op.operationId} needs the permission ${op.access}, which your roles (${principal.roles.join(', ')}) do not give`);
          }
        }
        const paramFindings = v.params(req.params);
        if (paramFindings.length > 0) throw badParameters(paramFindings, 'path');
        const queryFindings = v.query(req.query);
        if (queryFindings.length > 0) throw badParameters(queryFindings, 'query');
        const headerFindings = v.headers(headerValues(req, op));
        if (headerFindings.length > 0) throw badParameters(headerFindings, 'header');
        if (op.body) {
          const required = op.method !== 'post' || !op.path.endsWith('/retire');
          if (req.body === undefined && required) {
            throw AppError.invalid('A JSON body is required', [finding('', 'schema.required', { en: 'send a JSON body (Content-Type: application/json)', zh: '需要 JSON 请求体（Content-Type: application/json）' })]);
          }
          const bodyFindings = req.body === undefined ? [] : v.body(req.body);
          if (bodyFindings.length > 0) throw AppError.invalid('The request body does not match the contract', bodyFindings);
        }

        const key = req.get('Idempotency-Key');
        if (op.idempotent && !op.answeredByWorkflow && key !== undefined && idempotencyKeyPattern.test(key)) {
          scope = `${principal?.id ?? 'public'}|${op.method.toUpperCase()}|${req.baseUrl}${req.path}|${key}`;
          const hash = createHash('sha256').update(canonicalJson(req.body ?? null)).digest('hex');
          const seen = await deps.store.idempotency.begin(scope, hash, IDEMPOTENCY_TTL_MS);
          if (seen.state === 'done') {
            res.status(seen.status).set({ ...seen.headers, 'Idempotent-Replayed': 'true' }).send(seen.body);
            return;
          }
          scope = seen.state === 'new' ? scope : undefined;
          if (seen.state === 'in-progress') throw new AppError(409, 'request-in-progress', 'Same request in progress', 'a request with this Idempotency-Key is still running; retry shortly', { retryAfter: 1 });
          if (seen.state === 'mismatch') {
            throw new AppError(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'this Idempotency-Key was used with a different request body', {
              errors: [finding('', 'idempotency.key-reused', { en: 'the key was used for another body', zh: '该幂等键已用于不同的请求体' })],
              parameter: 'Idempotency-Key',
            });
          }
        }

        const answer = await handler(ctx);
        if (answer === 'streamed') return;
        result = answer;
        if (deps.validateResponses && result.text === undefined) {
          // What goes on the wire (dates as strings) is what the contract describes.
          const wire: unknown = result.body === undefined ? null : JSON.parse(JSON.stringify(result.body));
          const violations = v.response(result.status, wire);
          if (result.body !== undefined && violations.length > 0) {
            deps.log(`[api] ${op.operationId} answered outside the contract: ${JSON.stringify(violations)}`);
            throw new Error(`response of ${op.operationId} violates the contract`);
          }
        }
      } catch (err) {
        // A refusal replayed for a retried key was audited when it was first given.
        if (err instanceof AppError && err.extras.replayed === true) ctx.audit.replay = true;
        const p = renderProblem(err, req.originalUrl);
        if (p.status >= 500) deps.log(`[api] ${req.method} ${req.originalUrl} failed: ${(err as Error)?.stack ?? String(err)}`);
        result = { status: p.status, body: p.body, headers: p.headers };
      }

      const text = result.text ?? (result.body === undefined ? '' : JSON.stringify(result.body));
      const headers = { ...(result.body !== undefined || result.text !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...(result.headers ?? {}) };
      if (scope) {
        if (result.status >= 500) await deps.store.idempotency.abandon(scope).catch(() => undefined);
        else await deps.store.idempotency.complete(scope, result.status, headers, text).catch((e: unknown) => deps.log(`[api] idempotency record failed: ${String(e)}`));
      }
      if (MUTATING.has(op.method) && !NOT_AUDITED.has(op.operationId) && !ctx.audit.replay && (principal || result.status !== 401)) {
        await deps.store.auditLog
          .append({
            actor: principal ? { id: principal.id, name: principal.name, kind: principal.kind } : { id: 'anonymous', name: 'anonymous', kind: 'system' },
            action: op.operationId,
            method: req.method,
            path: req.originalUrl,
            status: result.status,
            resource: ctx.audit.resource ?? null,
            before: ctx.audit.before ?? null,
            after: ctx.audit.after ?? null,
            reason: ctx.audit.reason ?? req.get('X-Reason')?.slice(0, 2000) ?? null,
            signature: ctx.audit.signature ?? null,
          })
          .catch((e: unknown) => deps.log(`[api] AUDIT TRAIL WRITE FAILED for ${req.method} ${req.originalUrl}: ${String(e)}`));
      }
      res.status(result.status).set(headers).send(text === '' ? undefined : text);
    });
  }
  return router;
}
