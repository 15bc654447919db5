/**
 * Semantic checks of a routing that a schema cannot express. Each finding names the JSON
 * pointer of the value at fault.
 */
import { finding, pointer, type Finding } from '../validation/finding';
import { entryStepId } from './graph';
import type { Routing } from './schema';

export function routingFindings(routing: Routing): Finding[] {
  const findings: Finding[] = [];
  const index = new Map<string, number>();

  routing.steps.forEach((step, i) => {
    if (index.has(step.id)) {
      findings.push(finding(pointer('steps', i, 'id'), 'routing.duplicate-step', { en: `step id "${step.id}" is used twice`, zh: `工序编号 "${step.id}" 重复` }));
    } else {
      index.set(step.id, i);
    }
  });

  if (routing.entry !== undefined && !index.has(routing.entry)) {
    findings.push(finding(pointer('entry'), 'routing.unknown-step', { en: `entry names no step: "${routing.entry}"`, zh: `入口工序不存在："${routing.entry}"` }));
  }

  const edges = new Map<string, string[]>();
  const outcomes = new Set<string>();
  routing.transitions.forEach((t, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!index.has(t[end])) {
        findings.push(finding(pointer('transitions', i, end), 'routing.unknown-step', { en: `${end} names no step: "${t[end]}"`, zh: `${end} 指向的工序不存在："${t[end]}"` }));
      }
    }
    const outcome = `${t.from} ${t.on}`;
    if (outcomes.has(outcome)) {
      findings.push(finding(pointer('transitions', i), 'routing.ambiguous-transition', { en: `step "${t.from}" has more than one "${t.on}" transition`, zh: `工序 "${t.from}" 有多个 "${t.on}" 流转` }));
    }
    outcomes.add(outcome);
    edges.set(t.from, [...(edges.get(t.from) ?? []), t.to]);
  });

  const entry = entryStepId(routing);
  if (entry !== undefined && index.has(entry)) {
    const reached = new Set<string>([entry]);
    const queue = [entry];
    for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
      for (const to of edges.get(at) ?? []) {
        if (!reached.has(to)) {
          reached.add(to);
          queue.push(to);
        }
      }
    }
    for (const [id, i] of index) {
      if (!reached.has(id)) {
        findings.push(finding(pointer('steps', i), 'routing.unreachable-step', { en: `step "${id}" cannot be reached from the entry step "${entry}"`, zh: `从入口工序 "${entry}" 无法到达工序 "${id}"` }));
      }
    }
  }
  return findings;
}
