/** The rule tools over HTTP: fact catalog, dry run with trace, backtest, static checks (real API and servers). */
import { Connection } from '@temporalio/client';
import type { AlertRule } from '../../definitions/rules/schema';
import { temporalAddress, uniqueName } from '../support/env';
import { aoiDefectRule, example, publish } from '../support/rules';
import { http, startApi, type TestApi } from '../support/stack';
import { event, unitBatch } from '../support/unit-batches';

let connection: Connection;
let api: TestApi;

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
  api = await startApi('rules-api', connection);
  await publish(api.store, 'escalation-policy', 'quality-default', example('quality-default.escalation-policy.json'));
  await publish(api.store, 'alert-rule', 'aoi-defect-rate', aoiDefectRule(5, 3));
  // The last 3 hours: 4 units an hour at AOI, 2 of them failing in the last hour only.
  const now = Date.now();
  for (let h = 0; h < 3; h++) {
    for (let i = 0; i < 4; i++) {
      const at = new Date(now - (h * 60 + 10 + i * 5) * 60_000).toISOString();
      const fail = h === 0 && i < 2;
      await api.store.productionEvents.record(
        unitBatch({ productModel: 'MB-BT', events: [event(2, { type: 'completed', step: 'aoi', result: fail ? 'fail' : 'pass', at, ...(fail ? { defectCodes: ['D-BRIDGE'] } : {}) })] }),
      );
    }
  }
});
afterAll(async () => {
  await api.stop();
  await connection.close();
});

describe('GET /facts', () => {
  it('when the designer asks for the catalog, then every fact comes with its params, unit and zh/en labels', async () => {
    const res = await http<{ facts: Array<{ name: string; unit?: string; labels: { zh: string }; params: Array<{ name: string }> }>; operators: Array<{ name: string }> }>('GET', `${api.url}/facts`, undefined, api.admin);
    expect(res.status).toBe(200);
    const rate = res.body.facts.find((f) => f.name === 'defectRate');
    expect(rate).toMatchObject({ unit: '%', labels: { zh: '不良率' } });
    expect(rate?.params.map((p) => p.name)).toContain('window');
    expect(res.body.operators.map((o) => o.name)).toContain('greaterThan');
  });
});

describe('POST /rules/dry-run', () => {
  it('when a draft is run with sample facts over its thresholds, then it fires and each condition says why', async () => {
    const res = await http<{ fired: boolean; trace: Array<{ path: string; factValue: unknown; result: boolean; params: Record<string, string> }>; message: { en: string }; dedupKey: string }>(
      'POST', `${api.url}/rules/dry-run`, { rule: aoiDefectRule(5, 20), facts: { defectRate: 7.5, unitsCompleted: 30 }, context: { productModel: 'MB-X' } }, api.admin,
    );
    expect(res.status).toBe(200);
    expect(res.body.fired).toBe(true);
    expect(res.body.trace).toEqual([
      expect.objectContaining({ path: '/conditions/all/0', factValue: 7.5, result: true, params: { window: '1h', step: 'aoi', productModel: 'MB-X' } }),
      expect.objectContaining({ path: '/conditions/all/1', factValue: 30, result: true }),
    ]);
    expect(res.body.message.en).toBe('AOI defect rate of MB-X is 7.5% (limit 5%)');
    expect(res.body.dedupKey).toBe('aoi-defect-rate:MB-X');
  });

  it('when samples name the fact with its params, then each condition on that fact gets its own value', async () => {
    // Arrange: one rule comparing the 1 h and the 15 min defect rate of the same model
    const rule = aoiDefectRule(5, 20);
    const conditions = {
      all: [
        { fact: 'defectRate', operator: 'greaterThan', value: 5, params: { window: '1h', productModel: '{{productModel}}' } },
        { fact: 'defectRate', operator: 'greaterThan', value: 10, params: { window: '15m', productModel: '{{productModel}}' } },
      ],
    };

    // Act
    const res = await http<{ fired: boolean; trace: Array<{ factValue: unknown; result: boolean }>; facts: Record<string, unknown> }>('POST', `${api.url}/rules/dry-run`, {
      rule: { ...rule, conditions },
      facts: { defectRate: 6, 'defectRate(productModel=MB-X,window=15m)': 12 },
      context: { productModel: 'MB-X' },
    }, api.admin);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.trace.map((t) => [t.factValue, t.result])).toEqual([[6, true], [12, true]]);
    expect(res.body.facts).toEqual({ 'defectRate(productModel=MB-X,window=1h)': 6, 'defectRate(productModel=MB-X,window=15m)': 12 });
    expect(res.body.fired).toBe(true);
  });

  it('when the published rule is run without samples, then its facts come from the recorded production and one failing leaf keeps it quiet', async () => {
    const res = await http<{ fired: boolean; trace: Array<{ result: boolean }> }>('POST', `${api.url}/rules/dry-run`, { key: 'aoi-defect-rate', facts: { unitsCompleted: 1 }, context: { productModel: 'MB-BT' } }, api.admin);
    expect(res.status).toBe(200);
    expect(res.body.fired).toBe(false);
    expect(res.body.trace.map((t) => t.result)).toEqual([true, false]);
  });

  it('when neither a draft nor a key is given, then the answer is 422 with a finding', async () => {
    const res = await http<{ errors: Array<{ code: string }> }>('POST', `${api.url}/rules/dry-run`, { facts: {} }, api.admin);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.code).toBe('rule.dry-run-target');
  });

  it('when an operator asks for a dry run, then it is refused', async () => {
    const { auth } = await api.as('operator');
    const res = await http('POST', `${api.url}/rules/dry-run`, { key: 'aoi-defect-rate' }, auth);
    expect(res.status).toBe(403);
  });
});

