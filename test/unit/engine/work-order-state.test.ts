/** What a work order makes of its units' reports: counts, the table per step, status and schedule. */
import { applyReport, checkSchedule, countsOf, initialWorkOrderState, statusOf, stepTable, type UnitReport, type WorkOrderState } from '../../../engine/work-order/state';

const ROUTING = { steps: [{ id: 'print' }, { id: 'aoi' }, { id: 'pack' }] } as Parameters<typeof stepTable>[1];

function released(serials: string[]): WorkOrderState {
  const state = initialWorkOrderState(serials);
  for (const u of state.units) Object.assign(u, { status: 'waiting', step: 'print' });
  state.releasedAt = '2025-01-01T08:00:00.000Z';
  return state;
}

const report = (serial: string, lastSeq: number, status: UnitReport['status'], step: string | null, over: Partial<UnitReport> = {}): UnitReport => ({ serial, lastSeq, status, step, ...over });

/** Applies reports in order, by serial. */
function play(state: WorkOrderState, reports: UnitReport[]): boolean[] {
  const index = new Map(state.units.map((u, i) => [u.serial, i]));
  return reports.map((r) => applyReport(state, index.get(r.serial), r));
}

describe('work-order state', () => {
  it('when units move through the steps, then each step counts who is there and who completed it', () => {
    // Arrange
    const state = released(['A', 'B', 'C', 'D']);

    // Act
    play(state, [
      report('A', 2, 'in-progress', 'print'),
      report('A', 3, 'waiting', 'aoi'),
      report('B', 2, 'in-progress', 'print'),
      report('B', 3, 'waiting', 'aoi'),
      report('B', 4, 'in-progress', 'aoi'),
      report('B', 5, 'waiting', 'pack'),
      report('B', 7, 'finished', null, { consumption: [{ partNumber: 'PCB-1', supplierLot: 'L1', quantity: 1 }] }),
      report('C', 3, 'held', 'print'),
      report('D', 2, 'in-progress', 'print'),
      report('D', 3, 'scrapped', null),
    ]);

    // Assert
    expect(countsOf(state)).toEqual({ quantity: 4, released: 4, remaining: 0, completed: 1, scrapped: 1, held: 1, wip: 2, releaseFailed: 0 });
    expect(stepTable(state, ROUTING)).toEqual([
      { step: 'print', waiting: 0, inProgress: 0, held: 1, completed: 2, scrapped: 1 },
      { step: 'aoi', waiting: 1, inProgress: 0, held: 0, completed: 1, scrapped: 0 },
      { step: 'pack', waiting: 0, inProgress: 0, held: 0, completed: 1, scrapped: 0 },
    ]);
    expect(state.units[1]?.consumption).toEqual([{ partNumber: 'PCB-1', supplierLot: 'L1', quantity: 1 }]);
  });

  it('when a report is older than what the order knows, or names a serial not in the order, then it changes nothing', () => {
    // Arrange
    const state = released(['A']);
    play(state, [report('A', 5, 'waiting', 'aoi')]);

    // Act
    const applied = play(state, [report('A', 4, 'in-progress', 'print'), report('Z', 9, 'finished', null), report('A', 5, 'waiting', 'aoi')]);

    // Assert
    expect(applied).toEqual([false, false, false]);
    expect(state.units[0]).toMatchObject({ status: 'waiting', step: 'aoi', lastSeq: 5 });
  });

  it('when a unit loops back to a step it completed, then the step still counts it once', () => {
    // Arrange
    const state = released(['A']);

    // Act
    play(state, [report('A', 2, 'waiting', 'aoi'), report('A', 3, 'waiting', 'print'), report('A', 4, 'waiting', 'aoi')]);

    // Assert
    expect(stepTable(state, ROUTING)[0]).toMatchObject({ step: 'print', completed: 1, waiting: 0 });
  });

  it.each<[string, string, (s: WorkOrderState) => void]>([
    ['nothing is released', 'created', (s) => s.units.forEach((u) => Object.assign(u, { status: 'planned', step: null }))],
    ['units are released and waiting at the entry', 'released', () => undefined],
    ['a unit has started', 'in-progress', (s) => Object.assign(s.units[0] as object, { status: 'in-progress' })],
    ['every unit is finished, scrapped or refused at release', 'completed', (s) => s.units.forEach((u, i) => Object.assign(u, { status: ['finished', 'scrapped', 'release-failed'][i % 3] }))],
  ])('when %s, then the status is %s', (_case, expected, arrange) => {
    // Arrange
    const state = released(['A', 'B', 'C']);
    arrange(state);

    // Act / Assert
    expect(statusOf(state)).toBe(expected);
  });

  describe('behind schedule', () => {
    const DUE = '2025-01-01T16:00:00.000Z';

    it.each<[string, boolean, number, string, string | null]>([
      ['the due time has passed with units open', true, 0, '2025-01-01T16:00:00.000Z', 'due-date'],
      ['the due time has not come and nothing is done yet', false, 0, '2025-01-01T15:00:00.000Z', null],
      // 10 units, 1 done after 2 h from 08:00: projected 08:00 + 20 h, after the due time.
      ['the pace projects the last unit after the due time', true, 1, '2025-01-01T10:00:00.000Z', 'projected-rate'],
      // 1 done after 30 min: projected 13:00, before the due time.
      ['the pace projects the last unit before the due time', false, 1, '2025-01-01T08:30:00.000Z', null],
      ['every unit is done when the due time passes', false, 10, '2025-01-02T00:00:00.000Z', null],
    ])('when %s, then behind is %s', (_case, behind, done, now, rule) => {
      // Arrange
      const state = released(Array.from({ length: 10 }, (_, i) => `S${i}`));
      state.units.slice(0, done).forEach((u) => Object.assign(u, { status: 'finished', step: null }));

      // Act
      const newly = checkSchedule(state, DUE, now);

      // Assert
      expect(newly).toBe(behind);
      expect(state.schedule).toMatchObject({ behind, rule, detectedAt: behind ? now : null });
    });

    it('when an order is behind already, then a later check does not report it again', () => {
      // Arrange
      const state = released(['A']);
      checkSchedule(state, DUE, '2025-01-01T17:00:00.000Z');

      // Act
      const again = checkSchedule(state, DUE, '2025-01-01T18:00:00.000Z');

      // Assert
      expect(again).toBe(false);
      expect(state.schedule.detectedAt).toBe('2025-01-01T17:00:00.000Z');
    });
  });
});
