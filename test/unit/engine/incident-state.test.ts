/**
 * An incident's state under its messages: occurrences and suppression, which Updates are refused
 * (with their codes), TTA/TTR, ids; and the MTTA/MTTR aggregation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EscalationPolicy } from '../../../definitions/policies/schema';
import { incidentMetrics, percentile } from '../../../engine/incident/metrics';
import { acknowledge, acknowledgeRejection, incidentId, openIncident, recordOccurrence, reopen, reopenRejection, resolve, resolveRejection, type IncidentState } from '../../../engine/incident/state';
import type { IncidentWorkflowInput } from '../../../engine/workflows/incident-messages';

const MIN = 60_000;
const T0 = Date.parse('2025-03-04T08:00:00.000Z');
const policy = JSON.parse(readFileSync(path.join(__dirname, '../../../definitions/examples/maintenance-default.escalation-policy.json'), 'utf8')) as EscalationPolicy;

function opened(): IncidentState {
  const input: IncidentWorkflowInput = {
    dedupKey: 'k1',
    type: 'equipment-failure',
    severity: 'major',
    title: { en: 'Reflow oven down', zh: '回流焊停机' },
    site: 'plant-1',
    line: 'SMT1',
    escalationPolicy: 'maintenance-default',
    source: { kind: 'manual', by: 'u1', exceptionType: 'equipment-failure' },
    context: { line: 'SMT1' },
    openedAt: new Date(T0).toISOString(),
    policy: { key: 'maintenance-default', version: 1, content: policy },
  };
  return openIncident(input, { workflowId: 'incident:k1', firstRunId: 'run-1' }, T0);
}

describe('incident ids', () => {
  it('when two runs open on the same day, then their ids differ and carry the date', () => {
    // Act
    const a = incidentId('2025-03-04T08:00:00.000Z', '0f3c1a7e-0000-4000-8000-000000000001');
    const b = incidentId('2025-03-04T09:00:00.000Z', '0f3c1a7e-0000-4000-8000-000000000002');

    // Assert
    expect(a).toMatch(/^INC-20250304-[0-9A-Z]{8}$/);
    expect(b).not.toBe(a);
  });
});

describe('occurrences', () => {
  it('when firings arrive while open and then while resolved, then the first opens, the next adds, the last is suppressed', () => {
    // Arrange
    const s = opened();

    // Act
    const first = recordOccurrence(s, { at: 'a', id: 'o1' }, true);
    const second = recordOccurrence(s, { at: 'b', id: 'o2' }, false);
    resolve(s, { by: 'u', resolution: 'fixed', causeCategory: 'machine' }, 30, T0 + MIN);
    const third = recordOccurrence(s, { at: 'c', id: 'o3' }, false);

    // Assert
    expect([first, second, third]).toEqual(['opening', 'occurrence', 'suppressed']);
    expect(s.record.occurrences).toMatchObject({ count: 2, suppressed: 1 });
    expect(s.cooldownUntilMs).toBe(T0 + 31 * MIN);
  });
});

describe('acknowledge, resolve, reopen', () => {
  it.each([
    ['acknowledge an open incident', (s: IncidentState) => acknowledgeRejection(s, { by: 'u' }, T0), undefined],
    ['acknowledge without a name', (s: IncidentState) => acknowledgeRejection(s, { by: ' ' }, T0), 'INVALID_INPUT'],
    ['acknowledge while paused', (s: IncidentState) => (acknowledge(s, policy, { by: 'u' }, T0), acknowledgeRejection(s, { by: 'v' }, T0 + MIN)), 'ALREADY_ACKNOWLEDGED'],
    ['acknowledge after the pause ran out', (s: IncidentState) => (acknowledge(s, policy, { by: 'u' }, T0), acknowledgeRejection(s, { by: 'v' }, T0 + 31 * MIN)), undefined],
    ['acknowledge a resolved incident', (s: IncidentState) => (resolve(s, { by: 'u', resolution: 'r', causeCategory: 'c' }, 0, T0), acknowledgeRejection(s, { by: 'v' }, T0)), 'ALREADY_RESOLVED'],
    ['resolve without a cause category', (s: IncidentState) => resolveRejection(s, { by: 'u', resolution: 'r', causeCategory: '' }), 'INVALID_INPUT'],
    ['resolve twice', (s: IncidentState) => (resolve(s, { by: 'u', resolution: 'r', causeCategory: 'c' }, 0, T0), resolveRejection(s, { by: 'u', resolution: 'r', causeCategory: 'c' })), 'ALREADY_RESOLVED'],
    ['reopen an open incident', (s: IncidentState) => reopenRejection(s, { by: 'u', reason: 'again' }), 'NOT_RESOLVED'],
    ['reopen a resolved incident', (s: IncidentState) => (resolve(s, { by: 'u', resolution: 'r', causeCategory: 'c' }, 0, T0), reopenRejection(s, { by: 'u', reason: 'again' })), undefined],
  ])('when they %s, then the refusal code is %s', (_case, act, code) => {
    // Arrange
    const s = opened();

    // Act
    const refusal = act(s);

    // Assert
    expect(refusal?.code).toBe(code);
  });

  it('when acknowledged after 4 minutes, resolved after 50 and reopened, then TTA and TTR stay and the ladder runs again', () => {
    // Arrange
    const s = opened();

    // Act
    acknowledge(s, policy, { by: 'tech', note: 'on my way' }, T0 + 4 * MIN);
    resolve(s, { by: 'tech', resolution: 'replaced fan', causeCategory: 'machine' }, 0, T0 + 50 * MIN);
    const resolved = { ...s.record };
    reopen(s, { by: 'qa', reason: 'fan failed again' }, T0 + 60 * MIN);

    // Assert
    expect(resolved).toMatchObject({ status: 'resolved', ttaSeconds: 240, ttrSeconds: 3000, acknowledgedBy: 'tech', causeCategory: 'machine' });
    expect(s.record).toMatchObject({ status: 'open', ttaSeconds: 240, resolvedAt: null, reopens: [{ by: 'qa', reason: 'fan failed again' }] });
    expect(s.ladder).toMatchObject({ run: 2, next: 0, stopped: false });
  });
});

describe('MTTA and MTTR', () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
  ])('when the values are %j, then the p%d is %s (nearest rank)', (values, p, expected) => {
    // Act & Assert
    expect(percentile(values, p)).toBe(expected);
  });

  it('when incidents of two types are grouped by type, then each group has its counts, means and percentiles', () => {
    // Arrange
    const base = { line: 'SMT1', openedAt: '2025-03-04T08:00:00.000Z' };
    const items = [
      { ...base, type: 'a', status: 'resolved', ttaSeconds: 60, ttrSeconds: 600 },
      { ...base, type: 'a', status: 'resolved', ttaSeconds: 120, ttrSeconds: 1200 },
      { ...base, type: 'b', status: 'acknowledged', ttaSeconds: 30, ttrSeconds: null },
      { ...base, type: 'b', status: 'open', ttaSeconds: null, ttrSeconds: null },
    ];

    // Act
    const m = incidentMetrics(items, 'type');

    // Assert
    expect(m.total).toMatchObject({ opened: 4, acknowledged: 3, resolved: 2, open: 2, mtta: { count: 3, mean: 70, p50: 60, p90: 120 }, mttr: { count: 2, mean: 900 } });
    expect(m.groups.map((g) => [g.key, g.opened, g.mtta.mean, g.mttr.mean])).toEqual([
      ['a', 2, 90, 900],
      ['b', 2, 30, null],
    ]);
  });
});
