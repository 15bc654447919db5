/**
 * Pure graph helpers over a routing. No validation library here: the engine bundles this
 * file into workflow code, which must stay small and deterministic.
 */
import type { Outcome, Routing, RoutingStep } from './schema';

export function entryStepId(routing: Routing): string | undefined {
  return routing.entry ?? routing.steps[0]?.id;
}

export function findStep(routing: Routing, id: string): RoutingStep | undefined {
  return routing.steps.find((s) => s.id === id);
}

/** The step a unit goes to after `from` with `outcome`; undefined when the routing ends there. */
export function nextStepId(routing: Routing, from: string, outcome: Outcome): string | undefined {
  return routing.transitions.find((t) => t.from === from && t.on === outcome)?.to;
}

export function hasTransition(routing: Routing, from: string, outcome: Outcome): boolean {
  return routing.transitions.some((t) => t.from === from && t.on === outcome);
}
