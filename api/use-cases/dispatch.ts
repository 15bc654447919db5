/**
 * Dispatch: the queue of units waiting for a station group (the station's group in the site's
 * active master data), and an operator's claim on the next unit in it. The queue is the read
 * model the persist activity keeps; a claim is an insert of a unique id (see store/repositories/dispatch.ts).
 */
import type { MasterData } from '../../definitions/master-data/schema';
import { masterDataIndex, type MasterDataIndex } from '../../definitions/master-data/lookup';
import { finding } from '../../definitions/validation/finding';
import { waitKeyOf, type DispatchClaim, type DispatchEntry, type Store } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { decodeCursor, encodeCursor } from '../http/pagination';

const MASTER_DATA_TTL_MS = 5_000;
const PURGE_EVERY_MS = 60_000;
/** How far down the queue a claim looks for a unit nobody holds. */
const CLAIM_SCAN_LIMIT = 1_000;
export const DEFAULT_CLAIM_MINUTES = 10;

export interface ClaimDto {
  by: string;
  station: string | null;
  at: string;
  expiresAt: string;
}

export interface QueueEntryDto {
  serial: string;
  line: string;
  /** The steps the unit may start at this station group. */
  steps: string[];
  dueAt: string | null;
  priority: number;
  waitingSince: string | null;
  workOrder: string | null;
  lot: string | null;
  productModel: string | null;
  /** Who holds the unit, until when; null when nobody does. */
  claim: ClaimDto | null;
}

export interface QueueDto {
  stationGroup: string;
  station: string | null;
  items: QueueEntryDto[];
  nextCursor: string | null;
}

const claimDto = (c: DispatchClaim): ClaimDto => ({ by: c.by, station: c.station, at: c.at.toISOString(), expiresAt: c.expiresAt.toISOString() });

function entryDto(e: DispatchEntry, group: string, claim: DispatchClaim | null): QueueEntryDto {
  return {
    serial: e.serial,
    line: e.line,
    steps: e.starts.filter((s) => s.stationGroup === group).map((s) => s.step),
    dueAt: e.dueAt?.toISOString() ?? null,
    priority: e.priority,
    waitingSince: e.waitingSince?.toISOString() ?? null,
    workOrder: e.workOrder,
    lot: e.lot,
    productModel: e.productModel,
    claim: claim ? claimDto(claim) : null,
  };
}

/** Minutes a claim holds: `TAKTFLOW_DISPATCH_CLAIM_MINUTES` (fractions allowed), 10 by default. */
export function claimMinutesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TAKTFLOW_DISPATCH_CLAIM_MINUTES);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_CLAIM_MINUTES;
}

export function dispatchUseCases(deps: { store: Store; siteKey: string; claimMinutes?: number }) {
  const { store, siteKey } = deps;
  const claimMs = (deps.claimMinutes ?? claimMinutesFromEnv()) * 60_000;
  let masterData: { at: number; index: MasterDataIndex | null } | undefined;
  let lastPurge = 0;

  async function index(): Promise<MasterDataIndex | null> {
    if (masterData && Date.now() - masterData.at < MASTER_DATA_TTL_MS) return masterData.index;
    const active = await store.definitions.activeVersion('master-data', siteKey);
    masterData = { at: Date.now(), index: active ? masterDataIndex(active.content as MasterData) : null };
    return masterData.index;
  }

  async function stationOf(id: string): Promise<{ stationGroup: string; line: string | undefined }> {
    const station = (await index())?.stations.get(id);
    if (!station) throw new AppError(404, 'not-found', 'Not found', `station ${id} is not in the site's master data`, {
      errors: [finding('/station', 'station.unknown', { en: `station ${id} is not in the site's master data`, zh: `主数据中没有工位 ${id}` })],
    });
    return { stationGroup: station.stationGroup, line: station.line };
  }

  /** The lines whose units the caller may see here ([] for none, undefined for all). */
  function linesFor(who: Principal, only: string | undefined): string[] | undefined {
    if (!seesSite(who, siteKey)) return [];
    if (only !== undefined) return seesLine(who, only) ? [only] : [];
    return who.lines.includes('*') ? undefined : who.lines;
  }

  async function queue(group: string, station: string | null, lines: string[] | undefined, q: { limit: number; cursor?: string }): Promise<QueueDto> {
    const after = decodeCursor(q.cursor);
    const page = lines?.length === 0 ? { items: [], next: null } : await store.dispatch.queue({ site: siteKey, stationGroup: group, lines, after, limit: q.limit });
    const now = new Date();
    const items = await Promise.all(page.items.map(async (e) => entryDto(e, group, await store.dispatch.activeClaim(e.serial, waitKeyOf(e), now))));
    return { stationGroup: group, station, items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
  }

  return {
    /** The queue of the station's group, of units on the station's line (when it names one). */
    async stationQueue(station: string, q: { limit: number; cursor?: string }, who: Principal): Promise<QueueDto> {
      const s = await stationOf(station);
      return queue(s.stationGroup, station, linesFor(who, s.line), q);
    },

    async groupQueue(group: string, q: { limit: number; cursor?: string; line?: string }, who: Principal): Promise<QueueDto> {
      const md = await index();
      if (md && !md.stationGroups.has(group)) throw AppError.notFound(`station group ${group}`);
      return queue(group, null, linesFor(who, q.line), q);
    },

    /**
     * The caller claims the first unit of the station's queue that nobody else holds (their own
     * unexpired claim counts as theirs again). 404 when every waiting unit is held or none waits.
     */
    async claimNext(station: string, who: Principal): Promise<{ unit: QueueEntryDto; claim: ClaimDto }> {
      const s = await stationOf(station);
      const lines = linesFor(who, s.line);
      if (Date.now() - lastPurge > PURGE_EVERY_MS) {
        lastPurge = Date.now();
        void store.dispatch.purgeExpired().catch(() => undefined);
      }
      let after: string | undefined;
      for (let scanned = 0; lines?.length !== 0 && scanned < CLAIM_SCAN_LIMIT; ) {
        const page = await store.dispatch.queue({ site: siteKey, stationGroup: s.stationGroup, lines, after, limit: 50 });
        for (const entry of page.items) {
          const attempt = await store.dispatch.claim({ serial: entry.serial, waitingSince: waitKeyOf(entry), by: who.id, station, stationGroup: s.stationGroup }, claimMs);
          if (attempt.claimed) return { unit: entryDto(entry, s.stationGroup, attempt.claim), claim: claimDto(attempt.claim) };
        }
        scanned += page.items.length;
        if (page.next === null) break;
        after = page.next;
      }
      throw new AppError(404, 'queue-empty', 'Nothing to claim', `no unit waiting for station group ${s.stationGroup} is free to claim`, {
        errors: [finding('/station', 'dispatch.queue-empty', { en: `no unit waiting for ${s.stationGroup} is free to claim`, zh: `${s.stationGroup} 工位组没有可领取的待加工产品` })],
      });
    },
  };
}

export type DispatchUseCases = ReturnType<typeof dispatchUseCases>;
