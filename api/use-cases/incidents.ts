/**
 * Incidents: read from the read model their workflows write (line-scoped), acknowledged,
 * resolved and reopened through the incident workflow's Updates, and MTTA/MTTR over a period.
 */
import { ApplicationFailure, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { finding } from '../../definitions/validation/finding';
import { incidentMetrics, type MetricsGroup, type MetricsGroupBy } from '../../engine/incident/metrics';
import type { IncidentView } from '../../definitions/incidents/view';
import {
  INCIDENT_REJECTED,
  incidentAcknowledgeUpdate,
  incidentReopenUpdate,
  incidentResolveUpdate,
  type IncidentRejection,
} from '../../engine/workflows/incident-messages';
import type { Store } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { runEnded } from './run-errors';

/** Most incidents one metrics call aggregates. */
export const METRICS_MAX_INCIDENTS = 50_000;
const DAY_MS = 24 * 3600 * 1000;

export interface IncidentMetrics {
  from: string;
  to: string;
  groupBy: MetricsGroupBy;
  total: MetricsGroup;
  groups: MetricsGroup[];
}

const REJECTION_ZH: Record<IncidentRejection['code'], string> = {
  ALREADY_ACKNOWLEDGED: '该异常已被确认',
  ALREADY_RESOLVED: '该异常已关闭',
  NOT_RESOLVED: '该异常尚未关闭，无法重新打开',
  INVALID_INPUT: '输入无效',
};

function badTime(name: string): AppError {
  return new AppError(400, 'invalid-parameter', `Invalid ${name}`, `${name} must be a date or date-time, and from before to`, {
    parameter: name,
    errors: [finding('', `query.${name}`, { en: `${name} must be a valid date (from before to)`, zh: `${name} 必须是有效日期（且 from 早于 to）` })],
  });
}

export function incidentUseCases(deps: { store: Store; temporal: Client; siteKey: string }) {
  const { store, temporal, siteKey } = deps;

  const visible = (i: IncidentView, who: Principal): boolean => seesSite(who, i.site) && (i.line === null ? who.lines.includes('*') : seesLine(who, i.line));

  /** An incident the caller may see; one on another site or line is "not found" to them. */
  async function get(id: string, who: Principal): Promise<IncidentView> {
    const incident = await store.incidents.get(id);
    if (!incident || !visible(incident, who)) throw AppError.notFound(`incident ${id}`);
    return incident;
  }

  async function update(id: string, who: Principal, run: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<IncidentView>): Promise<IncidentView> {
    const incident = await get(id, who);
    const handle = temporal.workflow.getHandle(incident.workflowId, undefined, { firstExecutionRunId: incident.firstRunId });
    try {
      return await run(handle);
    } catch (err) {
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === INCIDENT_REJECTED) {
        const why = cause.details?.[0] as IncidentRejection;
        const code = why.code.toLowerCase().replace(/_/g, '-');
        throw new AppError(409, code, 'Refused', why.message, { reason: why.code, errors: [finding('', `incident.${code}`, { en: why.message, zh: REJECTION_ZH[why.code] })] });
      }
      if (runEnded(err, /not found/i)) {
        throw new AppError(409, 'incident-closed', 'Refused', `incident ${id} is closed (resolved and past its cooldown); a new firing opens a new incident`, { reason: 'INCIDENT_CLOSED' });
      }
      throw err;
    }
  }

  const updateId = (verb: string, key: string | undefined): { updateId?: string } => (key ? { updateId: `${verb}:${key}` } : {});

  return {
    get,

    /** Incidents on the lines the caller may see, newest first, a page at a time. */
    async list(q: { line?: string; status?: string; type?: string; limit: number; cursor?: string }, who: Principal): Promise<{ items: IncidentView[]; nextCursor: string | null }> {
      if (!seesSite(who, siteKey) || (q.line && !seesLine(who, q.line))) return { items: [], nextCursor: null };
      const lines = who.lines.includes('*') ? undefined : who.lines;
      const page = await store.incidents.list({ site: siteKey, lines, line: q.line, status: q.status, type: q.type, before: q.cursor, limit: q.limit });
      return { items: page.items, nextCursor: page.next };
    },

    acknowledge: (id: string, body: { note?: string }, key: string | undefined, who: Principal) =>
      update(id, who, (h) => h.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: who.id, ...(body.note ? { note: body.note } : {}) }], ...updateId('acknowledge', key) })),

    resolve: (id: string, body: { resolution: string; causeCategory: string }, key: string | undefined, who: Principal) =>
      update(id, who, (h) => h.executeUpdate(incidentResolveUpdate, { args: [{ by: who.id, resolution: body.resolution, causeCategory: body.causeCategory }], ...updateId('resolve', key) })),

    reopen: (id: string, body: { reason: string }, key: string | undefined, who: Principal) =>
      update(id, who, (h) => h.executeUpdate(incidentReopenUpdate, { args: [{ by: who.id, reason: body.reason }], ...updateId('reopen', key) })),

    /** MTTA/MTTR of the incidents opened in [from, to) (default: the last 30 days) on the caller's lines. */
    async metrics(q: { from?: string; to?: string; groupBy?: string }, who: Principal): Promise<IncidentMetrics> {
      const toMs = q.to === undefined ? Date.now() : Date.parse(q.to);
      const fromMs = q.from === undefined ? toMs - 30 * DAY_MS : Date.parse(q.from);
      if (!Number.isFinite(toMs) || Math.abs(toMs) > 8.64e15) throw badTime('to');
      if (!Number.isFinite(fromMs) || Math.abs(fromMs) > 8.64e15 || fromMs >= toMs) throw badTime('from');
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      const groupBy = (q.groupBy ?? 'type') as MetricsGroupBy;
      const lines = who.lines.includes('*') ? undefined : who.lines;
      const times = seesSite(who, siteKey) ? await store.incidents.times({ site: siteKey, lines, from, to, limit: METRICS_MAX_INCIDENTS }) : [];
      return { from, to, groupBy, ...incidentMetrics(times, groupBy) };
    },
  };
}

export type IncidentUseCases = ReturnType<typeof incidentUseCases>;
