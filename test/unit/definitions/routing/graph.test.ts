/**
 * The pure graph helpers the engine bundles into workflow code: where a unit starts and where
 * each outcome takes it, including fail transitions chosen by defect code.
 */
import { entryStepId, hasTransition, nextStepId, nextTransition, sourceStepIds } from '../../../../definitions/routing/graph';
import type { Routing } from '../../../../definitions/routing/schema';
import { exampleRouting } from '../../../support/fixtures';

/** Assemble, then test; a display failure goes back to assemble, any other failure to repair. */
function routing(over: Partial<Routing> = {}): Routing {
  return {
    name: 'Graph',
    steps: [
      { id: 'test', name: 'Test', kind: 'test', stationGroup: 'g' },
      { id: 'assemble', name: 'Assemble', kind: 'operation', stationGroup: 'g' },
      { id: 'repair', name: 'Repair', kind: 'rework', stationGroup: 'g' },
    ],
    transitions: [
      { from: 'assemble', to: 'test', on: 'pass' },
      { from: 'test', to: 'assemble', on: 'fail', defectCodes: ['D-DISPLAY'], maxLoops: 1 },
      { from: 'test', to: 'repair', on: 'fail', maxLoops: 2 },
      { from: 'repair', to: 'test', on: 'pass' },
    ],
    ...over,
  };
}

describe('entryStepId', () => {
  it.each<[string, Routing, string | undefined]>([
    ['the routing names its entry', exampleRouting(), 'print'],
    ['there is no entry and one step has no incoming transition (listed second)', routing({ transitions: routing().transitions.filter((t) => t.to !== 'assemble') }), 'assemble'],
    ['there is no entry and every step has an incoming transition (the first listed step)', routing(), 'test'],
    ['there is no entry and two steps have no incoming transition (the first listed step)', routing({ transitions: [] }), 'test'],
  ])('when %s, then the unit starts at the expected step', (_case, r, expected) => {
    // Act
    const entry = entryStepId(r);

    // Assert
    expect(entry).toBe(expected);
  });

  it('when steps are listed, then the steps without an incoming transition are named in listing order', () => {
    // Arrange
    const r = routing({ transitions: [{ from: 'assemble', to: 'test', on: 'pass' }] });

    // Act
    const sources = sourceStepIds(r);

    // Assert
    expect(sources).toEqual(['assemble', 'repair']);
  });
});

describe('nextStepId', () => {
  it.each<[string, string, 'pass' | 'fail', string | undefined, string | undefined]>([
    ['assemble passes', 'assemble', 'pass', undefined, 'test'],
    ['the test fails with a display defect', 'test', 'fail', 'D-DISPLAY', 'assemble'],
    ['the test fails with another defect code', 'test', 'fail', 'D-FUNC', 'repair'],
    ['the test fails without a defect code (the engine today)', 'test', 'fail', undefined, 'repair'],
    ['the test passes and has no pass transition (the routing ends)', 'test', 'pass', undefined, undefined],
  ])('when %s, then the unit goes to the expected step', (_case, from, outcome, defectCode, expected) => {
    // Act
    const next = nextStepId(routing(), from, outcome, defectCode);

    // Assert
    expect(next).toBe(expected);
  });

  it('when every fail transition names defect codes and none matches, then the first fail transition is taken', () => {
    // Arrange
    const r = routing({ transitions: routing().transitions.filter((t) => t.defectCodes !== undefined || t.on === 'pass') });

    // Act
    const next = nextTransition(r, 'test', 'fail');

    // Assert
    expect(next).toEqual({ from: 'test', to: 'assemble', on: 'fail', defectCodes: ['D-DISPLAY'], maxLoops: 1 });
    expect(hasTransition(r, 'test', 'fail')).toBe(true);
  });

  it('when a split step passes, then the engine takes its first branch', () => {
    // Arrange
    const coating = exampleRouting('coating-lot');

    // Act
    const next = nextStepId(coating, 'cure', 'pass');

    // Assert
    expect(next).toBe('inspect');
  });
});
