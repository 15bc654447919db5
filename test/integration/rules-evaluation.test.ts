/**
 * Event-driven rule evaluation end to end: batches persisted through the real persistUnitBatch
 * activity drive the AOI defect rate over the rule's threshold, against the real MongoDB-wire server.
 */
import type { UnitBatch } from '../../definitions/units/model';
import { openStore, type Store } from '../../store';
import { createActivities } from '../../workers/activities';
import { RuleRuntime } from '../../workers/rules/engine';
import { mongoUri, uniqueName } from '../support/env';
import { aoiDefectRule, example, publish, RecordingOpener } from '../support/rules';
import { event, unitBatch } from '../support/unit-batches';

let store: Store;
beforeAll(async () => {
  store = await openStore(mongoUri(uniqueName('rules-eval')));
  await publish(store, 'escalation-policy', 'quality-default', example('quality-default.escalation-policy.json'));
  await publish(store, 'alert-rule', 'aoi-defect-rate', aoiDefectRule(5, 20));
});
afterAll(async () => {
  await store.connection.dropDatabase().catch(() => undefined);
  await store.close();
});

function aoiDone(model: string, result: 'pass' | 'fail', serial = uniqueName('SN')): UnitBatch {
  const at = new Date().toISOString();
  return unitBatch({ serial, productModel: model, status: 'waiting', step: 'test', events: [event(2, { type: 'completed', step: 'aoi', station: 'AOI-01', operator: 'op-1', result, at, ...(result === 'fail' ? { defectCodes: ['D-BRIDGE'] } : {}) })] });
}

describe('event-driven evaluation', () => {
  it('when persisted batches drive the AOI defect rate over the threshold, then exactly one incident is opened with the why', async () => {
    // Arrange
    const opener = new RecordingOpener();
    const rules = new RuleRuntime({ store, opener, coalesceMs: 50 });
    const { persistUnitBatch } = createActivities({ store, rules });

    // Act: 20 good units (rate 0 %), then 1 failure (4.8 %: under), then 3 more failures (over 5 %)
    for (let i = 0; i < 20; i++) await persistUnitBatch(aoiDone('MB-E2E', 'pass'));
    await persistUnitBatch(aoiDone('MB-E2E', 'fail'));
    await rules.settle();
    const before = opener.occurrences.length;
    for (let i = 0; i < 3; i++) await persistUnitBatch(aoiDone('MB-E2E', 'fail'));
    await rules.settle();
    rules.close();

    // Assert
    expect(before).toBe(0);
    expect(opener.started).toHaveLength(1);
    const [opening] = opener.started;
    expect(opening?.dedupKey).toBe('aoi-defect-rate:MB-E2E');
    expect(opening?.policy.key).toBe('quality-default');
    expect(opening?.title.en).toMatch(/^AOI defect rate of MB-E2E is \d+(\.\d+)?% \(limit 5%\)$/);
    const snapshot = opening?.source.kind === 'rule' ? opening.source.snapshot : undefined;
    expect(snapshot?.conditions.map((c) => [c.path, c.result])).toEqual([
      ['/conditions/all/0', true],
      ['/conditions/all/1', true],
    ]);
    expect(snapshot?.conditions[0]?.factValue).toBeGreaterThan(5);
    expect(snapshot?.units).toHaveLength(1);
  });

  it('when a batch is retried, then its events are recorded once', async () => {
    const { persistUnitBatch } = createActivities({ store });
    const batch = aoiDone('MB-RETRY', 'fail');
    await persistUnitBatch(batch);
    await persistUnitBatch(batch);
    const rows = await store.productionEvents.find({ productModel: 'MB-RETRY' }, ['_id']);
    expect(rows).toHaveLength(1);
  });

  it('when 1,000 events of one rule and product model arrive in a burst, then they are coalesced into a few evaluations', async () => {
    // Arrange
    const opener = new RecordingOpener();
    const rules = new RuleRuntime({ store, opener, coalesceMs: 500 });

    // Act
    for (let i = 0; i < 1000; i++) rules.offer(aoiDone('MB-BURST', 'pass', `BURST-${i}`));
    await rules.settle();
    rules.close();

    // Assert
    expect(rules.stats.offered).toBe(1000);
    expect(rules.stats.evaluations).toBeLessThanOrEqual(3);
    expect(rules.stats.evaluations).toBeGreaterThanOrEqual(1);
  });

  it('when events are outside the rule scope, then the rule is not offered them', async () => {
    const rules = new RuleRuntime({ store, opener: new RecordingOpener(), coalesceMs: 50 });
    const batch = aoiDone('MB-SCOPE', 'fail');
    rules.offer({ ...batch, events: batch.events.map((e) => ({ ...e, step: 'ict' })) });
    await rules.settle();
    rules.close();
    expect(rules.stats.offered).toBe(0);
  });
});
