/**
 * Paths: every step can be reached from the entry and can reach an end, every inspection and
 * test says where a failed unit goes, every loop is bounded by a maxLoops, and every queue-time
 * limit lies on a path. Judged on the transitions of the RoutingModel (both ends known) only.
 */
import { finding, pointer, type Finding } from '../../validation/finding';
import { leadsTo, outgoing, quoted, reachableFrom, type Edge, type RoutingModel } from './model';

const KIND_ZH: Record<string, string> = { inspection: '检验', test: '测试' };

/** Ends are steps whose pass has no transition; returns the steps from which one is reachable. */
function stepsThatReachAnEnd(model: RoutingModel): Set<string> {
  const into = new Map<string, string[]>();
  for (const edges of model.out.values()) {
    for (const { transition: t } of edges) {
      const froms = into.get(t.to);
      if (froms) froms.push(t.from);
      else into.set(t.to, [t.from]);
    }
  }
  const queue = [...model.stepIndex.keys()].filter((id) => outgoing(model, id, 'pass').length === 0);
  const reached = new Set(queue);
  for (let next = 0; next < queue.length; next++) {
    for (const from of into.get(queue[next] as string) ?? []) {
      if (!reached.has(from)) {
        reached.add(from);
        queue.push(from);
      }
    }
  }
  return reached;
}

function stepPathFindings(model: RoutingModel): Finding[] {
  const findings: Finding[] = [];
  const { routing, entry } = model;
  const reached = entry === undefined ? undefined : new Set([entry, ...reachableFrom(model, entry)]);
  const ending = stepsThatReachAnEnd(model);
  const failing = new Set(routing.transitions.filter((t) => t.on === 'fail').map((t) => t.from));
  for (const [id, i] of model.stepIndex) {
    if (reached !== undefined && !reached.has(id)) {
      findings.push(finding(pointer('steps', i), 'routing.unreachable-step', { en: `step "${id}" cannot be reached from the entry step "${entry}"`, zh: `从入口工序 "${entry}" 无法到达工序 "${id}"` }));
    }
    if (reached?.has(id) === true && !ending.has(id)) {
      findings.push(finding(pointer('steps', i), 'routing.no-end', { en: `no path from step "${id}" leads to an end of the routing (a step whose pass has no transition)`, zh: `从工序 "${id}" 出发没有路径能到达工艺路线的终点（pass 没有后续流转的工序）` }));
    }
    const kind = routing.steps[i]?.kind ?? '';
    if ((kind === 'inspection' || kind === 'test') && !failing.has(id)) {
      findings.push(finding(pointer('steps', i), 'routing.no-fail-path', { en: `${kind} step "${id}" has no "fail" transition, so a failed unit has nowhere to go`, zh: `${KIND_ZH[kind] ?? kind}工序 "${id}" 没有 "fail" 流转，不合格品无处可去` }));
    }
  }
  return findings;
}

/** Strongly connected components (Tarjan) of the steps over `edges`. */
function components(ids: readonly string[], edgesOf: (id: string) => readonly Edge[]): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, order.size);
    low.set(v, order.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const { transition: t } of edgesOf(v)) {
      if (!order.has(t.to)) {
        visit(t.to);
        low.set(v, Math.min(low.get(v) as number, low.get(t.to) as number));
      } else if (onStack.has(t.to)) {
        low.set(v, Math.min(low.get(v) as number, order.get(t.to) as number));
      }
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w);
        component.push(w);
      }
      result.push(component);
    }
  };
  for (const id of ids) if (!order.has(id)) visit(id);
  return result;
}

/** A loop is bounded when one of its transitions carries maxLoops; maxLoops outside a loop never applies. */
function loopFindings(model: RoutingModel): Array<[number, Finding]> {
  const findings: Array<[number, Finding]> = [];
  const ids = [...model.stepIndex.keys()];
  // A transition lies on a loop exactly when both its ends are in one strongly connected component.
  const componentOf = new Map<string, number>();
  components(ids, (id) => outgoing(model, id)).forEach((members, c) => members.forEach((id) => componentOf.set(id, c)));
  // An ambiguous transition is already reported; a loop through it alone is not reported again.
  const unbounded = (id: string): Edge[] => outgoing(model, id).filter((e) => !e.ambiguous && e.transition.maxLoops === undefined);
  for (const component of components(ids, unbounded)) {
    const members = new Set(component);
    const inside = component.flatMap(unbounded).filter((e) => members.has(e.transition.to));
    const first = inside.sort((a, b) => a.index - b.index)[0];
    if (first === undefined) continue;
    const steps = quoted(ids.filter((id) => members.has(id)));
    findings.push([
      first.index,
      finding(pointer('transitions', first.index), 'routing.unbounded-loop', { en: `the loop through steps ${steps} has no transition with maxLoops, so a unit could go round it forever`, zh: `经过工序 ${steps} 的循环没有设置 maxLoops 的流转，产品可能无限循环` }),
    ]);
  }
  for (const id of ids) {
    for (const { transition: t, index } of outgoing(model, id)) {
      if (t.maxLoops === undefined || componentOf.get(t.from) === componentOf.get(t.to)) continue;
      findings.push([
        index,
        finding(pointer('transitions', index, 'maxLoops'), 'routing.max-loops-without-loop', { en: `the transition from "${t.from}" to "${t.to}" is not part of a loop, so maxLoops never applies`, zh: `从 "${t.from}" 到 "${t.to}" 的流转不在循环中，maxLoops 不会生效` }),
      ]);
    }
  }
  return findings;
}

function queueTimeFindings(model: RoutingModel): Finding[] {
  const findings: Finding[] = [];
  (model.routing.queueTimeLimits ?? []).forEach((limit, i) => {
    if (!model.stepIndex.has(limit.from) || !model.stepIndex.has(limit.to)) return;
    if (!leadsTo(model, limit.from, limit.to)) {
      findings.push(finding(pointer('queueTimeLimits', i), 'routing.queue-time-unreachable', { en: `step "${limit.to}" cannot be reached from step "${limit.from}", so this queue-time limit never applies`, zh: `从工序 "${limit.from}" 无法到达工序 "${limit.to}"，该等待时间限制不会生效` }));
    }
  });
  return findings;
}

/** Findings in the order: per step (unreachable, no end, no fail path), per transition (loops), per queue-time limit. */
export function pathFindings(model: RoutingModel): Finding[] {
  const loops = loopFindings(model)
    .sort(([a], [b]) => a - b)
    .map(([, f]) => f);
  return [...stepPathFindings(model), ...loops, ...queueTimeFindings(model)];
}
