/**
 * The dry run as the test panel sees it: the sample form built from the rule's facts and
 * bindings, the request body, and the per-condition trace folded back into the condition tree.
 */
import { placeholders, bindingOf } from '../../../../definitions/rules/templates';
import { CONTEXT_VARIABLES, isContextVariable, type ContextVariable } from '../../../../definitions/rules/vocabulary';
import type { Evaluation as ServerEvaluation, LeafTrace } from '../../../../definitions/rules/run/explain';
import { findFact, type FactCatalog } from './catalog';
import type { RuleDoc } from './rule';
import { childrenOf, groupKind, leavesOf, pointerOf, type CondNode, type GroupKind, type PathToken } from './tree';

/** One leaf of the answer of POST /rules/dry-run. */
export type TraceLeaf = LeafTrace;

/** The answer of POST /rules/dry-run, as far as the test panel reads it. */
export type Evaluation = Pick<ServerEvaluation, 'fired' | 'trace' | 'facts' | 'message' | 'dedupKey'> & { variables: Record<string, unknown> };

export interface SampleField {
  fact: string;
  valueType: 'number' | 'integer' | 'boolean';
  unit?: string;
}

/** One sample input per distinct fact the rule tests (a sample value applies to every leaf of that fact). */
export function sampleFields(catalog: FactCatalog, conditions: CondNode): SampleField[] {
  const seen = new Set<string>();
  const out: SampleField[] = [];
  for (const { leaf } of leavesOf(conditions)) {
    const fact = findFact(catalog, leaf.fact);
    if (!fact || seen.has(fact.name)) continue;
    seen.add(fact.name);
    out.push({ fact: fact.name, valueType: fact.valueType, ...(fact.unit ? { unit: fact.unit } : {}) });
  }
  return out;
}

/** The context variables the rule reads (param bindings and templates), in catalog order. */
export function contextFields(rule: RuleDoc): ContextVariable[] {
  const used = new Set<string>();
  for (const { leaf } of leavesOf(rule.conditions)) {
    for (const value of Object.values(leaf.params ?? {})) {
      const name = bindingOf(value);
      if (name !== undefined) used.add(name);
    }
  }
  for (const text of [rule.event.message.en, rule.event.message.zh, rule.dedupKey ?? '']) for (const name of placeholders(text)) used.add(name);
  return CONTEXT_VARIABLES.filter((v) => used.has(v) && isContextVariable(v));
}

/** The dry-run request of a draft: only the samples and context values the author filled in. */
export function dryRunBody(rule: RuleDoc, facts: Record<string, number | boolean | undefined>, context: Record<string, string | undefined>) {
  const sampled = Object.fromEntries(Object.entries(facts).filter((e): e is [string, number | boolean] => e[1] !== undefined));
  const values = Object.fromEntries(Object.entries(context).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
  return { rule, facts: sampled, context: values };
}

export type TraceNode =
  | { kind: 'group'; group: GroupKind; pointer: string; result: boolean; children: TraceNode[] }
  | { kind: 'leaf'; pointer: string; result: boolean; node: CondNode; trace: TraceLeaf | undefined };

/**
 * The trace as a tree shaped like the conditions: each leaf with its traced fact value and
 * result (a leaf the engine did not reach fails), each group with the result its kind gives.
 */
export function traceTree(conditions: CondNode, trace: readonly TraceLeaf[], at: PathToken[] = []): TraceNode {
  const pointer = pointerOf(at);
  const kind = groupKind(conditions);
  if (kind === undefined) {
    const entry = trace.find((t) => t.path === pointer);
    return { kind: 'leaf', pointer, result: entry?.result === true, node: conditions, trace: entry };
  }
  const children = childrenOf(conditions).map(({ node, tokens }) => traceTree(node, trace, [...at, ...tokens]));
  const results = children.map((c) => c.result);
  const result = kind === 'all' ? results.every(Boolean) : kind === 'any' ? results.some(Boolean) : !results[0];
  return { kind: 'group', group: kind, pointer, result, children };
}
