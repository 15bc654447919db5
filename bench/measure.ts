/** Side-by-side measurement: alternate rounds of baseline and ours, then compare rates. */
export interface Sample {
  ops: number;
  ms: number;
  latencies: number[];
}

export function emptySample(): Sample {
  return { ops: 0, ms: 0, latencies: [] };
}

/** Runs `op` `count` times in sequence, adding the time of each to `into`. */
export async function timed(into: Sample, count: number, op: (i: number) => Promise<unknown>): Promise<void> {
  const began = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await op(i);
    into.latencies.push(performance.now() - t);
  }
  into.ms += performance.now() - began;
  into.ops += count;
}

export const rate = (s: Sample): number => (s.ops * 1000) / s.ms;

export function percentile(s: Sample, p: number): number {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface Row {
  name: string;
  ours: Sample;
  baseline: Sample;
  unit: string;
  /** Compare time per operation (ours ÷ baseline) instead of rates. */
  timePerOp?: boolean;
}

const msPerOp = (s: Sample): number => s.ms / s.ops;

export function table(rows: Row[]): string {
  const f = (n: number): string => n.toFixed(n >= 100 ? 0 : 1);
  const lines = [
    '| benchmark | ours | baseline | ratio (ours ÷ baseline) | p50 ours / baseline (ms) | p99 ours / baseline (ms) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    if (r.timePerOp) {
      lines.push(
        `| ${r.name} | ${msPerOp(r.ours).toFixed(3)} ms | ${msPerOp(r.baseline).toFixed(3)} ms | ${(msPerOp(r.ours) / msPerOp(r.baseline)).toFixed(2)} | ` +
          `${percentile(r.ours, 50).toFixed(2)} / ${percentile(r.baseline, 50).toFixed(2)} | ${percentile(r.ours, 99).toFixed(2)} / ${percentile(r.baseline, 99).toFixed(2)} |`,
      );
      continue;
    }
    lines.push(
      `| ${r.name} | ${f(rate(r.ours))} ${r.unit} | ${f(rate(r.baseline))} ${r.unit} | ${(rate(r.ours) / rate(r.baseline)).toFixed(2)} | ` +
        `${percentile(r.ours, 50).toFixed(1)} / ${percentile(r.baseline, 50).toFixed(1)} | ${percentile(r.ours, 99).toFixed(1)} / ${percentile(r.baseline, 99).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Runs `op` in `concurrency` loops for `ms` milliseconds (each loop starts a new op until the
 * time is up), adding every op's latency and the elapsed time to `into`.
 */
export async function runFor(into: Sample, o: { concurrency: number; ms: number }, op: (loop: number) => Promise<unknown>): Promise<void> {
  const began = performance.now();
  const end = began + o.ms;
  let ops = 0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async (_, loop) => {
      while (performance.now() < end) {
        const t = performance.now();
        await op(loop);
        into.latencies.push(performance.now() - t);
        ops++;
      }
    }),
  );
  into.ms += performance.now() - began;
  into.ops += ops;
}

/** A number the issue sets a goal for, printed with the goal and whether it is met. */
export interface Headline {
  name: string;
  value: number;
  unit?: string;
  goal: { op: '≥' | '≤'; target: number; unit?: string };
}

/** What a benchmark hands back: table rows, headline numbers, and notes or extra tables. */
export interface Outcome {
  rows: Row[];
  headlines?: Headline[];
  notes?: string[];
}

export const p99Ratio = (r: Row): number => percentile(r.ours, 99) / percentile(r.baseline, 99);
export const rateRatio = (r: Row): number => rate(r.ours) / rate(r.baseline);

export function headlines(list: Headline[]): string {
  return list
    .map((h) => {
      const met = h.goal.op === '≥' ? h.value >= h.goal.target : h.value <= h.goal.target;
      const v = h.value >= 100 ? h.value.toFixed(0) : h.value.toFixed(2);
      return `- **${h.name}: ${v}${h.unit ?? ''}** (goal ${h.goal.op} ${h.goal.target}${h.goal.unit ?? h.unit ?? ''}: ${met ? 'met' : 'NOT met'})`;
    })
    .join('\n');
}

/** Adds sample `s` to `into`. */
export function merge(into: Sample, s: Sample): void {
  into.ops += s.ops;
  into.ms += s.ms;
  for (const l of s.latencies) into.latencies.push(l);
}
