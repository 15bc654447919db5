/**
 * Where the HTTP path spends its time: wraps the store repositories and the Temporal client the
 * API was given (instance properties only — api/ and store/ code is untouched) and sums the time
 * of each call per transition; what no span covers (Express, helmet, JSON, token check, contract
 * validation, hashing) is the remainder of the client-side latency.
 */
import type { Client } from '@temporalio/client';
import type { Store } from '../store';

export class Spans {
  readonly totals = new Map<string, { calls: number; ms: number }>();

  async time<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      const s = this.totals.get(name) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += performance.now() - t;
      this.totals.set(name, s);
    }
  }

  add(name: string, calls: number, ms: number): void {
    const s = this.totals.get(name) ?? { calls: 0, ms: 0 };
    this.totals.set(name, { calls: s.calls + calls, ms: s.ms + ms });
  }
}

type Fn = (...args: unknown[]) => unknown;

/** Replaces obj[key] by a timed version on the instance; returns the undo. */
function wrap(obj: object, key: string, name: string, spans: Spans): () => void {
  const target = obj as Record<string, unknown>;
  const own = Object.prototype.hasOwnProperty.call(target, key);
  const original = target[key] as Fn;
  target[key] = (...args: unknown[]) => spans.time(name, () => original.apply(obj, args));
  return () => {
    if (own) target[key] = original;
    else delete target[key];
  };
}

/** Times the API's calls into store/ and its Workflow Updates until the returned undo is called. */
export function instrument(store: Store, temporal: Client, spans: Spans): () => void {
  const undo = [
    wrap(store.idempotency, 'begin', 'idempotency record insert (begin)', spans),
    wrap(store.idempotency, 'complete', 'idempotency record update (complete)', spans),
    wrap(store.units, 'get', 'unit read-model read (knownUnit)', spans),
    wrap(store.definitions, 'activeVersion', 'station check: master data read (5 s cache)', spans),
    wrap(store.definitions, 'getVersion', 'station check: routing read (cached)', spans),
    wrap(store.stream, 'append', 'live-stream append', spans),
    wrap(store.auditLog, 'append', 'audit-trail append (hash chain)', spans),
  ];
  const wf = temporal.workflow as unknown as Record<string, unknown>;
  const getHandle = wf.getHandle as Fn;
  wf.getHandle = (...args: unknown[]) => {
    const handle = getHandle.apply(temporal.workflow, args) as Record<string, unknown>;
    const executeUpdate = handle.executeUpdate as Fn;
    handle.executeUpdate = (...a: unknown[]) => spans.time('Workflow Update round trip (unitAction)', () => executeUpdate.apply(handle, a));
    return handle;
  };
  undo.push(() => void delete wf.getHandle);
  return () => undo.forEach((u) => u());
}

/** The breakdown as a markdown table: per transition, each span's calls and time, and its share of the HTTP latency. */
export function breakdownTable(o: { title: string; transitions: number; httpMs: number; spans: Spans; noopUpdateMs: number; persistMs: number; persistCalls: number }): string {
  const per = (ms: number): string => (ms / o.transitions).toFixed(2);
  const share = (ms: number): string => `${((100 * ms) / o.httpMs).toFixed(0)} %`;
  const lines = [
    `**${o.title}** — ${o.transitions} transitions, mean HTTP latency ${per(o.httpMs)} ms; bare no-op Update mean ${o.noopUpdateMs.toFixed(2)} ms in the same phase.`,
    '',
    '| span | calls / transition | ms / call | ms / transition | share of HTTP latency |',
    '|---|---:|---:|---:|---:|',
  ];
  let covered = 0;
  const rows = [...o.spans.totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, s] of rows) {
    covered += s.ms;
    lines.push(`| ${name} | ${(s.calls / o.transitions).toFixed(2)} | ${(s.ms / Math.max(1, s.calls)).toFixed(2)} | ${per(s.ms)} | ${share(s.ms)} |`);
    if (name.startsWith('Workflow Update')) {
      const inUpdate = s.ms;
      const persist = o.persistMs;
      const noop = o.noopUpdateMs * s.calls;
      lines.push(`| ↳ of which persist activity in the worker (read-model write) | ${(o.persistCalls / o.transitions).toFixed(2)} | ${(persist / Math.max(1, o.persistCalls)).toFixed(2)} | ${per(persist)} | ${share(persist)} |`);
      lines.push(`| ↳ of which a bare no-op Update would take | 1.00 | ${o.noopUpdateMs.toFixed(2)} | ${per(noop)} | ${share(noop)} |`);
      lines.push(`| ↳ rest: unit workflow task (state machine, replay of its task, history writes) | | | ${per(inUpdate - persist - noop)} | ${share(inUpdate - persist - noop)} |`);
    }
  }
  const rest = o.httpMs - covered;
  lines.push(`| everything else (HTTP client+server, Express/helmet, JSON, token check, contract validation, hashing) | | | ${per(rest)} | ${share(rest)} |`);
  return lines.join('\n');
}
