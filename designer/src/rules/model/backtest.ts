/** The backtest answer as chart points: one per bucket, labelled by its start in local time. */
import type { Language } from './catalog';

export interface BacktestBuckets {
  bucketMinutes: number;
  buckets: ReadonlyArray<{ start: string; evaluations: number; firings: number }>;
}

export interface SeriesPoint {
  label: string;
  start: string;
  firings: number;
  evaluations: number;
}

export function backtestSeries(result: BacktestBuckets, language: Language): SeriesPoint[] {
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  const daily = result.bucketMinutes >= 1440;
  const format = new Intl.DateTimeFormat(locale, daily ? { month: '2-digit', day: '2-digit' } : { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return result.buckets.map((b) => ({ label: format.format(new Date(b.start)), start: b.start, firings: b.firings, evaluations: b.evaluations }));
}
