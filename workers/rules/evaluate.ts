/**
 * One rule through json-rules-engine: compiled once (operators from the registry, facts from the
 * providers; an unknown one is refused at load), evaluated in a context with a fact source, and
 * explained: each leaf's fact value and result (the "why" of a firing), the template variables,
 * the message and the dedup key.
 */
import { Engine, type Almanac } from 'json-rules-engine';
import type { FiringSnapshot } from '../../definitions/incidents/model';
import { factByName } from '../../definitions/rules/facts';
import { conditionLeaves } from '../../definitions/rules/conditions';
import { OPERATORS, operatorByName } from '../../definitions/rules/operators';
import type { AlertRule, AlertRuleScope } from '../../definitions/rules/schema';
import { renderTemplate } from '../../definitions/rules/templates';
import type { Bilingual, TemplateVariable } from '../../definitions/rules/vocabulary';
import { pointer } from '../../definitions/validation/finding';
import { resolveParams, withPinnedScope, type ContextValues } from './context';
import { FACT_PROVIDERS, type FactValue, type ResolvedParams } from './facts';

/** Where fact values come from: the recorded events (FactCache), or sample values (dry run). */
export interface FactSource {
  value(name: string, params: ResolvedParams, scope?: AlertRuleScope): Promise<FactValue>;
}

export class RuleLoadError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleLoadError';
  }
}

export interface CompiledRule {
  key: string;
  version: number;
  rule: AlertRule;
  engine: Engine;
}

interface RunContext {
  facts: FactSource;
  values: ContextValues;
}

const RUN = '__taktflow_run';

/** A rule ready to evaluate; throws RuleLoadError on a fact or operator nothing implements. */
export function compileRule(key: string, version: number, rule: AlertRule): CompiledRule {
  const names = new Set<string>();
  for (const { pointer: at, leaf } of conditionLeaves(rule.conditions)) {
    if (!factByName(leaf.fact) || !Object.hasOwn(FACT_PROVIDERS, leaf.fact)) throw new RuleLoadError(`${at}/fact`, `fact "${leaf.fact}" is not in the catalog`);
    if (!operatorByName(leaf.operator)) throw new RuleLoadError(`${at}/operator`, `operator "${leaf.operator}" is not in the registry`);
    names.add(leaf.fact);
  }
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const op of Object.values(OPERATORS)) engine.addOperator(op.name, op.evaluate);
  for (const name of names) {
    engine.addFact(name, async (params: Record<string, unknown>, almanac: Almanac) => {
      const run = await almanac.factValue<RunContext>(RUN);
      return run.facts.value(name, resolveParams(params, run.values), rule.scope);
    });
  }
  engine.addRule({ name: key, conditions: rule.conditions as never, event: { type: 'fire' } });
  return { key, version, rule, engine };
}

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

interface ResultNode {
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

function leavesOf(node: ResultNode, at: string, values: ContextValues, out: LeafTrace[]): void {
  if (node.all) node.all.forEach((c, i) => leavesOf(c, `${at}${pointer('all', i)}`, values, out));
  else if (node.any) node.any.forEach((c, i) => leavesOf(c, `${at}${pointer('any', i)}`, values, out));
  else if (node.not) leavesOf(node.not, `${at}${pointer('not')}`, values, out);
  else {
    const params = node.params === undefined ? undefined : resolveParams(node.params, values);
    out.push({ path: at, fact: node.fact ?? '', operator: node.operator ?? '', value: node.value, ...(params ? { params } : {}), factValue: node.factResult ?? null, result: node.result === true });
  }
}

export const factLabel = (fact: string, params: Record<string, unknown> | undefined): string =>
  `${fact}(${Object.entries(params ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',')})`;

const shown = (v: unknown): string | number | boolean => (typeof v === 'number' ? Math.round(v * 100) / 100 : typeof v === 'boolean' || typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : '');

export async function evaluateRule(compiled: CompiledRule, context: { values: ContextValues; at: Date }, facts: FactSource): Promise<Evaluation> {
  const { rule } = compiled;
  const values = withPinnedScope(rule.scope, context.values);
  const run: RunContext = { facts, values };
  const outcome = await compiled.engine.run({ [RUN]: run });
  const result = [...outcome.results, ...outcome.failureResults][0];
  const fired = outcome.results.length > 0;
  const trace: LeafTrace[] = [];
  if (result) leavesOf(result.conditions as unknown as ResultNode, '/conditions', values, trace);
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
    fired,
    at: context.at,
    trace,
    facts: Object.fromEntries(trace.map((l) => [factLabel(l.fact, l.params), l.factValue])),
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
