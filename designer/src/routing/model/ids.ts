/**
 * Stable ids for the things the canvas draws: transitions and queue-time limits have no id in the
 * routing document, so theirs are derived from their ends (unique per document, deterministic).
 */
import type { Routing } from '../../../../definitions/routing/schema';

export type Selection = { kind: 'step'; id: string } | { kind: 'transition'; index: number } | { kind: 'queue'; index: number } | { kind: 'routing' };

const token = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** Edge ids of the transitions, by index: "t-<from>-<to>-<on>", with "-2", "-3" for repeats. */
export function transitionIds(routing: Routing): string[] {
  const seen = new Map<string, number>();
  return routing.transitions.map((t) => {
    const base = `t-${token(t.from)}-${token(t.to)}-${t.on}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** Edge ids of the queue-time limits, by index: "q-<from>-<to>", with "-2", … for repeats. */
export function queueLimitIds(routing: Routing): string[] {
  const seen = new Map<string, number>();
  return (routing.queueTimeLimits ?? []).map((q) => {
    const base = `q-${token(q.from)}-${token(q.to)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** A step id not used yet: `<prefix>`, else `<prefix>-2`, `<prefix>-3`, … */
export function freshStepId(routing: Routing, prefix: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...routing.steps.map((s) => s.id), ...taken]);
  const base = /^[A-Za-z]/.test(prefix) ? prefix.slice(0, 56) : `s-${prefix}`.slice(0, 56);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
