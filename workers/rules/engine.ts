/**
 * Rule evaluation in the worker process. Event-driven: after a batch is persisted, each of its
 * events is offered to the active rules whose trigger type and scope match; bursts are coalesced
 * per rule and dedup context (Coalescer), and evaluations started together share one fact cache.
 * Scheduled: evaluateNow(ruleKey), called by the activity a rule's Temporal Schedule runs. A rule
 * that fires opens its incident, or adds an occurrence to it (IncidentOpener).
 */
import type { IncidentWorkflowInput } from '../../engine/workflows/incident-messages';
import type { UnitBatch } from '../../definitions/units/model';
import type { Store } from '../../store';
import { Coalescer } from './coalesce';
import { coalesceKey, triggers, triggersOfBatch, type TriggerContext } from '../../definitions/rules/run/context';
import type { Engine } from 'json-rules-engine';
import { DEFAULT_TIME_ZONE } from '../../definitions/incidents/recipients';
import { engineOf, explain, runRules, snapshotOf, type CompiledRule, type Evaluation } from '../../definitions/rules/run/evaluate';
import { FactCache } from '../../store/facts';
import { RecentEvents, type RecentEventsOptions } from './facts/recent-events';
import type { IncidentOpener } from './opener';
import { loadActiveRules, pinPolicy, type ActiveRules } from './rule-set';

export { DEFAULT_TIME_ZONE };

export interface RuleRuntimeOptions {
  store: Store;
  opener: IncidentOpener;
  /** Site of scheduled evaluations and the master data whose shifts windows use. */
  siteKey?: string;
  timeZone?: string;
  /** At most one evaluation per rule and dedup context in this window (default 500 ms). */
  coalesceMs?: number;
  /** How long the loaded rule set is used before it is read again (default 10 s). */
  reloadMs?: number;
  log?: (line: string) => void;
  clock?: () => Date;
  /** The in-memory window facts are computed over (facts/recent-events.ts). */
  recentEvents?: RecentEventsOptions;
}

interface Offer {
  rule: CompiledRule;
  context: TriggerContext;
}

export interface RuleRuntimeStats {
  offered: number;
  evaluations: number;
  firings: number;
  errors: number;
}

export class RuleRuntime {
  readonly stats: RuleRuntimeStats = { offered: 0, evaluations: 0, firings: 0, errors: 0 };
  private readonly coalescer: Coalescer<Offer>;
  private loaded: { at: number; rules: Promise<ActiveRules> } | undefined;
  private pass: FactCache | undefined;
  /** Offers whose evaluation is due, run together at the end of this turn (see runDue). */
  private due: Offer[] = [];
  private dueScheduled = false;
  /** Engines running a set of rules together, by the rules' keys and versions; for the loaded rule set. */
  private engines = new Map<string, Engine>();
  private enginesOf: ActiveRules | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly log: (line: string) => void;
  private readonly clock: () => Date;
  /** The recent production events facts are computed over, in memory. */
  readonly recent: RecentEvents;

  constructor(private readonly options: RuleRuntimeOptions) {
    this.log = options.log ?? console.error;
    this.clock = options.clock ?? (() => new Date());
    this.recent = new RecentEvents(options.store.productionEvents, { clock: () => this.clock().getTime(), ...options.recentEvents });
    this.coalescer = new Coalescer<Offer>(options.coalesceMs ?? 500, (_key, offer) => this.schedule(offer));
  }

  /** The active rules, read again once reloadMs has passed (or after reload()). */
  rules(): Promise<ActiveRules> {
    const now = Date.now();
    if (!this.loaded || now - this.loaded.at > (this.options.reloadMs ?? 10_000)) {
      const rules = loadActiveRules(this.options.store, this.options.siteKey ?? 'plant-1');
      rules.then((r) => r.rejected.forEach((x) => this.log(`[rules] ${x.key}@${x.version} not loaded: ${x.reason} (${x.pointer})`))).catch(() => undefined);
      this.loaded = { at: now, rules };
      rules.catch(() => (this.loaded = undefined));
    }
    return this.loaded.rules;
  }

  reload(): void {
    this.loaded = undefined;
  }

  /** Offers a persisted batch's events to the matching rules; returns at once and never throws. */
  offer(batch: UnitBatch): void {
    this.recent.add(batch);
    const contexts = triggersOfBatch(batch);
    if (contexts.length === 0) return;
    this.queue = this.queue
      .then(async () => {
        const { rules } = await this.rules();
        for (const context of contexts) {
          for (const rule of rules) {
            if (!triggers(rule.rule, context)) continue;
            this.stats.offered += 1;
            this.coalescer.offer(coalesceKey(rule.key, rule.rule.dedupKey, context.values), { rule, context });
          }
        }
      })
      .catch((e: unknown) => {
        this.stats.errors += 1;
        this.log(`[rules] offering a batch of ${batch.serial} failed: ${String(e)}`);
      });
  }