describe('POST /rules/{key}/backtest', () => {
  it('when the last 6 hours are replayed, then it fires only in the hour the failures were recorded, bucketed by hour', async () => {
    const res = await http<{ evaluations: number; firings: number; bucketMinutes: number; buckets: Array<{ firings: number }>; fired: Array<{ at: string; dedupKey: string }> }>(
      'POST', `${api.url}/rules/aoi-defect-rate/backtest`, { hours: 6 }, api.admin,
    );
    expect(res.status).toBe(200);
    expect(res.body.evaluations).toBe(12);
    expect(res.body.firings).toBeGreaterThan(0);
    expect(res.body.bucketMinutes).toBe(60);
    expect(res.body.buckets).toHaveLength(6);
    expect(res.body.buckets.slice(0, 4).every((b) => b.firings === 0)).toBe(true);
    expect(new Set(res.body.fired.map((f) => f.dedupKey))).toEqual(new Set(['aoi-defect-rate:MB-BT']));
  });

  it('when the rule has no active version, then the answer is 404', async () => {
    const res = await http('POST', `${api.url}/rules/no-such-rule/backtest`, { days: 1 }, api.admin);
    expect(res.status).toBe(404);
  });
});

describe('GET /rules/checks', () => {
  it('when a published rule contradicts itself, then the checks name it and the conditions at fault', async () => {
    const never: AlertRule = { ...aoiDefectRule(5, 3), name: 'never', conditions: { all: [
      { fact: 'defectRate', operator: 'greaterThan', value: 5, params: { window: '1h' } },
      { fact: 'defectRate', operator: 'lessThan', value: 3, params: { window: '1h' } },
    ] } };
    await publish(api.store, 'alert-rule', uniqueName('never').toLowerCase(), never);
    const res = await http<{ findings: Array<{ rule: string; code: string; pointer: string; messageZh: string }> }>('GET', `${api.url}/rules/checks`, undefined, api.admin);
    expect(res.status).toBe(200);
    const found = res.body.findings.find((f) => f.code === 'checks.never-fires');
    expect(found?.rule).toMatch(/^never-/);
    expect(found?.pointer).toBe('/conditions/all/1');
    expect(found?.messageZh).toContain('永远不会触发');
  });
});
