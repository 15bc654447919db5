/**
 * The data a station sends with a completed step — scanned components, measurements, defect
 * codes — checked against the step (混料防错, supplier lots, required values, LSL/USL), and how
 * the routing machine passes those checks on and lets the judgement choose the unit's way.
 */
import type { Routing, RoutingStep, StepComponent, StepMeasurement } from '../../../definitions/routing/schema';
import { allowedActions, apply, rejection, type AllowedAction, type StepAction, type UnitState } from '../../../engine/routing/machine';
import { allowedParts, dataRejection, judge, type DataRejectionCode, type StepData } from '../../../engine/routing/step-data';
import { complete, exampleRouting, SMT_MODEL, SMT_PASS_DATA, start } from '../../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const MODEL_A = 'M-A';
const MODEL_B = 'M-B';

function component(over: Partial<StepComponent> & Pick<StepComponent, 'partNumbers'>): StepComponent {
  return { quantity: 1, captureSupplierLot: false, ...over };
}

function measurement(name: string, over: Partial<StepMeasurement> = {}): StepMeasurement {
  return { name, ...over };
}

function step(over: Partial<RoutingStep> = {}): RoutingStep {
  return { id: 'mount', name: 'Mount', kind: 'operation', stationGroup: 'mounter', ...over };
}

/** A board per model (lot scanned), two MCUs (lot scanned), 24 capacitors (backflushed). */
const BOARD = component({
  name: 'Bare board',
  captureSupplierLot: true,
  partNumbers: [
    { productModel: MODEL_A, partNumbers: ['PCB-A'] },
    { productModel: MODEL_B, partNumbers: ['PCB-B'] },
  ],
});
const MCU = component({ name: 'MCU', quantity: 2, captureSupplierLot: true, partNumbers: [{ partNumbers: ['IC-1', 'IC-2'] }] });
const CAPS = component({
  name: 'Capacitors',
  quantity: 24,
  partNumbers: [{ partNumbers: ['CAP-1'] }, { productModel: MODEL_B, partNumbers: ['CAP-B'] }],
});

/** The mount step of the fixtures: components, measurements (one optional) and its defect codes. */
function mountStep(over: Partial<RoutingStep> = {}): RoutingStep {
  return step({
    components: [BOARD, MCU, CAPS],
    measurements: [
      measurement('Torque', { unit: 'Nm', lsl: 1.5, target: 2, usl: 2.5 }),
      measurement('Gap', { unit: 'mm', usl: 0.2 }),
      measurement('Ambient', { unit: '°C', lsl: 10, required: false }),
    ],
    defectCodes: ['D-1', 'D-2'],
    ...over,
  });
}

/** What an M-A unit sends with passing the mount step: everything in order. */
function goodData(over: Partial<StepData> = {}): StepData {
  return {
    components: [
      { partNumber: 'PCB-A', supplierLot: 'L-PCB' },
      { partNumber: 'IC-1', supplierLot: 'L-IC', quantity: 2 },
    ],
    measurements: [
      { name: 'Torque', value: 2 },
      { name: 'Gap', value: 0.1 },
    ],
    ...over,
  };
}

// ---------------------------------------------------------------------------------------------
// allowedParts
// ---------------------------------------------------------------------------------------------

