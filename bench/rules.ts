/**
 * Row "rules": alert-rule evaluations per second through the fact pipeline (100 active rules,
 * compiled per rule, facts computed by the providers over the worker's in-memory window of
 * recent production events, as the rule runtime does, with one cache per pass) ÷ raw json-rules-engine running the same 100 rules on static facts, alternating, in one
 * run. Goal ≥ 0.5.
 */
import { Engine } from 'json-rules-engine';
import type { AlertRule } from '../definitions/rules/schema';
import { OPERATORS } from '../definitions/rules/operators';
import { openStore } from '../store';
import { compileRule, engineOf, explain, runRules } from '../definitions/rules/run/evaluate';
import { FactCache } from '../store/facts';
import { RecentEvents } from '../workers/rules/facts/recent-events';
import { emptySample, timed, type Row } from './measure';

const MODELS = ['MB-A', 'MB-B', 'MB-C', 'MB-D', 'MB-E'];

function ruleNo(i: number): AlertRule {
  const model = MODELS[i % MODELS.length] as string;
  return {
    name: `bench ${i}`,
    triggers: [{ event: 'unit.step-completed' }],
    conditions: {
      all: [
        { fact: 'defectRate', operator: 'greaterThan', value: 1 + (i % 20), params: { window: '1h', productModel: model } },
        { fact: 'unitsCompleted', operator: 'greaterThanInclusive', value: 10 + i, params: { window: '1h', step: 'aoi', productModel: model } },
      ],
    },
    event: { type: 'bench.rate', severity: 'minor', message: { en: '{{value}}', zh: '{{value}}' } },
    escalationPolicy: 'bench',
  };
}

export async function rulesThroughput(o: { mongoUri: string; rounds: number; passes: number; events: number }): Promise<Row> {
  const store = await openStore(o.mongoUri);
  try {
    const now = Date.now();
    for (let i = 0; i < o.events; i++) {
      const at = new Date(now - (i % 55) * 60_000).toISOString();
      const result = i % 17 === 0 ? 'fail' : 'pass';
      await store.productionEvents.record({
        serial: `B${i}`, site: 'plant-1', line: 'SMT1', routingKey: 'bench', routingVersion: 1, status: 'waiting', step: 'test', allowed: [], productModel: MODELS[i % MODELS.length],
        events: [{ seq: 2, type: 'completed', step: 'aoi', station: 'AOI-01', operator: 'op', result, detail: null, at, idempotencyKey: null }],
      });
    }
    const rules = Array.from({ length: 100 }, (_, i) => compileRule(`r${i}`, 1, ruleNo(i)));
    // The engine the rule runtime builds once for rules offered the same event (RuleRuntime.engineFor).
    const together = engineOf(rules);
    // Baseline: one json-rules-engine with the same 100 rules, facts given as static values.
    const raw = new Engine([], { allowUndefinedFacts: false });
    for (const op of Object.values(OPERATORS)) raw.addOperator(op.name, op.evaluate);
    rules.forEach((r) => raw.addRule({ name: r.key, conditions: r.rule.conditions as never, event: { type: 'fire' } }));
    const staticFacts = { defectRate: 5.9, unitsCompleted: 400 };

    const ours = emptySample();
    const baseline = emptySample();
    // The window the rule runtime computes facts over: filled from production_events once.
    const recent = new RecentEvents(store.productionEvents);
    const pass = async (): Promise<void> => {
      const cache = new FactCache({ events: recent, workOrders: store.workOrders, incidents: store.incidents, site: 'plant-1', now: new Date(), timeZone: 'Asia/Shanghai', shifts: [] });
      // As the rule runtime evaluates an event offered to these rules: one engine pass, the ones that fire explained.
      const runs = await runRules(together, rules, { values: { line: 'SMT1' }, at: cache.env.now }, cache);
      for (const run of runs) if (run.fired) explain(run);
    };
    await pass();
    await raw.run(staticFacts);
    // One op = one pass over the 100 rules; the rate is scaled to evaluations below.
    for (let round = 0; round < o.rounds; round++) {
      await timed(baseline, o.passes * 10, async () => raw.run(staticFacts));
      await timed(ours, o.passes, pass);
    }
    for (const s of [ours, baseline]) s.ops *= rules.length;
    return { name: 'rule evaluations/s: fact pipeline, 100 rules ÷ raw json-rules-engine on static facts (goal ≥ 0.5)', ours, baseline, unit: 'eval/s' };
  } finally {
    await store.connection.dropDatabase().catch(() => undefined);
    await store.close();
  }
}