  /** Evaluates one active rule now, without a triggering event (a schedule); null when it is not active. */
  async evaluateNow(ruleKey: string): Promise<Evaluation | null> {
    const { rules } = await this.rules();
    const rule = rules.find((r) => r.key === ruleKey);
    if (!rule) return null;
    const [evaluation] = await this.track(this.evaluate([rule], { type: 'schedule', at: this.clock(), site: this.options.siteKey ?? 'plant-1', values: {} }, true));
    return evaluation ?? null;
  }

  /** Runs what bursts left pending and waits for every evaluation and opening under way. */
  async settle(): Promise<void> {
    await this.queue;
    this.coalescer.flush();
    this.runDue();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Keys whose coalescing window is open. */
  get openWindows(): number {
    return this.coalescer.open;
  }

  close(): void {
    this.coalescer.clear();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** The fact cache of the evaluations started in this turn of the event loop. */
  private async passCache(): Promise<FactCache> {
    if (!this.pass) {
      const { shifts } = await this.rules();
      if (!this.pass) {
        const { store } = this.options;
        this.pass = new FactCache({ events: this.recent, workOrders: store.workOrders, incidents: store.incidents, site: this.options.siteKey ?? 'plant-1', now: this.clock(), timeZone: this.options.timeZone ?? DEFAULT_TIME_ZONE, shifts });
        setImmediate(() => (this.pass = undefined));
      }
    }
    return this.pass;
  }

  /** Queues an offer whose evaluation is due; the offers due in one turn run together. */
  private schedule(offer: Offer): void {
    this.due.push(offer);
    if (this.dueScheduled) return;
    this.dueScheduled = true;
    queueMicrotask(() => this.runDue());
  }

  /** Runs the due offers: the rules offered one trigger context run in one engine pass. */
  private runDue(): void {
    this.dueScheduled = false;
    const byContext = new Map<TriggerContext, CompiledRule[]>();
    for (const { rule, context } of this.due.splice(0)) byContext.set(context, [...(byContext.get(context) ?? []), rule]);
    for (const [context, rules] of byContext) void this.track(this.evaluate(rules, context, false));
  }

  /** One engine for these rules together (built once per loaded rule set). */
  private async engineFor(rules: readonly CompiledRule[]): Promise<Engine> {
    if (rules.length === 1) return (rules[0] as CompiledRule).engine;
    const loaded = await this.rules();
    if (this.enginesOf !== loaded) {
      this.engines = new Map();
      this.enginesOf = loaded;
    }
    const key = rules.map((r) => `${r.key}@${r.version}`).join('\u0000');
    let engine = this.engines.get(key);
    if (!engine) {
      engine = engineOf(rules);
      if (this.engines.size >= 256) this.engines.clear();
      this.engines.set(key, engine);
    }
    return engine;
  }

  /**
   * Evaluates the rules in one pass; those that fire open (or add to) their incident. A run that
   * did not fire is explained only when `explained` is asked for (it costs more than the run).
   */
  private async evaluate(rules: readonly CompiledRule[], context: TriggerContext, explained: boolean): Promise<Evaluation[]> {
    try {
      const cache = await this.passCache();
      this.stats.evaluations += rules.length;
      const runs = await runRules(await this.engineFor(rules), rules, { values: context.values, at: cache.env.now }, cache);
      const evaluations: Evaluation[] = [];
      for (const run of runs) {
        if (!run.fired && !explained) continue;
        const evaluation = explain(run);
        evaluations.push(evaluation);
        if (evaluation.fired) await this.fire(run.compiled, context, evaluation).catch((e: unknown) => this.failed(`firing ${run.compiled.key}@${run.compiled.version}`, e));
      }
      return evaluations;
    } catch (e) {
      this.failed(`evaluating ${rules.map((r) => `${r.key}@${r.version}`).join(', ')}`, e);
      return [];
    }
  }

  private failed(what: string, e: unknown): void {
    this.stats.errors += 1;
    this.log(`[rules] ${what} failed: ${String(e)}`);
  }

  private async fire(rule: CompiledRule, context: TriggerContext, e: Evaluation): Promise<void> {
    const policy = await pinPolicy(this.options.store, rule.rule.escalationPolicy);
    if (!policy) {
      this.log(`[rules] ${rule.key} fired but escalation policy "${rule.rule.escalationPolicy}" has no active version: no incident opened`);
      return;
    }
    this.stats.firings += 1;
    const snapshot = snapshotOf(e);
    const input: IncidentWorkflowInput = {
      dedupKey: e.dedupKey,
      type: rule.rule.event.type,
      severity: rule.rule.event.severity,
      title: e.message,
      site: context.site,
      line: e.values.line ?? null,
      escalationPolicy: policy.key,
      source: { kind: 'rule', snapshot },
      context: Object.fromEntries(Object.entries(e.values).filter((kv): kv is [string, string] => typeof kv[1] === 'string')),
      openedAt: snapshot.at,
      policy,
      ...(rule.rule.cooldownMinutes !== undefined ? { cooldownMinutes: rule.rule.cooldownMinutes } : {}),
      ...(rule.rule.actions ? { actions: rule.rule.actions.map((a) => ({ type: a.type })) } : {}),
    };
    await this.options.opener.open(input, { at: snapshot.at, snapshot, id: `${rule.key}@${rule.version}:${snapshot.at}` });
  }
}
