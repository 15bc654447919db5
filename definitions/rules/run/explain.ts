/**
 * The why of a rule run: each leaf's fact value and result, the template variables, the message
 * and the dedup key; and the snapshot an incident keeps of it.
 */
import type { FiringSnapshot } from '../../incidents/model';
import { renderTemplate } from '../templates';
import type { Bilingual, TemplateVariable } from '../vocabulary';
import { resolveParams, type ContextValues } from './context';
import { LEAF_TAG, type RuleRun } from './evaluate';

export interface LeafTrace {
  path: string;
  fact: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
  factValue: unknown;
  result: boolean;
}

export interface Evaluation {
  ruleKey: string;
  ruleVersion: number;
  fired: boolean;
  at: Date;
  trace: LeafTrace[];
  /** Each leaf's fact value by fact and resolved params, e.g. `defectRate(productModel=MB-A100,window=1h)`. */
  facts: Record<string, unknown>;
  values: ContextValues;
  variables: Partial<Record<TemplateVariable, string | number | boolean>>;
  message: Bilingual;
  dedupKey: string;
}

export interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  fact?: string;
  operator?: string;
  value?: unknown;
  params?: Record<string, unknown>;
  factResult?: unknown;
  result?: boolean;
}

/** The trace of a run's result tree, in leaf order, with the facts' labels. */
function leavesOf(node: ResultNode, run: RuleRun, out: LeafTrace[], labels: string[]): void {
  if (node.all) for (const c of node.all) leavesOf(c, run, out, labels);
  else if (node.any) for (const c of node.any) leavesOf(c, run, out, labels);
  else if (node.not) leavesOf(node.not, run, out, labels);
  else {
    const leaf = run.compiled.leaves[node.params?.[LEAF_TAG] as number];
    if (!leaf) return;
    const fact = node.fact ?? '';
    const params = leaf.hasParams ? (leaf.resolved ?? resolveParams(leaf.own, run.values)) : undefined;
    out.push({ path: leaf.path, fact, operator: node.operator ?? '', value: node.value, ...(params ? { params } : {}), factValue: node.factResult ?? null, result: node.result === true });
    if (leaf.resolved !== undefined) labels.push((leaf.label ??= factLabel(fact, params)));
    else labels.push(factLabel(fact, params));
  }
}

export const factLabel = (fact: string, params: Record<string, unknown> | undefined): string =>
  `${fact}(${Object.entries(params ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',')})`;

const shown = (v: unknown): string | number | boolean => (typeof v === 'number' ? Math.round(v * 100) / 100 : typeof v === 'boolean' || typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : '');


/** The why of a run: each leaf's fact value and result, the template variables, the message and the dedup key. */
export function explain(run: RuleRun): Evaluation {
  const { compiled, values } = run;
  const { rule } = compiled;
  const trace: LeafTrace[] = [];
  const labels: string[] = [];
  if (run.result) leavesOf(run.result, run, trace, labels);
  const decisive = trace.find((l) => l.result) ?? trace[0];
  const variables: Evaluation['variables'] = {
    ...values,
    ruleName: rule.name,
    severity: rule.event.severity,
    fact: decisive?.fact ?? '',
    value: shown(decisive?.factValue),
    threshold: shown(decisive?.value),
    window: String(decisive?.params?.window ?? ''),
  };
  return {
    ruleKey: compiled.key,
    ruleVersion: compiled.version,
    fired: run.fired,
    at: run.at,
    trace,
    facts: Object.fromEntries(trace.map((l, i) => [labels[i], l.factValue])),
    values,
    variables,
    message: { en: renderTemplate(rule.event.message.en, variables), zh: renderTemplate(rule.event.message.zh, variables) },
    dedupKey: renderTemplate(rule.dedupKey ?? `rule:${compiled.key}`, variables),
  };
}


/** The "why" an incident keeps: fact values and each leaf's result, with the unit that triggered it. */
export function snapshotOf(e: Evaluation): FiringSnapshot {
  return {
    ruleKey: e.ruleKey,
    ruleVersion: e.ruleVersion,
    facts: e.facts,
    conditions: e.trace.map((l) => ({ path: l.path, fact: l.fact, operator: l.operator, value: l.value, ...(l.params ? { params: l.params } : {}), factValue: l.factValue, result: l.result })),
    units: e.values.serial === undefined ? [] : [e.values.serial],
    at: e.at.toISOString(),
  };
}