describe('allowedParts', () => {
  it.each<[string, StepComponent, string | undefined, string[]]>([
    ['a model with its own entry', BOARD, MODEL_A, ['PCB-A']],
    ['the other model with its own entry', BOARD, MODEL_B, ['PCB-B']],
    ['a model without an entry and no general entry', BOARD, 'M-C', []],
    ['no model and no general entry', BOARD, undefined, []],
    ['a model without its own entry (general entry applies)', CAPS, MODEL_A, ['CAP-1']],
    ['a model whose own entry replaces the general one', CAPS, MODEL_B, ['CAP-B']],
    ['no model (general entry applies)', CAPS, undefined, ['CAP-1']],
  ])('when asked for %s, then exactly those part numbers are allowed', (_case, c, model, expected) => {
    // Act
    const parts = allowedParts(c, model);

    // Assert
    expect(parts).toEqual(expected);
  });

  it('when the returned list is changed, then the routing component stays as it was', () => {
    // Arrange
    const c = component({ partNumbers: [{ partNumbers: ['X-1'] }] });

    // Act
    allowedParts(c, undefined).push('X-2');

    // Assert
    expect(c.partNumbers).toEqual([{ partNumbers: ['X-1'] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// dataRejection
// ---------------------------------------------------------------------------------------------

describe('dataRejection', () => {
  it.each<[string, 'pass' | 'fail' | undefined, StepData, string | undefined]>([
    ['an M-A unit passes with its board, both MCUs and every required measurement', 'pass', goodData(), MODEL_A],
    ['an M-B unit passes with its own board', 'pass', goodData({ components: [{ partNumber: 'PCB-B', supplierLot: 'L' }, { partNumber: 'IC-2', supplierLot: 'L', quantity: 2 }] }), MODEL_B],
    ['the optional measurement is also sent, in spec', 'pass', goodData({ measurements: [...(goodData().measurements ?? []), { name: 'Ambient', value: 22 }] }), MODEL_A],
    ['the backflushed capacitors are scanned without a lot', 'pass', goodData({ components: [...(goodData().components ?? []), { partNumber: 'CAP-1' }] }), MODEL_A],
    ['the MCU quantity is made up of two scans of different allowed parts', 'pass', goodData({ components: [{ partNumber: 'PCB-A', supplierLot: 'L' }, { partNumber: 'IC-1', supplierLot: 'L1', quantity: 1 }, { partNumber: 'IC-2', supplierLot: 'L2', quantity: 1 }] }), MODEL_A],
    ['one MCU scan without a quantity counts as the whole component quantity', 'pass', goodData({ components: [{ partNumber: 'PCB-A', supplierLot: 'L' }, { partNumber: 'IC-1', supplierLot: 'L1' }] }), MODEL_A],
    ['a fail is sent with nothing scanned and nothing measured', 'fail', {}, MODEL_A],
    ['a fail is sent with an allowed defect code', 'fail', { defectCodes: ['D-2', 'D-1'] }, MODEL_A],
    ['no result is given and nothing is sent', undefined, {}, MODEL_A],
  ])('when %s, then the data is accepted', (_case, result, data, model) => {
    // Act
    const why = dataRejection(mountStep(), result, data, model);

    // Assert
    expect(why).toBeUndefined();
  });

  describe('mixed-model error-proofing (混料防错)', () => {
    it('when an M-A unit is given the bare board of M-B, then COMPONENT_NOT_ALLOWED names the other model and the parts allowed', () => {
      // Arrange
      const data = goodData({ components: [{ partNumber: 'PCB-B', supplierLot: 'L-PCB' }] });

      // Act
      const why = dataRejection(mountStep(), 'pass', data, MODEL_A);

      // Assert
      expect(why).toEqual({
        code: 'COMPONENT_NOT_ALLOWED',
        pointer: '/components/0/partNumber',
        message: 'part PCB-B belongs to product model M-B, this unit is M-A (混料防错); allowed here: PCB-A, IC-1, IC-2, CAP-1',
      });
    });

    it('when a unit of no model is given a board that belongs to M-A, then the message says the unit is of no model', () => {
      // Act
      const why = dataRejection(mountStep(), 'pass', goodData(), undefined);

      // Assert
      expect(why).toEqual({
        code: 'COMPONENT_NOT_ALLOWED',
        pointer: '/components/0/partNumber',
        message: 'part PCB-A belongs to product model M-A, this unit is of no model (混料防错); allowed here: IC-1, IC-2, CAP-1',
      });
    });

    it('when the wrong-model part is the second scan, then the pointer names that scan', () => {
      // Arrange
      const data: StepData = { components: [{ partNumber: 'IC-1', supplierLot: 'L' }, { partNumber: 'PCB-B', supplierLot: 'L' }] };

      // Act
      const why = dataRejection(mountStep(), 'fail', data, MODEL_A);

      // Assert
      expect(why?.code).toBe('COMPONENT_NOT_ALLOWED');
      expect(why?.pointer).toBe('/components/1/partNumber');
      expect(why?.message).toContain('belongs to product model M-B');
      expect(why?.message).toContain('混料防错');
    });

    it.each<[string, RoutingStep, string, string | undefined, string]>([
      ['a part of no component of the step', mountStep(), 'XYZ-9', MODEL_A, 'part XYZ-9 is not a component of step mount; allowed here: PCB-A, IC-1, IC-2, CAP-1'],
      ['the general part that M-B replaces with its own', mountStep(), 'CAP-1', MODEL_B, 'part CAP-1 is not a component of step mount; allowed here: PCB-B, IC-1, IC-2, CAP-B'],
      ['any part at a step without components', step(), 'IC-1', MODEL_A, 'part IC-1 is not a component of step mount; allowed here: none'],
    ])('when a station scans %s, then COMPONENT_NOT_ALLOWED lists what is allowed', (_case, s, partNumber, model, message) => {
      // Act
      const why = dataRejection(s, 'pass', { components: [{ partNumber, supplierLot: 'L' }] }, model);

      // Assert
      expect(why).toEqual({ code: 'COMPONENT_NOT_ALLOWED', pointer: '/components/0/partNumber', message });
      expect(why?.message).not.toContain('混料防错');
    });

    it('when the wrong part is sent with a fail, then it is still refused (a scan is checked whatever the result)', () => {
      // Act
      const why = dataRejection(mountStep(), 'fail', { components: [{ partNumber: 'PCB-B', supplierLot: 'L' }] }, MODEL_A);

      // Assert
      expect(why?.code).toBe('COMPONENT_NOT_ALLOWED');
    });
  });

  describe('supplier lots', () => {
    it.each<[string, StepData['components'], string, string]>([
      ['the board is scanned without its lot', [{ partNumber: 'PCB-A' }], '/components/0/supplierLot', 'scan the supplier lot of PCB-A (Bare board): step mount records it (需扫描供应商批次)'],
      ['the board lot is empty', [{ partNumber: 'PCB-A', supplierLot: '' }], '/components/0/supplierLot', 'scan the supplier lot of PCB-A (Bare board): step mount records it (需扫描供应商批次)'],
      ['the second scan (an MCU) lacks its lot', [{ partNumber: 'PCB-A', supplierLot: 'L' }, { partNumber: 'IC-2', quantity: 2 }], '/components/1/supplierLot', 'scan the supplier lot of IC-2 (MCU): step mount records it (需扫描供应商批次)'],
    ])('when %s, then SUPPLIER_LOT_REQUIRED points at it', (_case, components, pointer, message) => {
      // Act
      const why = dataRejection(mountStep(), 'pass', goodData({ components }), MODEL_A);

      // Assert
      expect(why).toEqual({ code: 'SUPPLIER_LOT_REQUIRED', pointer, message });
    });

    it('when an unnamed lot component is scanned without its lot, then the message calls it "component"', () => {
      // Arrange
      const s = step({ components: [component({ captureSupplierLot: true, partNumbers: [{ partNumbers: ['P-1'] }] })] });

      // Act
      const why = dataRejection(s, 'fail', { components: [{ partNumber: 'P-1' }] }, undefined);

      // Assert
      expect(why?.code).toBe('SUPPLIER_LOT_REQUIRED');
      expect(why?.message).toBe('scan the supplier lot of P-1 (component): step mount records it (需扫描供应商批次)');
    });
  });

  describe('components that must be scanned', () => {
    it.each<[string, StepData['components'], string]>([
      ['the board is not scanned', [{ partNumber: 'IC-1', supplierLot: 'L', quantity: 2 }], 'scan Bare board (PCB-A, 1 needed, 0 scanned) before step mount can pass'],
      ['no MCU is scanned', [{ partNumber: 'PCB-A', supplierLot: 'L' }], 'scan MCU (IC-1 or IC-2, 2 needed, 0 scanned) before step mount can pass'],
      ['one MCU of two is scanned', [{ partNumber: 'PCB-A', supplierLot: 'L' }, { partNumber: 'IC-1', supplierLot: 'L', quantity: 1 }], 'scan MCU (IC-1 or IC-2, 2 needed, 1 scanned) before step mount can pass'],
      ['nothing is scanned (the first missing component is named)', [], 'scan Bare board (PCB-A, 1 needed, 0 scanned) before step mount can pass'],
    ])('when %s on a pass, then COMPONENT_MISSING says what is needed', (_case, components, message) => {
      // Act
      const why = dataRejection(mountStep(), 'pass', goodData({ components }), MODEL_A);

      // Assert
      expect(why).toEqual({ code: 'COMPONENT_MISSING', pointer: '/components', message });
    });

    it('when an unnamed lot component is missing, then it is named by its position', () => {
      // Arrange
      const s = step({ components: [CAPS, component({ captureSupplierLot: true, quantity: 3, partNumbers: [{ partNumbers: ['P-1'] }] })] });

      // Act
      const why = dataRejection(s, 'pass', {}, MODEL_A);

      // Assert
      expect(why?.code).toBe('COMPONENT_MISSING');
      expect(why?.message).toBe('scan component 2 (P-1, 3 needed, 0 scanned) before step mount can pass');
    });

    it('when only the backflushed capacitors are left unscanned, then the pass is accepted', () => {
      // Arrange
      const s = step({ components: [CAPS] });

      // Act
      const why = dataRejection(s, 'pass', {}, MODEL_A);

      // Assert
      expect(why).toBeUndefined();
    });

    it('when lot components are missing on a fail, then it is accepted (only a pass must be complete)', () => {
      // Act
      const why = dataRejection(mountStep(), 'fail', { components: [{ partNumber: 'IC-1', supplierLot: 'L', quantity: 1 }] }, MODEL_A);

      // Assert
      expect(why).toBeUndefined();
    });
  });

  describe('measurements', () => {
    it.each<[string, StepData['measurements'], string]>([
      ['the torque is not sent', [{ name: 'Gap', value: 0.1 }], 'step mount needs "Torque" measured before it can pass (缺少必填测量值)'],
      ['nothing is measured', [], 'step mount needs "Torque", "Gap" measured before it can pass (缺少必填测量值)'],
      ['only the optional value is sent', [{ name: 'Ambient', value: 20 }], 'step mount needs "Torque", "Gap" measured before it can pass (缺少必填测量值)'],
    ])('when %s on a pass, then MEASUREMENT_REQUIRED names the missing required values', (_case, measurements, message) => {
      // Act
      const why = dataRejection(mountStep(), 'pass', goodData({ measurements }), MODEL_A);

      // Assert
      expect(why).toEqual({ code: 'MEASUREMENT_REQUIRED', pointer: '/measurements', message });
    });

    it('when a measurement is declared "required: true" explicitly and missing, then it is required too', () => {
      // Arrange
      const s = step({ measurements: [measurement('Height', { required: true })] });

      // Act
      const why = dataRejection(s, 'pass', {}, undefined);

      // Assert
      expect(why?.code).toBe('MEASUREMENT_REQUIRED');
      expect(why?.message).toContain('"Height"');
    });

    it('when required measurements are missing on a fail, then the fail is accepted', () => {
      // Act
      const why = dataRejection(mountStep(), 'fail', {}, MODEL_A);

      // Assert
      expect(why).toBeUndefined();
    });

    it.each<[string, RoutingStep, 'pass' | 'fail', StepData['measurements'], string, string]>([
      ['a value the step does not measure', mountStep(), 'pass', [{ name: 'Torque', value: 2 }, { name: 'Voltage', value: 5 }], '/measurements/1/name', 'step mount does not measure "Voltage"; it measures: Torque, Gap, Ambient'],
      ['a value with a wrongly cased name', mountStep(), 'fail', [{ name: 'torque', value: 2 }], '/measurements/0/name', 'step mount does not measure "torque"; it measures: Torque, Gap, Ambient'],
      ['any value at a step that measures nothing', step(), 'pass', [{ name: 'Torque', value: 2 }], '/measurements/0/name', 'step mount does not measure "Torque"; it measures: nothing'],
    ])('when %s is sent, then MEASUREMENT_UNKNOWN points at it', (_case, s, result, measurements, pointer, message) => {
      // Act
      const why = dataRejection(s, result, { measurements }, MODEL_A);

      // Assert
      expect(why).toEqual({ code: 'MEASUREMENT_UNKNOWN', pointer, message });
    });
  });

  describe('defect codes', () => {
    it('when defect codes are sent with a pass, then DEFECT_CODES_ON_PASS points at them', () => {
      // Act
      const why = dataRejection(mountStep(), 'pass', goodData({ defectCodes: ['D-1'] }), MODEL_A);

      // Assert
      expect(why).toEqual({ code: 'DEFECT_CODES_ON_PASS', pointer: '/defectCodes', message: 'defect codes are recorded with a fail, not a pass' });
    });

    it('when an empty list of defect codes is sent with a pass, then it is accepted', () => {
      // Act
      const why = dataRejection(mountStep(), 'pass', goodData({ defectCodes: [] }), MODEL_A);

      // Assert
      expect(why).toBeUndefined();
    });

    it.each<[string, string[], string, string]>([
      ['the only code is not the step\'s', ['D-9'], '/defectCodes/0', 'step mount does not record defect code D-9; it records: D-1, D-2'],
      ['the second code is not the step\'s', ['D-2', 'D-7'], '/defectCodes/1', 'step mount does not record defect code D-7; it records: D-1, D-2'],
    ])('when %s, then DEFECT_CODE_NOT_ALLOWED points at it and lists the step\'s codes', (_case, defectCodes, pointer, message) => {
      // Act
      const why = dataRejection(mountStep(), 'fail', { defectCodes }, MODEL_A);

      // Assert
      expect(why).toEqual({ code: 'DEFECT_CODE_NOT_ALLOWED', pointer, message });
    });

    it('when the step lists no defect codes of its own, then a fail may record any code', () => {
      // Act
      const why = dataRejection(step(), 'fail', { defectCodes: ['D-ANY'] }, undefined);

      // Assert
      expect(why).toBeUndefined();
    });
  });

  it.each<[string, DataRejectionCode, 'pass' | 'fail', StepData]>([
    ['a wrong-model part and a missing lot: the part is checked first', 'COMPONENT_NOT_ALLOWED', 'pass', { components: [{ partNumber: 'PCB-B' }] }],
    ['a missing lot and an unknown measurement', 'SUPPLIER_LOT_REQUIRED', 'pass', { components: [{ partNumber: 'PCB-A' }], measurements: [{ name: 'Voltage', value: 1 }] }],
    ['an unknown measurement and defect codes on a pass', 'MEASUREMENT_UNKNOWN', 'pass', { measurements: [{ name: 'Voltage', value: 1 }], defectCodes: ['D-1'] }],
    ['defect codes on a pass and missing measurements', 'DEFECT_CODES_ON_PASS', 'pass', { defectCodes: ['D-9'] }],
    ['missing measurements and missing components', 'MEASUREMENT_REQUIRED', 'pass', {}],
  ])('when the data has %s, then the first problem is reported as %s', (_case, code, result, data) => {
    // Act
    const why = dataRejection(mountStep(), result, data, MODEL_A);

    // Assert
    expect(why?.code).toBe(code);
  });
});

// ---------------------------------------------------------------------------------------------
// judge
// ---------------------------------------------------------------------------------------------

describe('judge', () => {
  it.each<[string, boolean, number]>([
    ['exactly on the lower limit', true, 1.5],
    ['exactly on the upper limit', true, 2.5],
    ['on target', true, 2],
    ['just below the lower limit', false, 1.4999],
    ['just above the upper limit', false, 2.5001],
    ['far below the lower limit', false, -3],
  ])('when the torque is %s, then the reading is judged ok=%s', (_case, ok, value) => {
    // Arrange
    const data = goodData({ measurements: [{ name: 'Torque', value }, { name: 'Gap', value: 0.1 }] });

    // Act
    const j = judge(mountStep(), 'pass', data, MODEL_A);

    // Assert
    expect(j.readings[0]).toEqual({ name: 'Torque', value, unit: 'Nm', lsl: 1.5, usl: 2.5, ok });
    expect(j.result).toBe(ok ? 'pass' : 'fail');
    expect(j.outOfSpec).toEqual(ok ? [] : ['Torque']);
  });

  it.each<[string, boolean, StepMeasurement, number]>([
    ['only an upper limit, far below it', true, measurement('Gap', { usl: 0.2 }), -100],
    ['only an upper limit, above it', false, measurement('Gap', { usl: 0.2 }), 0.21],
    ['only a lower limit, far above it', true, measurement('Temp', { lsl: 10 }), 1e6],
    ['only a lower limit, below it', false, measurement('Temp', { lsl: 10 }), 9.99],
    ['no limits at all', true, measurement('Note'), -1e9],
  ])('when a measurement has %s, then ok is %s', (_case, ok, m, value) => {
    // Act
    const j = judge(step({ measurements: [m] }), 'pass', { measurements: [{ name: m.name, value }] }, undefined);

    // Assert
    expect(j.readings.map((r) => r.ok)).toEqual([ok]);
    expect(j.result).toBe(ok ? 'pass' : 'fail');
  });

  it('when two readings are out of spec on a pass, then the pass becomes a fail naming both, in the order sent', () => {
    // Arrange
    const data = goodData({ measurements: [{ name: 'Gap', value: 0.3 }, { name: 'Torque', value: 3 }, { name: 'Ambient', value: 20 }] });

    // Act
    const j = judge(mountStep(), 'pass', data, MODEL_A);

    // Assert
    expect(j.result).toBe('fail');
    expect(j.outOfSpec).toEqual(['Gap', 'Torque']);
    expect(j.readings).toEqual([
      { name: 'Gap', value: 0.3, unit: 'mm', usl: 0.2, ok: false },
      { name: 'Torque', value: 3, unit: 'Nm', lsl: 1.5, usl: 2.5, ok: false },
      { name: 'Ambient', value: 20, unit: '°C', lsl: 10, ok: true },
    ]);
  });

  it('when every reading is in spec, then a fail stays a fail', () => {
    // Act
    const j = judge(mountStep(), 'fail', goodData(), MODEL_A);

    // Assert
    expect(j.result).toBe('fail');
    expect(j.outOfSpec).toEqual([]);
  });

  it('when nothing is measured, then there are no readings and the result stands', () => {
    // Act
    const j = judge(mountStep(), 'pass', {}, MODEL_A);

    // Assert
    expect(j).toMatchObject({ result: 'pass', readings: [], outOfSpec: [] });
  });

  describe('consumption', () => {
    it('when an M-A unit passes mount, then the scans are consumed and the capacitors backflushed', () => {
      // Act
      const j = judge(mountStep(), 'pass', goodData(), MODEL_A);

      // Assert
      expect(j.consumption).toEqual([
        { partNumber: 'PCB-A', supplierLot: 'L-PCB', quantity: 1 },
        { partNumber: 'IC-1', supplierLot: 'L-IC', quantity: 2 },
        { partNumber: 'CAP-1', supplierLot: null, quantity: 24 },
      ]);
    });

    it('when an M-B unit passes mount, then its own capacitor part is backflushed', () => {
      // Arrange
      const data: StepData = { components: [{ partNumber: 'PCB-B', supplierLot: 'L-B' }, { partNumber: 'IC-2', supplierLot: 'L-IC' }] };

      // Act
      const j = judge(mountStep(), 'pass', data, MODEL_B);

      // Assert
      expect(j.consumption).toEqual([
        { partNumber: 'PCB-B', supplierLot: 'L-B', quantity: 1 },
        { partNumber: 'IC-2', supplierLot: 'L-IC', quantity: 2 },
        { partNumber: 'CAP-B', supplierLot: null, quantity: 24 },
      ]);
    });

    it('when the capacitors were scanned, then they are not backflushed a second time', () => {
      // Arrange
      const data = goodData({ components: [...(goodData().components ?? []), { partNumber: 'CAP-1', quantity: 20 }] });

      // Act
      const j = judge(mountStep(), 'pass', data, MODEL_A);

      // Assert
      expect(j.consumption.filter((c) => c.partNumber === 'CAP-1')).toEqual([{ partNumber: 'CAP-1', supplierLot: null, quantity: 20 }]);
      expect(j.consumption).toHaveLength(3);
    });

    it('when the step fails, then only the scans are consumed (nothing is backflushed)', () => {
      // Arrange
      const data: StepData = { components: [{ partNumber: 'IC-1', supplierLot: 'L-IC' }] };

      // Act
      const j = judge(mountStep(), 'fail', data, MODEL_A);

      // Assert
      expect(j.consumption).toEqual([{ partNumber: 'IC-1', supplierLot: 'L-IC', quantity: 2 }]);
    });

    it('when a unit of no model passes, then a non-lot component with no part for it is not backflushed', () => {
      // Arrange
      const s = step({ components: [component({ quantity: 4, partNumbers: [{ productModel: MODEL_A, partNumbers: ['SCREW-A'] }] })] });

      // Act
      const j = judge(s, 'pass', {}, undefined);

      // Assert
      expect(j.consumption).toEqual([]);
    });

    it('when a scan carries no lot and no quantity of an unknown part, then it is consumed once without a lot', () => {
      // Act
      const j = judge(step(), 'fail', { components: [{ partNumber: 'LOOSE-1' }] }, undefined);

      // Assert
      expect(j.consumption).toEqual([{ partNumber: 'LOOSE-1', supplierLot: null, quantity: 1 }]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The machine with step data
// ---------------------------------------------------------------------------------------------

const smt: Routing = exampleRouting();
const CTX = { productModel: SMT_MODEL };
const waiting = (s: string): UnitState => ({ status: 'waiting', step: s });
const inProgress = (s: string): UnitState => ({ status: 'in-progress', step: s });

/** An inspection with code-specific and generic fail transitions. */
function inspectionRouting(over: { genericFail?: boolean } = {}): Routing {
  const s = (id: string, extra: Partial<RoutingStep> = {}): RoutingStep => ({ id, name: id, kind: 'operation', stationGroup: `g-${id}`, ...extra });
  return {
    name: 'Inspection with rework by defect',
    entry: 'inspect',
    steps: [
      s('inspect', { kind: 'inspection', defectCodes: ['D-BRIDGE', 'D-MISSING', 'D-POLARITY', 'D-SCRATCH'], measurements: [{ name: 'Height', unit: 'mm', lsl: 1, usl: 2, required: false }] }),
      s('desolder'),
      s('place'),
      s('repair'),
      s('pack', { kind: 'packaging' }),
    ],
    transitions: [
      { from: 'inspect', to: 'pack', on: 'pass' },
      { from: 'inspect', to: 'desolder', on: 'fail', defectCodes: ['D-BRIDGE'] },
      { from: 'inspect', to: 'place', on: 'fail', defectCodes: ['D-MISSING', 'D-POLARITY'] },
      ...(over.genericFail === false ? [] : [{ from: 'inspect', to: 'repair', on: 'fail' as const }]),
      { from: 'desolder', to: 'inspect', on: 'pass' },
      { from: 'place', to: 'inspect', on: 'pass' },
      { from: 'repair', to: 'inspect', on: 'pass' },
    ],
  };
}

describe('machine: rejection with step data', () => {
  it('when an MB-A100 board is printed on an MB-B200 bare board, then the data rejection is passed on with the allowed actions', () => {
    // Arrange
    const action = complete('print', 'pass', { components: [{ partNumber: 'PCB-B200', supplierLot: 'L-1' }] });

    // Act
    const why = rejection(inProgress('print'), action, smt, CTX);

    // Assert
    expect(why).toEqual({
      code: 'COMPONENT_NOT_ALLOWED',
      pointer: '/components/0/partNumber',
      message: 'part PCB-B200 belongs to product model MB-B200, this unit is MB-A100 (混料防错); allowed here: PCB-A100',
      allowed: [{ type: 'complete', step: 'print', stationGroup: 'smt-printer' }],
    });
  });

  it.each<[string, string, StepAction, DataRejectionCode, string]>([
    ['print passes without its bare board', 'print', complete('print', 'pass', { components: [] }), 'COMPONENT_MISSING', '/components'],
    ['mount passes with the MCU but without its lot', 'mount', complete('mount', 'pass', { components: [{ partNumber: 'IC-MCU-32' }] }), 'SUPPLIER_LOT_REQUIRED', '/components/0/supplierLot'],
    ['SPI passes without the paste volume', 'spi', complete('spi', 'pass', { measurements: [] }), 'MEASUREMENT_REQUIRED', '/measurements'],
    ['SPI reports an unknown measurement', 'spi', complete('spi', 'fail', { measurements: [{ name: 'Paste height', value: 1 }] }), 'MEASUREMENT_UNKNOWN', '/measurements/0/name'],
    ['AOI fails with an ICT defect code', 'aoi', complete('aoi', 'fail', { defectCodes: ['D-SHORT'] }), 'DEFECT_CODE_NOT_ALLOWED', '/defectCodes/0'],
    ['AOI passes with a defect code', 'aoi', complete('aoi', 'pass', { defectCodes: ['D-BRIDGE'] }), 'DEFECT_CODES_ON_PASS', '/defectCodes'],
  ])('when %s, then the machine refuses with the data rejection code and pointer', (_case, at, action, code, pointer) => {
    // Act
    const why = rejection(inProgress(at), action, smt, CTX);

    // Assert
    expect(why).toMatchObject({ code, pointer, allowed: [{ type: 'complete', step: at, stationGroup: expect.any(String) }] });
  });

  it('when the station sends the same wrong part without the routing at hand, then the step data is not checked', () => {
    // Arrange
    const action = complete('print', 'pass', { components: [{ partNumber: 'PCB-B200', supplierLot: 'L-1' }] });

    // Act
    const why = rejection(inProgress('print'), action, undefined, CTX);

    // Assert
    expect(why).toBeUndefined();
  });

  it('when the action is not allowed and also carries bad data, then STEP_NOT_ALLOWED comes first', () => {
    // Arrange
    const action = complete('print', 'pass', { components: [{ partNumber: 'PCB-B200', supplierLot: 'L-1' }] });

    // Act
    const why = rejection(waiting('print'), action, smt, CTX);

    // Assert
    expect(why?.code).toBe('STEP_NOT_ALLOWED');
  });

  it('when the data is refused, then apply throws with the same message and does not move the unit', () => {
    // Arrange
    const state = inProgress('spi');
    const action = complete('spi', 'pass', { measurements: [] });

    // Act
    const act = (): unknown => apply(smt, state, action, CTX);

    // Assert
    expect(act).toThrow('step spi needs "Paste volume" measured before it can pass (缺少必填测量值)');
    expect(state).toEqual(inProgress('spi'));
  });
});

describe('machine: the completed event carries the step data', () => {
  it('when mount passes with its MCU scan, then the event lists the scan, the backflushed capacitors and the equipment', () => {
    // Act
    const next = apply(smt, inProgress('mount'), complete('mount', 'pass', { equipment: 'NXT-3' }), CTX);

    // Assert
    expect(next.events).toEqual([
      {
        type: 'completed',
        step: 'mount',
        result: 'pass',
        equipment: 'NXT-3',
        components: [
          { partNumber: 'IC-MCU-32', supplierLot: 'LOT-MCU-0001', quantity: 1 },
          { partNumber: 'CAP-100N-0402', supplierLot: null, quantity: 24 },
        ],
      },
    ]);
    expect(next.state).toEqual(waiting('reflow'));
  });

  it('when ICT passes in spec, then the event carries every reading with its limits and no detail', () => {
    // Act
    const next = apply(smt, inProgress('ict'), complete('ict', 'pass'), CTX);

    // Assert
    expect(next.events).toEqual([
      {
        type: 'completed',
        step: 'ict',
        result: 'pass',
        measurements: [
          { name: '3V3 rail', value: 3.31, unit: 'V', lsl: 3.135, usl: 3.465, ok: true },
          { name: '5V rail', value: 5.01, unit: 'V', lsl: 4.75, usl: 5.25, ok: true },
          { name: 'Standby current', value: 18, unit: 'mA', usl: 50, ok: true },
        ],
      },
    ]);
    expect(next.state).toEqual(waiting('pack'));
  });

  it('when ICT passes with the 3V3 rail above its USL, then it is recorded as a fail and the unit follows the fail transition to repair', () => {
    // Arrange
    const measurements = [{ name: '3V3 rail', value: 3.6 }, ...(SMT_PASS_DATA.ict?.measurements ?? []).slice(1)];

    // Act
    const next = apply(smt, inProgress('ict'), complete('ict', 'pass', { measurements }), CTX);

    // Assert
    expect(next.state).toEqual({ status: 'waiting', step: 'repair', loops: { 'ict->repair:fail': 1 } });
    expect(next.events).toHaveLength(1);
    expect(next.events[0]).toMatchObject({ type: 'completed', step: 'ict', result: 'fail', detail: 'outside the limits (超出规格): 3V3 rail' });
    expect(next.events[0]?.measurements?.[0]).toEqual({ name: '3V3 rail', value: 3.6, unit: 'V', lsl: 3.135, usl: 3.465, ok: false });
  });

  it('when SPI passes with a paste volume exactly on its limits, then it passes', () => {
    // Act
    const low = apply(smt, inProgress('spi'), complete('spi', 'pass', { measurements: [{ name: 'Paste volume', value: 70 }] }), CTX);
    const high = apply(smt, inProgress('spi'), complete('spi', 'pass', { measurements: [{ name: 'Paste volume', value: 130 }] }), CTX);

    // Assert
    expect(low.state).toEqual(waiting('mount'));
    expect(high.state).toEqual(waiting('mount'));
    expect(high.events[0]?.result).toBe('pass');
  });

  it('when an out-of-spec pass happens at a step without a fail path, then the unit is held', () => {
    // Arrange
    const routing: Routing = {
      name: 'Press',
      steps: [
        { id: 'press', name: 'Press fit', kind: 'operation', stationGroup: 'press', measurements: [{ name: 'Force', unit: 'kN', lsl: 2, usl: 4 }] },
        { id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' },
      ],
      transitions: [{ from: 'press', to: 'pack', on: 'pass' }],
    };
    const reason = 'step press failed and the routing has no fail path from it';

    // Act
    const next = apply(routing, inProgress('press'), complete('press', 'pass', { measurements: [{ name: 'Force', value: 4.5 }] }));

    // Assert
    expect(next.state).toEqual({ status: 'held', step: 'press', holdReason: reason, resume: { status: 'waiting', step: 'press' } });
    expect(next.events.map((e) => e.type)).toEqual(['completed', 'held']);
    expect(next.events[0]).toMatchObject({ result: 'fail', detail: 'outside the limits (超出规格): Force' });
    expect(next.events[1]).toEqual({ type: 'held', step: 'press', detail: reason });
  });

  it('when AOI fails with defect codes, then the event records them', () => {
    // Act
    const next = apply(smt, inProgress('aoi'), complete('aoi', 'fail', { defectCodes: ['D-BRIDGE', 'D-TOMBSTONE'] }), CTX);

    // Assert
    expect(next.events).toEqual([{ type: 'completed', step: 'aoi', result: 'fail', defectCodes: ['D-BRIDGE', 'D-TOMBSTONE'] }]);
    expect(next.state).toEqual({ status: 'waiting', step: 'repair', loops: { 'aoi->repair:fail': 1 } });
  });
});

describe('machine: defect codes choose the fail transition', () => {
  it.each<[string, string, string[]]>([
    ['a bridge', 'desolder', ['D-BRIDGE']],
    ['a missing part', 'place', ['D-MISSING']],
    ['a polarity error (listed second on its transition)', 'place', ['D-POLARITY']],
    ['a code without a transition of its own', 'repair', ['D-SCRATCH']],
    ['no code at all', 'repair', []],
    ['a scratch first, then a missing part (the first code with a transition wins)', 'place', ['D-SCRATCH', 'D-MISSING']],
    ['a missing part first, then a bridge', 'place', ['D-MISSING', 'D-BRIDGE']],
    ['a bridge first, then a missing part', 'desolder', ['D-BRIDGE', 'D-MISSING']],
  ])('when the inspection fails with %s, then the unit goes to %s', (_case, to, defectCodes) => {
    // Arrange
    const routing = inspectionRouting();

    // Act
    const next = apply(routing, inProgress('inspect'), complete('inspect', 'fail', { defectCodes }));

    // Assert
    expect(next.state).toEqual(waiting(to));
  });

  it('when a pass turns into a fail by an out-of-spec reading, then the generic fail transition is taken', () => {
    // Arrange
    const routing = inspectionRouting();

    // Act
    const next = apply(routing, inProgress('inspect'), complete('inspect', 'pass', { measurements: [{ name: 'Height', value: 2.2 }] }));

    // Assert
    expect(next.state).toEqual(waiting('repair'));
    expect(next.events[0]).toMatchObject({ result: 'fail', detail: 'outside the limits (超出规格): Height' });
  });

  it('when the inspection fails with a code and there is no generic fail transition, then the code\'s own transition is still taken', () => {
    // Arrange
    const routing = inspectionRouting({ genericFail: false });

    // Act
    const next = apply(routing, inProgress('inspect'), complete('inspect', 'fail', { defectCodes: ['D-SCRATCH', 'D-BRIDGE'] }));

    // Assert
    expect(next.state).toEqual(waiting('desolder'));
  });
});

describe('machine: allowedActions with the routing', () => {
  it.each<[string, UnitState, AllowedAction[]]>([
    ['waiting at print', waiting('print'), [{ type: 'start', step: 'print', stationGroup: 'smt-printer' }]],
    ['in progress at ICT', inProgress('ict'), [{ type: 'complete', step: 'ict', stationGroup: 'test-ict' }]],
    ['at a step the routing does not have', waiting('xray'), [{ type: 'start', step: 'xray' }]],
    ['held', { status: 'held', step: 'aoi', holdReason: 'x' }, []],
    ['scrapped', { status: 'scrapped', step: null }, []],
  ])('when the unit is %s, then the allowed actions name the station group when known', (_case, state, expected) => {
    // Act
    const allowed = allowedActions(state, smt);

    // Assert
    expect(allowed).toEqual(expected);
  });

  it('when no routing is given, then the allowed action has no station group', () => {
    // Act
    const allowed = allowedActions(waiting('print'));

    // Assert
    expect(allowed).toEqual([{ type: 'start', step: 'print' }]);
  });

  it('when a refused start names the allowed action, then it carries the station group too', () => {
    // Act
    const why = rejection(waiting('print'), start('reflow'), smt, CTX);

    // Assert
    expect(why?.allowed).toEqual([{ type: 'start', step: 'print', stationGroup: 'smt-printer' }]);
    expect(why?.code).toBe('STEP_MISSED');
  });
});
