/**
 * Semantic checks of a routing that a schema cannot express. Each finding names the JSON
 * pointer of the value at fault.
 */
import { pointer, type Finding } from '../validation/finding';
import { entryStepId } from './graph';
import type { Routing } from './schema';

export function routingFindings(routing: Routing): Finding[] {
  const findings: Finding[] = [];
  const index = new Map<string, number>();

  routing.steps.forEach((step, i) => {
    if (index.has(step.id)) {
      findings.push({ pointer: pointer('steps', i, 'id'), code: 'routing.duplicate-step', message: `step id "${step.id}" is used twice` });
    } else {
      index.set(step.id, i);
    }
  });

  if (routing.entry !== undefined && !index.has(routing.entry)) {
    findings.push({ pointer: pointer('entry'), code: 'routing.unknown-step', message: `entry names no step: "${routing.entry}"` });
  }

  const edges = new Map<string, string[]>();
  const outcomes = new Set<string>();
  routing.transitions.forEach((t, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!index.has(t[end])) {
        findings.push({ pointer: pointer('transitions', i, end), code: 'routing.unknown-step', message: `${end} names no step: "${t[end]}"` });
      }
    }
    const outcome = `${t.from} ${t.on}`;
    if (outcomes.has(outcome)) {
      findings.push({ pointer: pointer('transitions', i), code: 'routing.ambiguous-transition', message: `step "${t.from}" has more than one "${t.on}" transition` });
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
        findings.push({ pointer: pointer('steps', i), code: 'routing.unreachable-step', message: `step "${id}" cannot be reached from the entry step "${entry}"` });
      }
    }
  }
  return findings;
}
