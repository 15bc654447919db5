/**
 * One rule through json-rules-engine: compiled once (operators from the registry, facts from the
 * providers; an unknown one is refused at load), evaluated in a context with a fact source, and
 * explained: each leaf's fact value and result (the "why" of a firing), the template variables,
 * the message and the dedup key.
 */
import { Almanac, Engine } from 'json-rules-engine';
import { factByName } from '../facts';
import { conditionLeaves } from '../conditions';
import { OPERATORS, operatorByName } from '../operators';
import type { AlertRule, AlertRuleScope } from '../schema';
import type { AlertRuleConditions } from '../schema';
import { resolveParams, withPinnedScope, type ContextValues, type ResolvedParams } from './context';
import { explain, type Evaluation, type ResultNode } from './explain';
import { bindingOf } from '../templates';
import { pointer } from '../../validation/finding';

/** A fact's value: a number (rates, counts, minutes) or a flag. */
export type FactValue = number | boolean;

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
  /** The rule's conditions with each leaf tagged by the rule's key (RULE_TAG), as its engines run them. */
  tagged: AlertRuleConditions;
  /** The fact names its conditions use. */
  facts: ReadonlySet<string>;
  /** Its leaves' params, by the index each leaf is tagged with (LEAF_TAG). */
  leaves: readonly Leaf[];
  /** An engine running this rule alone (dry runs, backtests, schedules). */
  engine: Engine;
}

/**
 * The param every leaf carries in an engine: the key of its rule. One engine can then run many
 * rules in one pass, each computing its facts with its own scope and context values.
 */
export const RULE_TAG = '__rule';
/** The other param every leaf carries: its index in the rule's leaves (json-rules-engine evaluates a copy of the params each run). */
export const LEAF_TAG = '__leaf';

/** A leaf's own params, resolved once when none binds a context variable. */
export interface Leaf {
  /** Its JSON pointer in the rule, e.g. `/conditions/all/1`. */
  path: string;
  own: Record<string, unknown>;
  /** Whether it has params of its own (a leaf without shows none in the trace). */
  hasParams: boolean;
  resolved: ResolvedParams | undefined;
  /** `fact(param=value,…)` of a leaf whose params bind nothing, worked out at its first explanation. */
  label?: string;
}

/** The almanac of one engine run: where the facts come from, and each rule's scope and context values. */
class RunAlmanac extends Almanac {
  constructor(
    readonly facts: FactSource,
    readonly rules: ReadonlyMap<string, { rule: AlertRule; leaves: readonly Leaf[]; values: ContextValues }>,
  ) {
    super({ allowUndefinedFacts: false });
  }
}

/** The conditions with every leaf tagged by the rule's key and its index; the leaves' own params (and paths) in `leaves`. */
function tagLeaves(node: unknown, key: string, leaves: Leaf[], at: string): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const o = node as Record<string, unknown>;
  if ('fact' in o) {
    const own = (o.params as Record<string, unknown> | undefined) ?? {};
    const bound = Object.values(own).some((v) => bindingOf(v) !== undefined);
    leaves.push({ path: at, own, hasParams: Object.keys(own).length > 0, resolved: bound ? undefined : resolveParams(own, {}) });
    return { ...o, params: { ...own, [RULE_TAG]: key, [LEAF_TAG]: leaves.length - 1 } };
  }
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => {
      if (Array.isArray(v)) return [k, v.map((c, i) => tagLeaves(c, key, leaves, `${at}${pointer(k, i)}`))];
      if (v !== null && typeof v === 'object') return [k, tagLeaves(v, key, leaves, `${at}${pointer(k)}`)];
      return [k, v];
    }),
  );
}

