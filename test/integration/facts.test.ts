/** Fact providers against the real MongoDB-wire server, over seeded production events. */
import { FACTS } from '../../definitions/rules/facts';
import type { UnitBatch, UnitEvent } from '../../definitions/units/model';
import { openStore, type Store } from '../../store';
import { FACT_PROVIDERS, FactCache, type ResolvedParams } from '../../store/facts';
import type { IncidentView } from '../../definitions/incidents/view';
import { RecentEvents } from '../../workers/rules/facts/recent-events';
import { mongoUri, uniqueName } from '../support/env';
import { event, unitBatch } from '../support/unit-batches';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const minutesAgo = (m: number): string => new Date(NOW.getTime() - m * 60_000).toISOString();

let store: Store;
beforeAll(async () => {
  store = await openStore(mongoUri(uniqueName('facts')));
});
afterAll(async () => {
  await store.connection.dropDatabase().catch(() => undefined);
  await store.close();
});

/** A unit of the model that completed `step` with `result` `ago` minutes before NOW. */
function completion(over: { serial?: string; model?: string; line?: string; step?: string; result?: 'pass' | 'fail'; ago?: number; operator?: string; codes?: string[]; seq?: number; extra?: UnitEvent[] }): UnitBatch {
  const e = event(over.seq ?? 2, {
    type: 'completed',
    step: over.step ?? 'aoi',
    result: over.result ?? 'pass',
    operator: over.operator ?? 'op-1',
    at: minutesAgo(over.ago ?? 10),
    ...(over.codes ? { defectCodes: over.codes } : {}),
  });
  return unitBatch({ serial: over.serial ?? uniqueName('SN'), line: over.line ?? 'SMT1', productModel: over.model ?? 'MB-A', events: [e, ...(over.extra ?? [])] });
}

/**
 * The fact as the repository's aggregations compute it; the worker's in-memory window over the
 * same events (RecentEvents) must give the same value.
 */
async function fact(name: string, params: ResolvedParams, scope?: { productModels?: string[] }): Promise<unknown> {
  const env = { workOrders: store.workOrders, incidents: store.incidents, site: 'plant-1', now: NOW, timeZone: 'Asia/Shanghai', shifts: [] };
  const stored = await new FactCache({ ...env, events: store.productionEvents }).value(name, params, scope as never);
  const recent = new RecentEvents(store.productionEvents, { clock: () => NOW.getTime() });
  expect({ name, params, value: await new FactCache({ ...env, events: recent }).value(name, params, scope as never) }).toEqual({ name, params, value: stored });
  return stored;
}

async function seed(...batches: UnitBatch[]): Promise<void> {
  for (const b of batches) await store.productionEvents.record(b);
}

describe('production events', () => {
  it('when the same batch is recorded twice, then the second time adds nothing', async () => {
    const batch = completion({ model: 'RETRY' });
    expect(await store.productionEvents.record(batch)).toBe(1);
    expect(await store.productionEvents.record(batch)).toBe(0);
    expect(await fact('unitsCompleted', { window: '1h', productModel: 'RETRY', step: 'aoi' })).toBe(1);
  });
});

