/** What the API answers about a rule run: the backtest of a rule over recorded production. */

export interface BacktestResult {
  from: string;
  to: string;
  events: number;
  evaluations: number;
  firings: number;
  truncated: boolean;
  bucketMinutes: number;
  buckets: Array<{ start: string; evaluations: number; firings: number }>;
  /** The firings, oldest first (at most 500). */
  fired: Array<{ at: string; dedupKey: string; value: string | number | boolean | undefined }>;
}
