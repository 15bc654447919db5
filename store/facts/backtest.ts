/**
 * Dry run and backtest of one rule. A dry run evaluates it once with sample fact values (facts not
 * given are computed from the recorded events, read-only). A backtest replays the recorded
 * production events of a period in time order: each event the rule's triggers and scope take is
 * offered to it (coalesced per dedup context as in production), `every` triggers tick on their
 * interval, and each evaluation computes the facts as of that moment. Nothing is opened.
 */
import type { AlertRuleScope } from '../../definitions/rules/schema';
import type { Shift } from '../../definitions/master-data/lookup';
import type { Store } from '..';
import type { BacktestResult } from '../../definitions/rules/run/results';
import { coalesceKey, scheduleMinutes, triggers, triggerTypesOf, valuesOfEvent, type ContextValues, type TriggerContext } from '../../definitions/rules/run/context';
import { evaluateRule, factLabel, type CompiledRule, type Evaluation, type FactSource } from '../../definitions/rules/run/evaluate';
import { FactCache, type FactValue, type ResolvedParams } from '.';


export interface FactEnvOptions {
  store: Store;
  site: string;
  timeZone: string;
  shifts: readonly Shift[];
}

const cacheAt = (o: FactEnvOptions, now: Date): FactCache =>
  new FactCache({ events: o.store.productionEvents, workOrders: o.store.workOrders, incidents: o.store.incidents, site: o.site, now, timeZone: o.timeZone, shifts: o.shifts });

/**
 * Sample values win over the recorded events: one given for the fact with its params, by the label
 * the evaluation shows (`defectRate(productModel=MB-A,window=1h)`), else one given for the fact by
 * name (every leaf on that fact); other facts come from the recorded events.
 */
export function sampleFacts(samples: Readonly<Record<string, FactValue>>, fallback: FactSource): FactSource {
  return {
    value: (name: string, params: ResolvedParams, scope?: AlertRuleScope) => {
      const label = factLabel(name, params);
      if (Object.hasOwn(samples, label)) return Promise.resolve(samples[label] as FactValue);
      return Object.hasOwn(samples, name) ? Promise.resolve(samples[name] as FactValue) : fallback.value(name, params, scope);
    },
  };
}

export async function dryRun(rule: CompiledRule, samples: Readonly<Record<string, FactValue>>, values: ContextValues, o: FactEnvOptions, now = new Date()): Promise<Evaluation> {
  return evaluateRule(rule, { values, at: now }, sampleFacts(samples, cacheAt(o, now)));
}

export interface BacktestLimits {
  /** Most evaluations a backtest runs; past it the result says `truncated`. */
  maxEvaluations: number;
  /** Most events read from the period. */
  maxEvents: number;
  /** Wall-clock budget; past it the result says `truncated`. */
  budgetMs: number;
  coalesceMs: number;
}

export const BACKTEST_LIMITS: BacktestLimits = { maxEvaluations: 2000, maxEvents: 50_000, budgetMs: 20_000, coalesceMs: 500 };

export type { BacktestResult };

export async function backtest(rule: CompiledRule, period: { from: Date; to: Date }, o: FactEnvOptions, limits: BacktestLimits = BACKTEST_LIMITS): Promise<BacktestResult> {
  const started = Date.now();
  const { from, to } = period;
  const rows = await o.store.productionEvents.find({ types: ['completed'], from, to }, ['serial', 'type', 'at', 'line', 'productModel', 'workOrder', 'step', 'operator', 'equipment', 'result', 'defectCodes', 'site'], { limit: limits.maxEvents });
  const moments: TriggerContext[] = [];
  for (const r of rows) {
    const values = valuesOfEvent({ serial: r.serial, line: r.line, productModel: r.productModel ?? undefined, workOrder: r.workOrder ?? undefined }, r);
    for (const type of triggerTypesOf({ type: r.type as 'completed', result: r.result as 'pass' | 'fail' | null, defectCodes: r.defectCodes })) {
      const ctx: TriggerContext = { type, at: r.at, site: r.site, values };
      if (triggers(rule.rule, ctx)) moments.push(ctx);
    }
  }
  for (const minutes of scheduleMinutes(rule)) {
    for (let t = from.getTime() + minutes * 60_000; t <= to.getTime(); t += minutes * 60_000) moments.push({ type: 'schedule', at: new Date(t), site: '', values: {} });
  }
  moments.sort((a, b) => a.at.getTime() - b.at.getTime());

  const spanMinutes = (to.getTime() - from.getTime()) / 60_000;
  const bucketMinutes = spanMinutes <= 72 * 60 ? 60 : 1440;
  const buckets = Array.from({ length: Math.max(1, Math.ceil(spanMinutes / bucketMinutes)) }, (_, i) => ({ start: new Date(from.getTime() + i * bucketMinutes * 60_000).toISOString(), evaluations: 0, firings: 0 }));
  const result: BacktestResult = { from: from.toISOString(), to: to.toISOString(), events: rows.length, evaluations: 0, firings: 0, truncated: rows.length >= limits.maxEvents, bucketMinutes, buckets, fired: [] };
  const lastRun = new Map<string, number>();
  for (const m of moments) {
    if (result.evaluations >= limits.maxEvaluations || Date.now() - started > limits.budgetMs) {
      result.truncated = true;
      break;
    }
    const key = m.type === 'schedule' ? `schedule:${m.at.getTime()}` : coalesceKey(rule.key, rule.rule.dedupKey, m.values);
    const last = lastRun.get(key);
    if (last !== undefined && m.at.getTime() - last < limits.coalesceMs) continue;
    lastRun.set(key, m.at.getTime());
    const e = await evaluateRule(rule, { values: m.values, at: m.at }, cacheAt(o, m.at));
    const bucket = buckets[Math.min(buckets.length - 1, Math.floor((m.at.getTime() - from.getTime()) / (bucketMinutes * 60_000)))];
    result.evaluations += 1;
    if (bucket) bucket.evaluations += 1;
    if (e.fired) {
      result.firings += 1;
      if (bucket) bucket.firings += 1;
      if (result.fired.length < 500) result.fired.push({ at: m.at.toISOString(), dedupKey: e.dedupKey, value: e.variables.value });
    }
  }
  return result;
}
