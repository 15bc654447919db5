/**
 * The worker's window over the recent production events, so that rule facts are computed in
 * memory instead of by one collection scan per fact (the embedded server indexes only `_id`).
 *
 * - Filled once from production_events (the last `horizonMs`), then kept current by the batches
 *   this worker persists (`add`, at once) and by a read every `syncMs` of what was recorded since
 *   the last read less `lagMs` (the batches other workers persisted).
 * - A query is answered here when its time range starts inside the window and its stages are
 *   ones runStages knows; anything else (a longer window, a look-back without a start, work in
 *   progress) goes to the repository as before. Both give the same values: facts.test.ts and
 *   recent-events.test.ts compare them.
 */
import type { PipelineStage } from 'mongoose';
import type { UnitBatch } from '../../../definitions/units/model';
import { productionEventDocs, type EventFilter, type ProductionEvent as ProductionEventDoc, type ProductionEventRepository } from '../../../store';
import { EventIndex, type Selection } from './event-index';
import { NotInMemory, runStages } from './in-memory';
import type { FactEvents } from '../../../store/facts/types';

export interface RecentEventsOptions {
  /** How far back the window reaches (default 26 h: a day and a shift's overlap). */
  horizonMs?: number;
  /** How often other workers' events are read in (default 5 s). */
  syncMs?: number;
  /** How late another worker's batch may be recorded after its events' time and still be read in (default 2 min). */
  lagMs?: number;
  clock?: () => number;
}

const HOUR_MS = 3_600_000;
const ALL_FIELDS: ReadonlyArray<keyof ProductionEventDoc> = ['_id', 'serial', 'seq', 'type', 'at', 'site', 'line', 'productModel', 'workOrder', 'lot', 'step', 'station', 'operator', 'equipment', 'result', 'defectCodes', 'failed', 'passed', 'defective', 'detail'];
/** Answers kept for queries asked again before what they read changes. */
const KEPT_ANSWERS = 2_000;

interface KeptAnswer {
  selection: Selection;
  value: unknown;
}

export class RecentEvents implements FactEvents {
  private readonly index = new EventIndex();
  /** Answers by query (everything but its time range), with the events they were computed from. */
  private readonly answers = new Map<string, KeptAnswer>();
  /** Every event at or after this time is in the window (as of the last read). */
  private coveredFrom = Number.POSITIVE_INFINITY;
  private loaded: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private lastRead = 0;
  private readonly horizonMs: number;
  private readonly syncMs: number;
  private readonly lagMs: number;
  private readonly clock: () => number;
  /** Queries answered here and by the repository (for tests and the benchmark). */
  readonly stats = { inMemory: 0, delegated: 0, kept: 0 };

  constructor(
    private readonly source: ProductionEventRepository,
    options: RecentEventsOptions = {},
  ) {
    this.horizonMs = options.horizonMs ?? 26 * HOUR_MS;
    this.syncMs = options.syncMs ?? 5_000;
    this.lagMs = options.lagMs ?? 120_000;
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.index.size;
  }

  /** The events of a batch this worker has just persisted. */
  add(batch: UnitBatch): void {
    for (const doc of productionEventDocs(batch)) this.index.insert(doc);
  }

  aggregate<T>(filter: EventFilter, stages: PipelineStage[] = []): Promise<T[]> {
    return this.answer(['aggregate', stages], filter, (rows) => runStages<T>(rows, stages), () => this.source.aggregate<T>(filter, stages));
  }

  find(filter: EventFilter, fields: ReadonlyArray<keyof ProductionEventDoc>, options: { newestFirst?: boolean; limit?: number } = {}): Promise<ProductionEventDoc[]> {
    return this.answer(
      ['find', options],
      filter,
      (rows) => {
        const ordered = options.newestFirst ? [...rows].reverse() : rows;
        return options.limit === undefined ? ordered : ordered.slice(0, options.limit);
      },
      () => this.source.find(filter, fields, options),
    );
  }

  wip(...args: Parameters<ProductionEventRepository['wip']>): ReturnType<ProductionEventRepository['wip']> {
    return this.source.wip(...args);
  }

  /** Reads what other workers recorded now, instead of at the next sync (tests, and after a restart of the store). */
  async refresh(): Promise<void> {
    await this.ensureLoaded();
    this.lastRead = 0;
    await this.sync();
  }

  /**
   * Answers in memory when the window covers the query: again from the kept answer when the query
   * reads exactly the events it read last time (same lists, unchanged, same ranges), else by
   * running it over them. Else the repository answers.
   */
  private async answer<T>(kind: unknown[], filter: EventFilter, here: (rows: ProductionEventDoc[]) => T[], there: () => Promise<T[]>): Promise<T[]> {
    await this.ensureLoaded();
    if (this.clock() - this.lastRead > this.syncMs) void this.sync().catch(() => undefined);
    const { from, types } = filter;
    if (from !== undefined && types !== undefined && from.getTime() >= this.coveredFrom) {
      try {
        const selection = this.index.selection({ ...filter, from, types });
        const { from: _from, to: _to, ...rest } = filter;
        const key = JSON.stringify([kind, rest]);
        const kept = this.answers.get(key);
        this.stats.inMemory += 1;
        if (kept && EventIndex.same(kept.selection, selection)) {
          this.stats.kept += 1;
          return kept.value as T[];
        }
        const value = here(EventIndex.events(selection, filter));
        if (this.answers.size >= KEPT_ANSWERS) this.answers.clear();
        this.answers.set(key, { selection, value });
        return value;
      } catch (e) {
        if (!(e instanceof NotInMemory)) throw e;
        this.stats.inMemory -= 1;
      }
    }
    this.stats.delegated += 1;
    return there();
  }

  private ensureLoaded(): Promise<void> {
    if (!this.loaded) {
      const start = this.clock();
      this.loaded = this.read(start - this.horizonMs).then(
        () => {
          this.coveredFrom = Math.min(this.coveredFrom, start - this.horizonMs);
          this.lastRead = start;
        },
        (e: unknown) => {
          this.loaded = undefined;
          throw e;
        },
      );
    }
    return this.loaded;
  }

  private sync(): Promise<void> {
    if (!this.syncing) {
      const start = this.clock();
      const from = Math.max(this.coveredFrom, Math.min(this.lastRead, start) - this.lagMs);
      this.syncing = this.read(from)
        .then(() => {
          this.lastRead = start;
          this.trim(start - this.horizonMs);
        })
        .finally(() => (this.syncing = undefined));
    }
    return this.syncing;
  }

  private async read(from: number): Promise<void> {
    const docs = await this.source.find({ from: new Date(from) }, ALL_FIELDS);
    for (const doc of docs) this.index.insert({ ...doc, at: new Date(doc.at), defectCodes: doc.defectCodes ?? [] });
  }

  /** Drops events older than the horizon; the window then covers from there. */
  private trim(oldest: number): void {
    if (oldest <= this.coveredFrom) return;
    this.index.dropBefore(oldest);
    this.coveredFrom = oldest;
  }
}
