import { recordedEvents } from '../../../engine/routing/events';

const AT = '2026-11-24T08:00:00.000Z';

describe('recordedEvents', () => {
  it('when a keyed action records two drafts, then they are numbered on from the last seq and carry the sender, key and request hash', () => {
    // Arrange
    const drafts = [
      { type: 'completed' as const, step: 'aoi', result: 'fail' as const, defectCodes: ['BRIDGE'] },
      { type: 'held' as const, step: 'aoi', detail: 'rework loop exceeded' },
    ];

    // Act
    const events = recordedEvents(drafts, { station: 'AOI-1', operator: 'op-7', idempotencyKey: 'k-1', requestHash: 'h-1' }, 41, AT);

    // Assert
    expect(events).toEqual([
      { seq: 42, type: 'completed', step: 'aoi', station: 'AOI-1', operator: 'op-7', result: 'fail', detail: null, at: AT, idempotencyKey: 'k-1', requestHash: 'h-1', defectCodes: ['BRIDGE'] },
      { seq: 43, type: 'held', step: 'aoi', station: 'AOI-1', operator: 'op-7', result: null, detail: 'rework loop exceeded', at: AT, idempotencyKey: 'k-1', requestHash: 'h-1' },
    ]);
  });

  it('when a deadline records an event, then it has no sender, no key and no optional facts', () => {
    const [event] = recordedEvents([{ type: 'overdue' as const, step: 'weld' }], {}, 0, AT);

    expect(event).toEqual({ seq: 1, type: 'overdue', step: 'weld', station: null, operator: null, result: null, detail: null, at: AT, idempotencyKey: null });
  });

  it('when a lot scraps down to a quantity of zero with equipment named, then both are kept (zero is not dropped as falsy)', () => {
    const [event] = recordedEvents([{ type: 'partially-scrapped' as const, step: 'cut', quantity: 0, equipment: 'SAW-2' }], { operator: 'q-1' }, 5, AT);

    expect(event).toMatchObject({ seq: 6, quantity: 0, equipment: 'SAW-2', operator: 'q-1' });
  });
});
