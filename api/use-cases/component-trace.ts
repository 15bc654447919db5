/** Component-lot traceability: the units that consumed a supplier lot, on the caller's lines. */
import type { Store } from '../../store';
import { seesSite, type Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../http/pagination';

export interface ComponentUseDto {
  serial: string;
  partNumber: string;
  supplierLot: string;
  step: string | null;
  station: string | null;
  seq: number;
  quantity: number;
  at: string;
  line: string;
  workOrder: string | null;
  lot: string | null;
}

export function componentTraceUseCases(deps: { store: Store; siteKey: string }) {
  return {
    async byLot(q: { supplierLot: string; partNumber?: string; limit: number; cursor?: string }, who: Principal): Promise<{ supplierLot: string; partNumber: string | null; items: ComponentUseDto[]; nextCursor: string | null }> {
      const empty = { supplierLot: q.supplierLot, partNumber: q.partNumber ?? null, items: [], nextCursor: null };
      const after = decodeCursor(q.cursor);
      if (!seesSite(who, deps.siteKey)) return empty;
      const lines = who.lines.includes('*') ? undefined : who.lines;
      const page = await deps.store.componentUsage.byLot({ supplierLot: q.supplierLot, partNumber: q.partNumber, site: deps.siteKey, lines, after, limit: q.limit });
      return {
        ...empty,
        items: page.items.map((u) => ({
          serial: u.serial,
          partNumber: u.partNumber,
          supplierLot: u.supplierLot,
          step: u.step,
          station: u.station,
          seq: u.seq,
          quantity: u.quantity,
          at: u.at.toISOString(),
          line: u.line,
          workOrder: u.workOrder,
          lot: u.lot,
        })),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      };
    },
  };
}

export type ComponentTraceUseCases = ReturnType<typeof componentTraceUseCases>;
