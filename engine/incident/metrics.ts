/**
 * MTTA and MTTR: mean, median and 90th percentile of the seconds from opening to the first
 * acknowledgement and to resolution, with counts, grouped by type, line or day. Pure, so the API
 * computes it from what the read model holds and tests check it from tables.
 */
export type MetricsGroupBy = 'type' | 'line' | 'day';

export interface IncidentTimesInput {
  type: string;
  line: string | null;
  openedAt: string;
  status: string;
  ttaSeconds: number | null;
  ttrSeconds: number | null;
}

export interface Distribution {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
}

export interface MetricsGroup {
  key: string;
  opened: number;
  acknowledged: number;
  resolved: number;
  open: number;
  mtta: Distribution;
  mttr: Distribution;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? null : Math.round((sorted.reduce((s, v) => s + v, 0) / sorted.length) * 10) / 10;
  return { count: sorted.length, mean, p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

const keyOf = (i: IncidentTimesInput, by: MetricsGroupBy): string => (by === 'type' ? i.type : by === 'line' ? (i.line ?? '-') : i.openedAt.slice(0, 10));

function group(key: string, items: readonly IncidentTimesInput[]): MetricsGroup {
  const tta = items.flatMap((i) => (i.ttaSeconds === null ? [] : [i.ttaSeconds]));
  const ttr = items.flatMap((i) => (i.ttrSeconds === null || i.status !== 'resolved' ? [] : [i.ttrSeconds]));
  return {
    key,
    opened: items.length,
    acknowledged: tta.length,
    resolved: items.filter((i) => i.status === 'resolved').length,
    open: items.filter((i) => i.status !== 'resolved').length,
    mtta: distribution(tta),
    mttr: distribution(ttr),
  };
}

/** The totals and one group per key (in key order). */
export function incidentMetrics(items: readonly IncidentTimesInput[], by: MetricsGroupBy): { total: MetricsGroup; groups: MetricsGroup[] } {
  const keys = new Map<string, IncidentTimesInput[]>();
  for (const i of items) {
    const k = keyOf(i, by);
    keys.set(k, [...(keys.get(k) ?? []), i]);
  }
  const groups = [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, list]) => group(k, list));
  return { total: group('total', items), groups };
}
