/** The pure parts of rule evaluation: scope matching, param bindings, coalescing, windows, templating. */
import type { AlertRule } from '../../../definitions/rules/schema';
import { Coalescer, type Timers } from '../../../workers/rules/coalesce';
import { coalesceKey, inScope, resolveParams, triggers, triggerTypesOf, withPinnedScope } from '../../../definitions/rules/run/context';
import { compileRule, engineOf, evaluateRule, explain, RuleLoadError, runRules } from '../../../definitions/rules/run/evaluate';
import { shiftStart, windowRange } from '../../../store/facts/window';

describe('scope and triggers', () => {
  it.each([
    [undefined, { line: 'SMT1' }, true],
    [{ lines: ['SMT1'] }, { line: 'SMT1' }, true],
    [{ lines: ['SMT1'] }, { line: 'FA1' }, false],
    [{ lines: ['SMT1'], steps: ['aoi'] }, { line: 'SMT1' }, false],
    [{ productModels: ['A', 'B'], steps: ['aoi'] }, { productModel: 'B', step: 'aoi' }, true],
  ])('when the scope is %j and the event carries %j, then in scope is %s', (scope, values, expected) => {
    expect(inScope(scope, values)).toBe(expected);
  });

  it('when a unit event is a failed completion, then it raises step-completed and defect-recorded', () => {
    expect(triggerTypesOf({ type: 'completed', result: 'fail' })).toEqual(['unit.step-completed', 'unit.defect-recorded']);
    expect(triggerTypesOf({ type: 'completed', result: 'pass' })).toEqual(['unit.step-completed']);
    expect(triggerTypesOf({ type: 'started', result: null })).toEqual([]);
  });

  it('when a rule triggers on defects only, then a passed completion does not trigger it', () => {
    const rule = { triggers: [{ event: 'unit.defect-recorded' as const }] };
    expect(triggers(rule, { type: 'unit.step-completed', values: {} })).toBe(false);
    expect(triggers(rule, { type: 'unit.defect-recorded', values: {} })).toBe(true);
    expect(triggers(rule, { type: 'schedule', values: {} })).toBe(false);
  });

  it('when params bind to context variables, then they take the values; a binding without a value is left out', () => {
    expect(resolveParams({ window: '1h', line: '{{line}}', step: '{{ step }}' }, { line: 'SMT1' })).toEqual({ window: '1h', line: 'SMT1' });
  });

  it('when the scope names exactly one line, then the line variable is pinned to it', () => {
    expect(withPinnedScope({ lines: ['SMT1'], steps: ['a', 'b'] }, {})).toEqual({ line: 'SMT1' });
  });

  it('when two events share the dedup context, then they share a coalescing key', () => {
    expect(coalesceKey('r', 'x:{{productModel}}', { productModel: 'A', serial: '1' })).toBe(coalesceKey('r', 'x:{{productModel}}', { productModel: 'A', serial: '2' }));
    expect(coalesceKey('r', 'x:{{productModel}}', { productModel: 'A' })).not.toBe(coalesceKey('r', 'x:{{productModel}}', { productModel: 'B' }));
  });
});

describe('coalescing', () => {
  function manualTimers(): Timers & { fire(): void; count(): number } {
    let pending: Array<() => void> = [];
    return {
      set: (fn) => pending.push(fn),
      clear: () => undefined,
      fire() {
        const due = pending;
        pending = [];
        due.forEach((fn) => fn());
      },
      count: () => pending.length,
    };
  }

  it('when 1,000 offers of one key arrive within a window, then the first runs at once and the last when it closes', () => {
    const timers = manualTimers();
    const runs: number[] = [];
    const c = new Coalescer<number>(500, (_k, n) => runs.push(n), timers);
    for (let i = 0; i < 1000; i++) c.offer('k', i);
    expect(runs).toEqual([0]);
    timers.fire();
    expect(runs).toEqual([0, 999]);
    timers.fire();
    expect(c.open).toBe(0);
    expect(runs).toHaveLength(2);
  });

  it('when offers have different keys, then each key runs', () => {
    const runs: string[] = [];
    const c = new Coalescer<number>(500, (k) => runs.push(k), manualTimers());
    c.offer('a', 1);
    c.offer('b', 1);
    expect(runs).toEqual(['a', 'b']);
  });

  it('when flushed, then pending items run and windows close', () => {
    const runs: number[] = [];
    const c = new Coalescer<number>(500, (_k, n) => runs.push(n), manualTimers());
    c.offer('a', 1);
    c.offer('a', 2);
    c.flush();
    expect(runs).toEqual([1, 2]);
    expect(c.open).toBe(0);
  });
});

