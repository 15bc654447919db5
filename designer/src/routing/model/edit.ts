/**
 * Pure edits of a routing document: each returns a new document and leaves the old one alone
 * (the undo history keeps the old ones). Renaming a step carries its id into the transitions,
 * queue-time limits and the entry; removing one removes what referred to it.
 */
import type { QueueTimeLimit, Routing, RoutingStep, RoutingTransition } from '../../../../definitions/routing/schema';

export type StepPatch = Partial<RoutingStep>;

/** Sets the given fields; `undefined` removes a field (optional fields stay absent, not empty). */
function patched<T extends object>(value: T, patch: Partial<T>): T {
  const next = { ...value } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next as T;
}

export function addStep(routing: Routing, step: RoutingStep): Routing {
  return { ...routing, steps: [...routing.steps, step] };
}

export function updateStep(routing: Routing, id: string, patch: StepPatch): Routing {
  const renamed = patch.id !== undefined && patch.id !== id ? patch.id : undefined;
  const steps = routing.steps.map((s) => (s.id === id ? patched(s, patch) : s));
  if (renamed === undefined) return { ...routing, steps };
  const swap = (x: string): string => (x === id ? renamed : x);
  return {
    ...routing,
    steps,
    ...(routing.entry === undefined ? {} : { entry: swap(routing.entry) }),
    transitions: routing.transitions.map((t) => (t.from === id || t.to === id ? { ...t, from: swap(t.from), to: swap(t.to) } : t)),
    ...(routing.queueTimeLimits === undefined
      ? {}
      : { queueTimeLimits: routing.queueTimeLimits.map((q) => (q.from === id || q.to === id ? { ...q, from: swap(q.from), to: swap(q.to) } : q)) }),
  };
}

export interface Removal {
  steps?: ReadonlySet<string>;
  transitions?: ReadonlySet<number>;
  queueTimeLimits?: ReadonlySet<number>;
}

/** Removes steps (with their transitions and queue-time limits), transitions and limits by index. */
export function remove(routing: Routing, what: Removal): Routing {
  const steps = what.steps ?? new Set<string>();
  const ts = what.transitions ?? new Set<number>();
  const qs = what.queueTimeLimits ?? new Set<number>();
  const keep = (from: string, to: string): boolean => !steps.has(from) && !steps.has(to);
  const next: Routing = {
    ...routing,
    steps: routing.steps.filter((s) => !steps.has(s.id)),
    transitions: routing.transitions.filter((t, i) => !ts.has(i) && keep(t.from, t.to)),
  };
  if (routing.queueTimeLimits !== undefined) {
    const limits = routing.queueTimeLimits.filter((q, i) => !qs.has(i) && keep(q.from, q.to));
    if (limits.length > 0) next.queueTimeLimits = limits;
    else delete next.queueTimeLimits;
  }
  if (routing.entry !== undefined && steps.has(routing.entry)) delete next.entry;
  return next;
}

export function addTransition(routing: Routing, transition: RoutingTransition): Routing {
  return { ...routing, transitions: [...routing.transitions, transition] };
}

export function updateTransition(routing: Routing, index: number, patch: Partial<RoutingTransition>): Routing {
  return { ...routing, transitions: routing.transitions.map((t, i) => (i === index ? patched(t, patch) : t)) };
}

export function addQueueTimeLimit(routing: Routing, limit: QueueTimeLimit): Routing {
  return { ...routing, queueTimeLimits: [...(routing.queueTimeLimits ?? []), limit] };
}

export function updateQueueTimeLimit(routing: Routing, index: number, patch: Partial<QueueTimeLimit>): Routing {
  return { ...routing, queueTimeLimits: (routing.queueTimeLimits ?? []).map((q, i) => (i === index ? patched(q, patch) : q)) };
}

/** Top-level fields (name, description, mode, productModels, entry); `undefined` removes one. */
export function updateRouting(routing: Routing, patch: Partial<Omit<Routing, 'steps' | 'transitions' | 'queueTimeLimits'>>): Routing {
  return patched(routing, patch as Partial<Routing>);
}

/** Whether `to` reaches `from` already, i.e. a transition from → to would close a loop. */
export function closesLoop(routing: Routing, from: string, to: string): boolean {
  if (from === to) return true;
  const out = new Map<string, string[]>();
  for (const t of routing.transitions) {
    const list = out.get(t.from);
    if (list) list.push(t.to);
    else out.set(t.from, [t.to]);
  }
  const seen = new Set([to]);
  const queue = [to];
  for (let i = 0; i < queue.length; i++) {
    for (const next of out.get(queue[i] as string) ?? []) {
      if (next === from) return true;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}