describe('quality facts', () => {
  beforeAll(async () => {
    // Model Q: 10 units at aoi in the last hour, 2 failed (one with D-BRIDGE), 1 passed with a code; 1 old failure.
    const batches = Array.from({ length: 10 }, (_, i) =>
      completion({ model: 'Q', result: i < 2 ? 'fail' : 'pass', codes: i === 0 ? ['D-BRIDGE', 'D-SHORT'] : i === 2 ? ['D-BRIDGE'] : undefined, ago: 50 - i, operator: i < 5 ? 'op-a' : 'op-b' }),
    );
    await seed(...batches, completion({ model: 'Q', result: 'fail', ago: 120 }), completion({ model: 'OTHER', result: 'fail', ago: 5 }));
  });

  it('when 3 of 10 units completed in the window have a defect, then the defect rate is 30 % and DPPM 300,000', async () => {
    expect(await fact('defectRate', { window: '1h', productModel: 'Q' })).toBeCloseTo(30);
    expect(await fact('dppm', { window: '1h', productModel: 'Q' })).toBeCloseTo(300_000);
  });

  it('when a defect code is given, then only units with that code count as defective', async () => {
    expect(await fact('defectRate', { window: '1h', productModel: 'Q', defectCode: 'D-BRIDGE' })).toBeCloseTo(20);
  });

  it('when the window is wider, then the older failure counts too', async () => {
    expect(await fact('defectRate', { window: '3h', productModel: 'Q' })).toBeCloseTo((4 / 11) * 100);
  });

  it('when no product model is given, then the rule scope limits the units', async () => {
    expect(await fact('defectRate', { window: '1h' }, { productModels: ['Q'] })).toBeCloseTo(30);
  });

  it('when defects are counted, then each code counts one and a failure without a code counts one', async () => {
    expect(await fact('defectCount', { window: '1h', productModel: 'Q' })).toBe(4);
    expect(await fact('defectCount', { window: '1h', productModel: 'Q', defectCode: 'D-BRIDGE' })).toBe(2);
  });

  it('when 8 of 10 results at the step passed, then the step yield is 80 %', async () => {
    expect(await fact('stepYield', { window: '1h', productModel: 'Q', step: 'aoi' })).toBeCloseTo(80);
    expect(await fact('stepYield', { window: '1h', productModel: 'Q', step: 'ict' })).toBe(100);
  });

  it('when an operator completed 5 units of which 3 had a defect, then the operator defect rate is 60 %', async () => {
    expect(await fact('operatorDefectRate', { window: '1h', productModel: 'Q', operator: 'op-a' })).toBeCloseTo(60);
    expect(await fact('operatorDefectRate', { window: '1h', productModel: 'Q', operator: 'op-b' })).toBeCloseTo(0);
  });
});

describe('consecutive failures and first pass yield', () => {
  it('when the latest three results at a step failed after a pass, then there are 3 consecutive failures', async () => {
    await seed(...['pass', 'fail', 'fail', 'fail'].map((r, i) => completion({ model: 'C', step: 'ict', result: r as 'pass' | 'fail', ago: 40 - i })));
    expect(await fact('consecutiveFailures', { step: 'ict', productModel: 'C' })).toBe(3);
  });

  it('when two units finished and one of them failed a step on the way, then the first pass yield is 50 %', async () => {
    const finished = (seq: number, ago: number): UnitEvent => event(seq, { type: 'finished', at: minutesAgo(ago) });
    await seed(
      completion({ model: 'F', result: 'fail', ago: 200, extra: [event(3, { type: 'completed', step: 'aoi', result: 'pass', at: minutesAgo(30) }), finished(4, 20)] }),
      completion({ model: 'F', result: 'pass', ago: 25, extra: [finished(3, 20)] }),
    );
    expect(await fact('firstPassYield', { window: '1h', productModel: 'F' })).toBeCloseTo(50);
    expect(await fact('unitsCompleted', { window: '1h', productModel: 'F' })).toBe(2);
  });
});

describe('flow facts', () => {
  it('when units are in progress, then WIP counts them and its age is that of the oldest', async () => {
    await store.units.applyBatch(unitBatch({ productModel: 'W', status: 'in-progress', step: 'aoi' }));
    await store.units.applyBatch(unitBatch({ productModel: 'W', status: 'finished', step: null }));
    expect(await fact('wipCount', { productModel: 'W' })).toBe(1);
    const age = (await fact('wipAgeMinutes', { productModel: 'W' })) as number;
    expect(age).toBeGreaterThanOrEqual(0);
  });

  it('when a step went overdue and another overdue step was completed since, then one step is overdue', async () => {
    const overdue = (ago: number): UnitEvent => event(3, { type: 'overdue', step: 'reflow', at: minutesAgo(ago) });
    await seed(
      completion({ model: 'O', step: 'print', ago: 90, extra: [overdue(30)] }),
      completion({ model: 'O', step: 'print', ago: 90, extra: [overdue(30), event(4, { type: 'completed', step: 'reflow', result: 'pass', at: minutesAgo(10) })] }),
    );
    expect(await fact('overdueSteps', { productModel: 'O' })).toBe(1);
  });

  it('when a queue-time limit was exceeded in the window, then it counts once per unit', async () => {
    await seed(completion({ model: 'QT', ago: 30, extra: [event(3, { type: 'queue-time-exceeded', step: 'reflow', at: minutesAgo(20) })] }));
    expect(await fact('queueTimeViolations', { window: '1h', productModel: 'QT' })).toBe(1);
    expect(await fact('queueTimeViolations', { window: '15m', productModel: 'QT' })).toBe(0);
  });
});

