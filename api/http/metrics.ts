/** Prometheus metrics of the API: requests by operation and status, and their durations. */
import type { NextFunction, Request, Response } from 'express';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Series>();
  private readonly started = Date.now();

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const began = process.hrtime.bigint();
      res.on('finish', () => {
        const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
        const labels = `method="${req.method}",route="${req.baseUrl}${route}",status="${res.statusCode}"`;
        this.requests.set(labels, (this.requests.get(labels) ?? 0) + 1);
        const seconds = Number(process.hrtime.bigint() - began) / 1e9;
        const key = `method="${req.method}",route="${req.baseUrl}${route}"`;
        const s = this.durations.get(key) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
        s.count += 1;
        s.sum += seconds;
        BUCKETS.forEach((b, i) => {
          if (seconds <= b) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
        });
        this.durations.set(key, s);
      });
      next();
    };
  }

  render(): string {
    const lines = [
      '# HELP taktflow_http_requests_total HTTP requests by method, route and status.',
      '# TYPE taktflow_http_requests_total counter',
      ...[...this.requests].map(([l, n]) => `taktflow_http_requests_total{${l}} ${n}`),
      '# HELP taktflow_http_request_duration_seconds HTTP request durations.',
      '# TYPE taktflow_http_request_duration_seconds histogram',
    ];
    for (const [l, s] of this.durations) {
      BUCKETS.forEach((b, i) => lines.push(`taktflow_http_request_duration_seconds_bucket{${l},le="${b}"} ${s.buckets[i]}`));
      lines.push(`taktflow_http_request_duration_seconds_bucket{${l},le="+Inf"} ${s.count}`);
      lines.push(`taktflow_http_request_duration_seconds_sum{${l}} ${s.sum}`);
      lines.push(`taktflow_http_request_duration_seconds_count{${l}} ${s.count}`);
    }
    const mem = process.memoryUsage();
    lines.push(
      '# TYPE taktflow_process_resident_memory_bytes gauge',
      `taktflow_process_resident_memory_bytes ${mem.rss}`,
      '# TYPE taktflow_process_uptime_seconds gauge',
      `taktflow_process_uptime_seconds ${(Date.now() - this.started) / 1000}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
