/**
 * Live validation: the server's validator (definitions/routing/validate.ts, with the site's
 * master data when there is some) and where each finding belongs on the canvas, from its JSON
 * pointer: a step, a transition, a queue-time limit, or the routing as a whole.
 */
import type { MasterData } from '../../../../definitions/master-data/schema';
import type { Routing } from '../../../../definitions/routing/schema';
import { validateRouting } from '../../../../definitions/routing/validate';
import type { Finding } from '../../../../definitions/validation/finding';
import type { Selection } from './ids';

export interface Problem extends Finding {
  target: Selection;
}

export interface Problems {
  list: Problem[];
  /** Step ids with at least one problem. */
  steps: ReadonlySet<string>;
  /** Transition indexes with at least one problem. */
  transitions: ReadonlySet<number>;
  queueTimeLimits: ReadonlySet<number>;
}

/** Nothing to report (the diff view draws changes, not problems). */
export const NO_PROBLEMS: Problems = { list: [], steps: new Set(), transitions: new Set(), queueTimeLimits: new Set() };

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The thing a pointer into `routing` is about. */
export function targetOf(routing: Routing, pointer: string): Selection {
  const [head, index] = pointer.split('/').slice(1).map(unescape);
  const i = Number(index);
  if (head === 'steps' && Number.isInteger(i)) {
    const step = routing.steps[i];
    if (step !== undefined && typeof step.id === 'string') return { kind: 'step', id: step.id };
  }
  if (head === 'transitions' && Number.isInteger(i) && i < routing.transitions.length) return { kind: 'transition', index: i };
  if (head === 'queueTimeLimits' && Number.isInteger(i) && i < (routing.queueTimeLimits?.length ?? 0)) return { kind: 'queue', index: i };
  if (head === 'entry' && routing.entry !== undefined && routing.steps.some((s) => s.id === routing.entry)) return { kind: 'step', id: routing.entry };
  return { kind: 'routing' };
}

export function problemsOf(routing: Routing, masterData: MasterData | null, extra: Finding[] = []): Problems {
  const result = validateRouting(routing, masterData === null ? {} : { masterData });
  const findings = [...(result.ok ? [] : result.findings), ...extra];
  const list = findings.map((f) => ({ ...f, target: targetOf(routing, f.pointer) }));
  const steps = new Set<string>();
  const transitions = new Set<number>();
  const queueTimeLimits = new Set<number>();
  for (const p of list) {
    if (p.target.kind === 'step') steps.add(p.target.id);
    else if (p.target.kind === 'transition') transitions.add(p.target.index);
    else if (p.target.kind === 'queue') queueTimeLimits.add(p.target.index);
  }
  return { list, steps, transitions, queueTimeLimits };
}