/** An exception's incident as the read model holds it: reported `ago` minutes before NOW, resolved `resolvedAgo` before (or open). */
async function reported(type: string, reference: string, line: string, ago: number, resolvedAgo?: number): Promise<void> {
  const view = {
    id: uniqueName('INC'), dedupKey: `exception:${type}:${line}:${reference}`, site: 'plant-1', line, type, severity: 'major', status: resolvedAgo === undefined ? 'open' : 'resolved',
    openedAt: minutesAgo(ago), acknowledgedAt: null, resolvedAt: resolvedAgo === undefined ? null : minutesAgo(resolvedAgo), ttaSeconds: null, ttrSeconds: null, revision: 1,
    context: { line, reference },
  };
  await store.incidents.save(view as unknown as IncidentView);
}

describe('resource facts and the cache', () => {
  it('when nothing reports equipment or material state, then downtime is 0 and there is no shortage', async () => {
    expect(await fact('equipmentDownMinutes', { equipment: 'OVEN-01' })).toBe(0);
    expect(await fact('materialShortage', {})).toBe(false);
    expect(await fact('orderBehindSchedule', { workOrder: 'WO-NONE' })).toBe(0);
  });

  it('when the equipment was reported down, then its downtime counts from the report to the resolution', async () => {
    // Arrange: OVEN-07 down 100-50 min ago (resolved) and again since 20 min ago (open)
    await reported('equipment-failure', 'OVEN-07', 'SMT1', 100, 50);
    await reported('equipment-failure', 'OVEN-07', 'SMT1', 20);
    await reported('equipment-failure', 'OVEN-99', 'SMT1', 50);

    // Act / Assert
    expect(await fact('equipmentDownMinutes', { equipment: 'OVEN-07', window: '1h' })).toBe(30); // 60-50 min ago, and the open 20
    expect(await fact('equipmentDownMinutes', { equipment: 'OVEN-07', window: '2h' })).toBe(70);
    expect(await fact('equipmentDownMinutes', { equipment: 'OVEN-07' })).toBe(20); // the current stop
  });

  it('when a material shortage is reported and still open, then the part (and its line) is short until it is resolved', async () => {
    await reported('material-shortage', 'PN-CAP-100N', 'SMT1', 30);
    await reported('material-shortage', 'PN-RES-10K', 'SMT1', 30, 10);
    expect(await fact('materialShortage', { partNumber: 'PN-CAP-100N' })).toBe(true);
    expect(await fact('materialShortage', { partNumber: 'PN-CAP-100N', line: 'FA1' })).toBe(false);
    expect(await fact('materialShortage', { partNumber: 'PN-RES-10K' })).toBe(false);
    expect(await fact('materialShortage', { line: 'SMT1' })).toBe(true);
  });

  it('when one pass asks for the same fact and params twice, then it is computed once', async () => {
    const cache = new FactCache({ events: store.productionEvents, workOrders: store.workOrders, incidents: store.incidents, site: 'plant-1', now: NOW, timeZone: 'Asia/Shanghai', shifts: [] });
    await Promise.all([cache.value('defectRate', { window: '1h', productModel: 'Q' }), cache.value('defectRate', { productModel: 'Q', window: '1h' })]);
    await cache.value('dppm', { window: '1h', productModel: 'Q' });
    expect(cache.computed).toBe(2);
  });

  it('when the catalog is listed, then every fact has a provider', () => {
    expect(FACTS.filter((f) => !Object.hasOwn(FACT_PROVIDERS, f.name)).map((f) => f.name)).toEqual([]);
  });
});