describe('windows', () => {
  const shifts = [
    { id: 'day', name: 'Day', start: '08:00', end: '20:00' },
    { id: 'night', name: 'Night', start: '20:00', end: '08:00' },
  ];
  it.each([
    ['2026-11-24T02:30:00Z', '2026-11-24T00:00:00.000Z'], // 10:30 in Shanghai: day shift since 08:00 local
    ['2026-11-24T13:00:00Z', '2026-11-24T12:00:00.000Z'], // 21:00 local: night shift since 20:00
    ['2026-11-24T20:00:00Z', '2026-11-24T12:00:00.000Z'], // 04:00 local next day: still the night shift
  ])('when it is %s, then the shift started at %s', (now, start) => {
    expect(shiftStart(new Date(now), 'Asia/Shanghai', shifts).toISOString()).toBe(start);
  });

  it('when no shift is defined, then the shift window starts at local midnight', () => {
    expect(shiftStart(new Date('2026-11-24T02:30:00Z'), 'Asia/Shanghai', []).toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('when the window is 15m, then it covers the last 15 minutes', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(windowRange('15m', now, 'UTC', [])).toEqual({ from: new Date('2026-11-24T09:45:00Z'), to: now });
    expect(windowRange(undefined, now, 'UTC', [])).toBeUndefined();
  });
});

describe('evaluation with sample facts', () => {
  const rule: AlertRule = {
    name: 'Rate',
    triggers: [{ event: 'unit.step-completed' }],
    conditions: { any: [{ fact: 'defectRate', operator: 'greaterThan', value: 2, params: { window: '1h', line: '{{line}}' } }, { fact: 'defectCount', operator: 'greaterThan', value: 10, params: { window: '1h' } }] },
    event: { type: 'q.rate', severity: 'minor', message: { en: '{{ruleName}} on {{line}}: {{fact}} {{value}} > {{threshold}} in {{window}}', zh: '{{line}} {{value}}' } },
    escalationPolicy: 'p',
  };
  const source = (values: Record<string, number>) => ({ value: (name: string) => Promise.resolve(values[name] ?? 0) });

  it('when the second leaf holds, then it decides the template variables', async () => {
    const e = await evaluateRule(compileRule('rate', 3, rule), { values: { line: 'SMT1' }, at: new Date(0) }, source({ defectRate: 1.234, defectCount: 12 }));
    expect(e.fired).toBe(true);
    expect(e.message.en).toBe('Rate on SMT1: defectCount 12 > 10 in 1h');
    expect(e.dedupKey).toBe('rule:rate');
    expect(e.trace.map((l) => [l.path, l.factValue, l.result])).toEqual([
      ['/conditions/any/0', 1.234, false],
      ['/conditions/any/1', 12, true],
    ]);
    expect(e.facts).toEqual({ 'defectRate(line=SMT1,window=1h)': 1.234, 'defectCount(window=1h)': 12 });
  });

  it('when no leaf holds, then the rule does not fire and the first leaf fills the variables', async () => {
    const e = await evaluateRule(compileRule('rate', 3, rule), { values: { line: 'SMT1' }, at: new Date(0) }, source({ defectRate: 1.234, defectCount: 1 }));
    expect(e.fired).toBe(false);
    expect(e.message.zh).toBe('SMT1 1.23');
  });

  it('when a rule names an operator the registry lacks, then it is refused at load', () => {
    const bad = { ...rule, conditions: { all: [{ fact: 'defectRate', operator: 'startsWith', value: 2 }] } };
    expect(() => compileRule('bad', 1, bad)).toThrow(RuleLoadError);
  });

  it('when several rules run in one engine pass, then each computes its facts with its own scope and bindings and fires on its own', async () => {
    // Arrange: the same fact and threshold, scoped to two product models; the fact source answers by model
    const scoped = (model: string): AlertRule => ({
      ...rule,
      scope: { productModels: [model] },
      conditions: { all: [{ fact: 'defectRate', operator: 'greaterThan', value: 2, params: { window: '1h', productModel: '{{productModel}}', line: '{{line}}' } }] },
    });
    const rules = [compileRule('rate-a', 1, scoped('A')), compileRule('rate-b', 1, scoped('B'))];
    const asked: Array<[string, unknown, unknown]> = [];
    const byModel = { value: (name: string, params: Record<string, unknown>, scope?: unknown) => (asked.push([name, params, scope]), Promise.resolve(params.productModel === 'A' ? 5 : 1)) };

    // Act
    const runs = await runRules(engineOf(rules), rules, { values: { line: 'SMT1' }, at: new Date(0) }, byModel);

    // Assert
    expect(runs.map((r) => [r.compiled.key, r.fired])).toEqual([['rate-a', true], ['rate-b', false]]);
    expect(asked).toEqual(expect.arrayContaining([
      ['defectRate', { window: '1h', productModel: 'A', line: 'SMT1' }, { productModels: ['A'] }],
      ['defectRate', { window: '1h', productModel: 'B', line: 'SMT1' }, { productModels: ['B'] }],
    ]));
    const why = explain(runs[0] as (typeof runs)[number]);
    expect(why.trace).toEqual([{ path: '/conditions/all/0', fact: 'defectRate', operator: 'greaterThan', value: 2, params: { window: '1h', productModel: 'A', line: 'SMT1' }, factValue: 5, result: true }]);
  });
});