/** An engine with the registry's operators and the facts of these rules, each rule added under its key. */
export function engineOf(rules: ReadonlyArray<Omit<CompiledRule, 'engine'>>): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const op of Object.values(OPERATORS)) engine.addOperator(op.name, op.evaluate);
  const names = new Set(rules.flatMap((r) => [...r.facts]));
  for (const name of names) {
    // The FactCache caches per pass; json-rules-engine's own cache would only hash the params again.
    engine.addFact(
      name,
      (params: Record<string, unknown>, almanac: Almanac) => {
        const { facts, rules: running } = almanac as RunAlmanac;
        const run = running.get(params[RULE_TAG] as string);
        const leaf = run?.leaves[params[LEAF_TAG] as number];
        if (!run || !leaf) throw new Error(`fact ${name} asked for by rule ${String(params[RULE_TAG])}, which is not in this run`);
        return facts.value(name, leaf.resolved ?? resolveParams(leaf.own, run.values), run.rule.scope);
      },
      { cache: false },
    );
  }
  for (const r of rules) engine.addRule({ name: r.key, conditions: r.tagged as never, event: { type: 'fire' } });
  return engine;
}

/** A rule ready to evaluate; throws RuleLoadError on a fact or operator nothing implements. */
export function compileRule(key: string, version: number, rule: AlertRule): CompiledRule {
  const names = new Set<string>();
  for (const { pointer: at, leaf } of conditionLeaves(rule.conditions)) {
    if (!factByName(leaf.fact)) throw new RuleLoadError(`${at}/fact`, `fact "${leaf.fact}" is not in the catalog`);
    if (!operatorByName(leaf.operator)) throw new RuleLoadError(`${at}/operator`, `operator "${leaf.operator}" is not in the registry`);
    names.add(leaf.fact);
  }
  const leaves: Leaf[] = [];
  const unbuilt = { key, version, rule, tagged: tagLeaves(rule.conditions, key, leaves, '/conditions') as AlertRuleConditions, facts: names, leaves };
  return { ...unbuilt, engine: engineOf([unbuilt]) };
}

/** One run of a rule through an engine, before it is explained. */
export interface RuleRun {
  compiled: CompiledRule;
  fired: boolean;
  at: Date;
  values: ContextValues;
  result: ResultNode | undefined;
}

/**
 * Runs the rules, all in `engine` (engineOf these rules, or of more), in one pass on the facts;
 * cheap. Explain a run (explain.ts) when its why is wanted: it fired, or someone asks.
 */
export async function runRules(engine: Engine, rules: readonly CompiledRule[], context: { values: ContextValues; at: Date }, facts: FactSource): Promise<RuleRun[]> {
  const running = new Map(rules.map((r) => [r.key, { rule: r.rule, leaves: r.leaves, values: withPinnedScope(r.rule.scope, context.values) }]));
  const outcome = await engine.run({}, { almanac: new RunAlmanac(facts, running) });
  const byKey = new Map<string, RuleRun>();
  const compiledByKey = new Map(rules.map((r) => [r.key, r]));
  for (const [list, fired] of [[outcome.results, true], [outcome.failureResults, false]] as const) {
    for (const result of list) {
      const compiled = compiledByKey.get(result.name);
      if (!compiled) continue;
      byKey.set(compiled.key, { compiled, fired, at: context.at, values: running.get(compiled.key)?.values ?? {}, result: result.conditions as unknown as ResultNode });
    }
  }
  return rules.map((r) => byKey.get(r.key) ?? { compiled: r, fired: false, at: context.at, values: running.get(r.key)?.values ?? {}, result: undefined });
}

/** Runs one rule in its own engine. */
export async function runRule(compiled: CompiledRule, context: { values: ContextValues; at: Date }, facts: FactSource): Promise<RuleRun> {
  const [run] = await runRules(compiled.engine, [compiled], context, facts);
  return run as RuleRun;
}

export async function evaluateRule(compiled: CompiledRule, context: { values: ContextValues; at: Date }, facts: FactSource): Promise<Evaluation> {
  return explain(await runRule(compiled, context, facts));
}

export { explain, factLabel, snapshotOf, type Evaluation, type LeafTrace } from './explain';
