/**
 * Diffing what lives inside a routing step: measurements and components are entities of their
 * own (id "<step id>/<name>"), defect code lists are sets reported as field changes of the step.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import type { Change } from '../../../../definitions/diff/types';
import { at, edited, minimalRouting, type RoutingFixture } from './fixtures';

const base = minimalRouting();
const diff = (after: unknown) => diffDefinitions('routing', base, after);
const withRouting = (edit: (r: RoutingFixture) => void): RoutingFixture => edited(base, edit);
const aoi = (r: RoutingFixture) => at(r.steps, 1);

describe('diffDefinitions(routing) inside a step', () => {
  it('when a measurement limit changes, then it is one changed measurement with the step id and field-level before/after', () => {
    // Arrange
    const after = withRouting((r) => (at(aoi(r).measurements, 0).usl = 20));

    // Act
    const { changes, summary } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([
      {
        op: 'changed',
        entity: 'measurement',
        id: 'aoi/solder-voids',
        pointer: '/steps/1/measurements/0',
        before: { name: 'solder-voids', unit: '%', usl: 25 },
        after: { name: 'solder-voids', unit: '%', usl: 20 },
        fields: [{ pointer: '/usl', before: 25, after: 20 }],
      },
    ]);
    expect(summary).toEqual({ measurement: { added: 0, removed: 0, changed: 1 } });
  });

  it('when a measurement is added to a step without any, then it is one added measurement and no step change', () => {
    // Arrange
    const temperature = { name: 'peak-temperature', unit: '°C', lsl: 235, usl: 250 };
    const after = withRouting((r) => (at(r.steps, 0).measurements = [temperature]));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([
      { op: 'added', entity: 'measurement', id: 'print/peak-temperature', pointer: '/steps/0/measurements/0', after: temperature },
    ]);
  });

  it.each<[string, (r: RoutingFixture) => void]>([
    ["a step's measurements are listed in another order", (r) => aoi(r).measurements?.reverse()],
    ["a step's defect codes are listed in another order", (r) => aoi(r).defectCodes?.reverse()],
  ])('when %s, then the versions are identical', (_case, edit) => {
    // Arrange
    const after = withRouting(edit);

    // Act
    const result = diff(after);

    // Assert
    expect(result.identical).toBe(true);
  });

  it("when a defect code is added to a step's list, then the step changed with the new code as a field change", () => {
    // Arrange
    const after = withRouting((r) => aoi(r).defectCodes?.splice(1, 0, 'SOLDER-BALL'));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ op, entity, id, fields }) => ({ op, entity, id, fields }))).toEqual([
      { op: 'changed', entity: 'step', id: 'aoi', fields: [{ pointer: '/defectCodes/1', after: 'SOLDER-BALL' }] },
    ]);
  });

  it('when a part number is allowed for a named component, then it is one changed component with the new part number', () => {
    // Arrange
    const after = withRouting((r) => at(at(at(r.steps, 0).components, 0).partNumbers, 0).partNumbers.push('PCB-A100-R2'));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ op, entity, id, pointer, fields }) => ({ op, entity, id, pointer, fields }))).toEqual([
      {
        op: 'changed',
        entity: 'component',
        id: 'print/Bare board',
        pointer: '/steps/0/components/0',
        fields: [{ pointer: '/partNumbers/0/partNumbers/1', after: 'PCB-A100-R2' }],
      },
    ]);
  });

  it("when a step's name and a measurement change, then the step and the measurement are reported in that order", () => {
    // Arrange
    const after = withRouting((r) => {
      aoi(r).name = 'AOI';
      at(aoi(r).measurements, 1).unit = 'µm';
    });

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ entity, id, pointer }) => ({ entity, id, pointer }))).toEqual([
      { entity: 'step', id: 'aoi', pointer: '/steps/1' },
      { entity: 'measurement', id: 'aoi/offset', pointer: '/steps/1/measurements/1' },
    ]);
  });
});
