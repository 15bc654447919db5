/**
 * Structure: step ids are unique, the entry is known and unambiguous, transitions and
 * queue-time limits name existing steps, and each step's outcome leads to one place.
 * Also builds the RoutingModel the path and split checks work on.
 */
import { finding, pointer, type Finding } from '../../validation/finding';
import { sourceStepIds } from '../graph';
import type { Routing } from '../schema';
import { quoted, type Edge, type RoutingModel } from './model';

function stepIds(routing: Routing, findings: Finding[]): Map<string, number> {
  const index = new Map<string, number>();
  routing.steps.forEach((step, i) => {
    if (index.has(step.id)) {
      findings.push(finding(pointer('steps', i, 'id'), 'routing.duplicate-step', { en: `step id "${step.id}" is used twice`, zh: `工序编号 "${step.id}" 重复` }));
    } else {
      index.set(step.id, i);
    }
  });
  return index;
}

function entryOf(routing: Routing, index: ReadonlyMap<string, number>, findings: Finding[]): string | undefined {
  if (routing.entry !== undefined) {
    if (index.has(routing.entry)) return routing.entry;
    findings.push(finding(pointer('entry'), 'routing.unknown-step', { en: `entry names no step: "${routing.entry}"`, zh: `入口工序不存在："${routing.entry}"` }));
    return undefined;
  }
  const sources = sourceStepIds(routing);
  if (sources.length === 1) return sources[0];
  findings.push(
    finding(
      pointer('entry'),
      'routing.entry-ambiguous',
      sources.length === 0
        ? { en: 'there is no entry and every step has an incoming transition: name the first step in "entry"', zh: '未指定入口工序，且每个工序都有流入的流转：请在 "entry" 中指定第一个工序' }
        : {
            en: `there is no entry and ${sources.length} steps have no incoming transition (${quoted(sources)}): name the first step in "entry"`,
            zh: `未指定入口工序，且有 ${sources.length} 个工序没有流入的流转（${quoted(sources)}）：请在 "entry" 中指定第一个工序`,
          },
    ),
  );
  return undefined;
}

/**
 * A step's pass leads to one step (a split step's: to distinct steps, its branches); its fail
 * transitions carry distinct defect codes, and at most one has none (the catch-all).
 * Returns the transitions whose ends both name steps, the ambiguous ones marked.
 */
function transitionEdges(routing: Routing, index: ReadonlyMap<string, number>, findings: Finding[]): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  const seen = new Set<string>();
  routing.transitions.forEach((t, i) => {
    const fromStep = index.has(t.from) ? routing.steps[index.get(t.from) as number] : undefined;
    let knownEnds = true;
    let ambiguous = false;
    for (const end of ['from', 'to'] as const) {
      if (!index.has(t[end])) {
        knownEnds = false;
        findings.push(finding(pointer('transitions', i, end), 'routing.unknown-step', { en: `${end} names no step: "${t[end]}"`, zh: `${end} 指向的工序不存在："${t[end]}"` }));
      }
    }

    if (t.on === 'pass') {
      const split = fromStep?.split === true;
      const key = split ? `pass ${t.from} ${t.to}` : `pass ${t.from}`;
      if (seen.has(key)) {
        ambiguous = true;
        findings.push(
          finding(
            pointer('transitions', i),
            'routing.ambiguous-transition',
            split
              ? { en: `split step "${t.from}" has two "pass" transitions to "${t.to}"`, zh: `分支工序 "${t.from}" 有两个指向 "${t.to}" 的 "pass" 流转` }
              : { en: `step "${t.from}" has more than one "pass" transition`, zh: `工序 "${t.from}" 有多个 "pass" 流转` },
          ),
        );
      }
      seen.add(key);
    } else if (t.defectCodes === undefined) {
      const key = `fail ${t.from}`;
      if (seen.has(key)) {
        ambiguous = true;
        findings.push(finding(pointer('transitions', i), 'routing.ambiguous-transition', { en: `step "${t.from}" has more than one "fail" transition without defect codes`, zh: `工序 "${t.from}" 有多个不带缺陷代码的 "fail" 流转` }));
      }
      seen.add(key);
    } else {
      const allowed = fromStep?.defectCodes;
      t.defectCodes.forEach((code, j) => {
        const key = `fail ${t.from} ${code}`;
        if (seen.has(key)) {
          findings.push(finding(pointer('transitions', i, 'defectCodes', j), 'routing.ambiguous-transition', { en: `defect code "${code}" of step "${t.from}" already has a "fail" transition`, zh: `工序 "${t.from}" 的缺陷代码 "${code}" 已有 "fail" 流转` }));
        }
        seen.add(key);
        if (allowed !== undefined && !allowed.includes(code)) {
          findings.push(finding(pointer('transitions', i, 'defectCodes', j), 'routing.defect-code-not-allowed', { en: `defect code "${code}" is not one of the defect codes of step "${t.from}"`, zh: `缺陷代码 "${code}" 不在工序 "${t.from}" 的缺陷代码中` }));
        }
      });
    }

    if (knownEnds) {
      const edges = out.get(t.from);
      if (edges) edges.push({ transition: t, index: i, ambiguous });
      else out.set(t.from, [{ transition: t, index: i, ambiguous }]);
    }
  });
  return out;
}

function queueTimeReferences(routing: Routing, index: ReadonlyMap<string, number>, findings: Finding[]): void {
  const seen = new Set<string>();
  (routing.queueTimeLimits ?? []).forEach((limit, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!index.has(limit[end])) {
        findings.push(finding(pointer('queueTimeLimits', i, end), 'routing.unknown-step', { en: `${end} names no step: "${limit[end]}"`, zh: `${end} 指向的工序不存在："${limit[end]}"` }));
      }
    }
    const key = `${limit.from} ${limit.to}`;
    if (seen.has(key)) {
      findings.push(finding(pointer('queueTimeLimits', i), 'routing.duplicate-queue-time-limit', { en: `there is already a queue-time limit from "${limit.from}" to "${limit.to}"`, zh: `从 "${limit.from}" 到 "${limit.to}" 的等待时间限制已存在` }));
    }
    seen.add(key);
  });
}

export function structureFindings(routing: Routing): { findings: Finding[]; model: RoutingModel } {
  const findings: Finding[] = [];
  const stepIndex = stepIds(routing, findings);
  const entry = entryOf(routing, stepIndex, findings);
  const out = transitionEdges(routing, stepIndex, findings);
  queueTimeReferences(routing, stepIndex, findings);
  return { findings, model: { routing, stepIndex, out, entry } };
}
