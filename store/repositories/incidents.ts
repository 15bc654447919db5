/** The incident read model: written whole by the incident workflow, read by the API. */
import type { Connection, Model } from 'mongoose';
import type { IncidentView } from '../../definitions/incidents/view';
import { incidentModel, type IncidentDoc } from '../models/incident';
import { fromJsonText, toJsonText } from '../models/support';

/** When an incident of a kind was open: what the equipment-downtime and material-shortage facts read. */
export type IncidentSpan = Pick<IncidentDoc, 'line' | 'openedAt' | 'resolvedAt' | 'reference'>;

/** What the metrics need of an incident. */
export type IncidentTimes = Pick<IncidentDoc, 'type' | 'line' | 'status' | 'openedAt' | 'ttaSeconds' | 'ttrSeconds'>;

export class IncidentRepository {
  private readonly incidents: Model<IncidentDoc>;

  constructor(connection: Connection) {
    this.incidents = incidentModel(connection);
  }

  /**
   * Sets the whole document by _id. An older revision never overwrites a newer one: the write is
   * skipped when the stored revision is higher (one writer, so a plain read-then-write is safe).
   */
  async save(view: IncidentView): Promise<void> {
    const stored = await this.incidents.findById(view.id, { revision: 1 }).lean<{ revision?: number }>();
    if (stored && (stored.revision ?? 0) > view.revision) return;
    const doc: Omit<IncidentDoc, '_id'> = {
      dedupKey: view.dedupKey,
      site: view.site,
      line: view.line,
      type: view.type,
      severity: view.severity,
      status: view.status,
      openedAt: view.openedAt,
      acknowledgedAt: view.acknowledgedAt,
      resolvedAt: view.resolvedAt,
      ttaSeconds: view.ttaSeconds,
      ttrSeconds: view.ttrSeconds,
      revision: view.revision,
      reference: view.context.reference ?? null,
      view: toJsonText(view),
      updatedAt: new Date(),
    };
    await this.incidents.replaceOne({ _id: view.id }, doc, { upsert: true });
  }

  async get(id: string): Promise<IncidentView | null> {
    const doc = await this.incidents.findById(id, { view: 1 }).lean<Pick<IncidentDoc, 'view'>>();
    return doc ? (fromJsonText(doc.view) as IncidentView) : null;
  }

  /** A page, newest id first; on the embedded server this scans (only exact _id filters use an index there). */
  async list(q: { site: string; lines?: string[]; line?: string; status?: string; type?: string; before?: string; limit: number }): Promise<{ items: IncidentView[]; next: string | null }> {
    const filter: Record<string, unknown> = { site: q.site };
    if (q.line !== undefined) filter.line = q.lines && !q.lines.includes(q.line) ? { $in: [] } : q.line;
    else if (q.lines) filter.line = { $in: q.lines };
    if (q.status) filter.status = q.status;
    if (q.type) filter.type = q.type;
    if (q.before) filter._id = { $lt: q.before };
    const docs = await this.incidents.find(filter, { view: 1 }).sort({ _id: -1 }).limit(q.limit + 1).lean<Array<Pick<IncidentDoc, '_id' | 'view'>>>();
    const items = docs.slice(0, q.limit).map((d) => fromJsonText(d.view) as IncidentView);
    return { items, next: docs.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  /** Incidents opened in [from, to) on the site (and lines), for MTTA/MTTR; at most `limit`. */
  async times(q: { site: string; lines?: string[]; from: string; to: string; limit: number }): Promise<IncidentTimes[]> {
    const filter: Record<string, unknown> = { site: q.site, openedAt: { $gte: q.from, $lt: q.to } };
    if (q.lines) filter.line = { $in: q.lines };
    return this.incidents
      .find(filter, { _id: 0, type: 1, line: 1, status: 1, openedAt: 1, ttaSeconds: 1, ttrSeconds: 1 })
      .sort({ openedAt: 1 })
      .limit(q.limit)
      .lean<IncidentTimes[]>();
  }

  /** Incidents of a type (about `reference`, on `line`) not resolved before `since`: open at some time since then. */
  async spans(q: { site: string; type: string; reference?: string; line?: string; since: Date }): Promise<IncidentSpan[]> {
    const filter: Record<string, unknown> = { site: q.site, type: q.type };
    if (q.reference !== undefined) filter.reference = q.reference;
    if (q.line !== undefined) filter.line = q.line;
    const docs = await this.incidents.find(filter, { _id: 0, line: 1, openedAt: 1, resolvedAt: 1, reference: 1 }).sort({ openedAt: 1 }).lean<IncidentSpan[]>();
    const since = q.since.toISOString();
    return docs.filter((d) => d.resolvedAt === null || d.resolvedAt >= since);
  }
}
