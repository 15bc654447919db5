/** Handlers of the incident and exception operations: thin, the use-cases hold the logic. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import { decodeCursor, encodeCursor, limitOf } from '../http/pagination';
import type { ExceptionRequest, ExceptionUseCases } from '../use-cases/exceptions';
import type { IncidentUseCases } from '../use-cases/incidents';

const audited = (id: string) => ({ kind: 'incident', id });

export function incidentHandlers(incidents: IncidentUseCases, exceptions: ExceptionUseCases): Record<string, Handler> {
  return {
    listIncidents: async ({ query, principal }) => {
      const page = await incidents.list({ line: query.line, status: query.status, type: query.type, limit: limitOf(query.limit), cursor: decodeCursor(query.cursor) }, principal as Principal);
      return { status: 200, body: { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) } };
    },
    getIncidentMetrics: async ({ query, principal }) => ({ status: 200, body: await incidents.metrics({ from: query.from, to: query.to, groupBy: query.groupBy }, principal as Principal) }),
    getIncident: async ({ params, principal }) => ({ status: 200, body: await incidents.get(params.id as string, principal as Principal) }),
    acknowledgeIncident: async (ctx) => {
      const body = (ctx.body ?? {}) as { note?: string };
      const incident = await incidents.acknowledge(ctx.params.id as string, body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: audited(incident.id), after: { status: incident.status, acknowledgedBy: incident.acknowledgedBy, ttaSeconds: incident.ttaSeconds }, reason: body.note ?? null };
      return { status: 200, body: incident };
    },
    resolveIncident: async (ctx) => {
      const body = ctx.body as { resolution: string; causeCategory: string };
      const incident = await incidents.resolve(ctx.params.id as string, body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: audited(incident.id), after: { status: incident.status, resolution: incident.resolution, causeCategory: incident.causeCategory, ttrSeconds: incident.ttrSeconds }, reason: body.resolution };
      return { status: 200, body: incident };
    },
    reopenIncident: async (ctx) => {
      const body = ctx.body as { reason: string };
      const incident = await incidents.reopen(ctx.params.id as string, body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: audited(incident.id), after: { status: incident.status, run: incident.ladder.run }, reason: body.reason };
      return { status: 200, body: incident };
    },
    raiseException: async (ctx) => {
      const request = ctx.body as ExceptionRequest;
      const outcome = await exceptions.raise(request, ctx.principal as Principal);
      ctx.audit = { resource: audited(outcome.incident.id), after: { occurrence: outcome.occurrence, type: request.type, line: request.line, status: outcome.incident.status }, reason: request.description };
      const opened = outcome.occurrence === 'opening';
      return { status: opened ? 201 : 200, body: outcome, ...(opened ? { headers: { Location: `/api/v1/incidents/${outcome.incident.id}` } } : {}) };
    },
  };
}
