/** Handlers of the unit operations. */
import type { Principal } from '../auth/principal';
import { DISPOSITIONS } from '../contract/paths';
import type { Handler } from '../contract/router';
import { decodeCursor, encodeCursor, limitOf } from '../http/pagination';
import type { BulkDispositionRequest } from '../use-cases/dispositions';
import type { UnitUseCases } from '../use-cases/units';
import { dispatchHandlers } from './dispatch';
import { traceHandlers } from './trace';

export function unitHandlers(units: UnitUseCases): Record<string, Handler> {
  return {
    releaseUnit: async (ctx) => {
      const unit = await units.release(ctx.body, ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'unit', id: unit.serial }, after: unit };
      return { status: 201, body: unit, headers: { Location: `/api/v1/units/${encodeURIComponent(unit.serial)}` } };
    },
    listUnits: async ({ query, principal }) => {
      const page = await units.list({ line: query.line, status: query.status, limit: limitOf(query.limit), cursor: decodeCursor(query.cursor) }, principal as Principal);
      return { status: 200, body: { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) } };
    },
    getUnit: async ({ params, principal }) => ({ status: 200, body: await units.get(params.serial as string, principal as Principal) }),
    actOnUnit: async (ctx) => {
      // A refused action is audited against its unit too.
      ctx.audit = { resource: { kind: 'unit', id: ctx.params.serial as string }, before: null };
      const { replayed, ...outcome } = await units.act(ctx.params.serial as string, ctx.body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit.after = { action: ctx.body, events: outcome.events, status: outcome.unit.status };
      if (replayed) ctx.audit.replay = true;
      return { status: 200, body: outcome, ...(replayed ? { headers: { 'Idempotent-Replayed': 'true' } } : {}) };
    },
    ...Object.fromEntries(
      (['hold', 'release', 'scrap'] as const).map((type) => [
        DISPOSITIONS[type].operationId,
        (async (ctx) => {
          const body = ctx.body as { reason: string };
          const outcome = await units.dispose(ctx.params.serial as string, type, body.reason, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
          ctx.audit = { resource: { kind: 'unit', id: outcome.unit.serial }, after: { status: outcome.unit.status, events: outcome.events }, reason: body.reason };
          return { status: 200, body: outcome };
        }) satisfies Handler,
      ]),
    ),
    traceUnit: async ({ params, principal }) => ({ status: 200, body: await units.trace(params.serial as string, principal as Principal) }),
    bulkDisposition: async (ctx) => {
      const request = ctx.body as BulkDispositionRequest;
      const result = await units.bulkDispose(request, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'unit-selection', id: JSON.stringify(request.select) }, after: result, reason: request.reason };
      return { status: 200, body: result };
    },
    ...dispatchHandlers(units.dispatch),
    ...traceHandlers(units.componentTrace),
  };
}
