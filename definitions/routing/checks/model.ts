/**
 * The routing as the semantic checks see it: steps by id and the transitions whose ends both
 * name steps. Pure; built once per validation by the structure checks.
 */
import type { Routing, RoutingStep, RoutingTransition } from '../schema';

export interface Edge {
  transition: RoutingTransition;
  /** Position in routing.transitions, for JSON pointers. */
  index: number;
  /** Reported as routing.ambiguous-transition: it still leads somewhere, but loops and branches ignore it. */
  ambiguous: boolean;
}

export interface RoutingModel {
  routing: Routing;
  /** Each step id → the position of its first listing (a repeated id is reported and ignored). */
  stepIndex: ReadonlyMap<string, number>;
  /**
   * Transitions whose ends both name steps, by from-step. Path checks look only at these (and
   * loop and split checks not at ambiguous ones), so a mistake is not reported again as a broken path.
   */
  out: ReadonlyMap<string, readonly Edge[]>;
  /** The entry step, when it can be determined (an explicit, known `entry` or the one source). */
  entry: string | undefined;
}

export function stepAt(model: RoutingModel, id: string): RoutingStep | undefined {
  const i = model.stepIndex.get(id);
  return i === undefined ? undefined : model.routing.steps[i];
}

export function outgoing(model: RoutingModel, id: string, on?: 'pass' | 'fail'): readonly Edge[] {
  const edges = model.out.get(id) ?? [];
  return on === undefined ? edges : edges.filter((e) => e.transition.on === on);
}

/** Steps reachable from `from` in one transition or more (`from` itself only through a loop). */
export function reachableFrom(model: RoutingModel, from: string): Set<string> {
  const reached = new Set<string>();
  const queue = [from];
  for (let next = 0; next < queue.length; next++) {
    for (const { transition: t } of outgoing(model, queue[next] as string)) {
      if (reached.has(t.to)) continue;
      reached.add(t.to);
      queue.push(t.to);
    }
  }
  return reached;
}

/** Whether `to` can be reached from `from` in one transition or more; stops as soon as it is. */
export function leadsTo(model: RoutingModel, from: string, to: string): boolean {
  const reached = new Set<string>();
  const queue = [from];
  for (let next = 0; next < queue.length; next++) {
    for (const { transition: t } of outgoing(model, queue[next] as string)) {
      if (t.to === to) return true;
      if (reached.has(t.to)) continue;
      reached.add(t.to);
      queue.push(t.to);
    }
  }
  return false;
}

/** `"a", "b", "c"`: ids quoted for messages. */
export const quoted = (ids: Iterable<string>): string => [...ids].map((id) => `"${id}"`).join(', ');
