/**
 * Pure graph helpers over a routing. No validation library here: the engine bundles this
 * file into workflow code, which must stay small and deterministic.
 */
import type { Outcome, Routing, RoutingStep, RoutingTransition } from './schema';

/** Steps that no transition leads to, each id once, in listing order. */
export function sourceStepIds(routing: Routing): string[] {
  const targets = new Set(routing.transitions.map((t) => t.to));
  return [...new Set(routing.steps.map((s) => s.id))].filter((id) => !targets.has(id));
}

/**
 * The first step: `entry` when given, else the one step no transition leads to. A routing that
 * validation accepts always has one of the two; for any other the first listed step is returned.
 */
export function entryStepId(routing: Routing): string | undefined {
  if (routing.entry !== undefined) return routing.entry;
  const sources = sourceStepIds(routing);
  return sources.length === 1 ? sources[0] : routing.steps[0]?.id;
}

export function findStep(routing: Routing, id: string): RoutingStep | undefined {
  return routing.steps.find((s) => s.id === id);
}

/**
 * The transition a unit takes from `from` with `outcome`; undefined when the routing ends there.
 * On fail: the transition listing `defectCode`, else the one without defect codes, else the first
 * fail transition. On pass: the first pass transition (a split step's branches are all started
 * by the engine, see engine/routing/branches.ts).
 */
export function nextTransition(routing: Routing, from: string, outcome: Outcome, defectCode?: string): RoutingTransition | undefined {
  const candidates = routing.transitions.filter((t) => t.from === from && t.on === outcome);
  if (outcome === 'pass') return candidates[0];
  const specific = defectCode === undefined ? undefined : candidates.find((t) => t.defectCodes?.includes(defectCode));
  return specific ?? candidates.find((t) => t.defectCodes === undefined) ?? candidates[0];
}

/** The step a unit goes to after `from` with `outcome`; undefined when the routing ends there. */
export function nextStepId(routing: Routing, from: string, outcome: Outcome, defectCode?: string): string | undefined {
  return nextTransition(routing, from, outcome, defectCode)?.to;
}

export function hasTransition(routing: Routing, from: string, outcome: Outcome): boolean {
  return routing.transitions.some((t) => t.from === from && t.on === outcome);
}
