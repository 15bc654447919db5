/**
 * What a station sends with a completed step — measurements, scanned components, defect codes —
 * checked against the step it completes: mixed-model error-proofing (混料防错), supplier lots,
 * required measurements, and the LSL/USL judgement that turns a pass into a fail. Pure.
 */
import type { Outcome, RoutingStep, StepComponent } from '../../definitions/routing/schema';
import type { ComponentScan, MeasurementReading } from '../../definitions/units/model';

export interface StepData {
  equipment?: string;
  measurements?: Array<{ name: string; value: number }>;
  components?: Array<{ partNumber: string; supplierLot?: string; quantity?: number }>;
  defectCodes?: string[];
}

export type DataRejectionCode =
  | 'COMPONENT_NOT_ALLOWED'
  | 'SUPPLIER_LOT_REQUIRED'
  | 'COMPONENT_MISSING'
  | 'MEASUREMENT_REQUIRED'
  | 'MEASUREMENT_UNKNOWN'
  | 'DEFECT_CODE_NOT_ALLOWED'
  | 'DEFECT_CODES_ON_PASS';

export interface DataRejection {
  code: DataRejectionCode;
  message: string;
  /** A JSON pointer into the action body that names the offending value. */
  pointer: string;
}

/** The part numbers a component allows for a product model: its own entry, else the general one. */
export function allowedParts(component: StepComponent, productModel: string | undefined): string[] {
  const own = productModel === undefined ? undefined : component.partNumbers.find((e) => e.productModel === productModel);
  const general = component.partNumbers.find((e) => e.productModel === undefined);
  return [...(own ?? general ?? { partNumbers: [] }).partNumbers];
}

function componentName(c: StepComponent, i: number): string {
  return c.name ?? `component ${i + 1}`;
}

/** The step component a scanned part belongs to for this model; undefined when none allows it. */
function componentFor(step: RoutingStep, partNumber: string, productModel: string | undefined): StepComponent | undefined {
  return (step.components ?? []).find((c) => allowedParts(c, productModel).includes(partNumber));
}

/** Why the data sent with completing `step` is refused; undefined when it is acceptable. */
export function dataRejection(step: RoutingStep, result: Outcome | undefined, data: StepData, productModel: string | undefined): DataRejection | undefined {
  const scans = data.components ?? [];
  for (const [i, scan] of scans.entries()) {
    const component = componentFor(step, scan.partNumber, productModel);
    if (component === undefined) {
      const otherModel = (step.components ?? []).flatMap((c) => c.partNumbers).find((e) => e.productModel !== undefined && e.partNumbers.includes(scan.partNumber))?.productModel;
      const allowed = (step.components ?? []).flatMap((c) => allowedParts(c, productModel));
      const why = otherModel !== undefined
        ? `part ${scan.partNumber} belongs to product model ${otherModel}, this unit is ${productModel ?? 'of no model'} (混料防错)`
        : `part ${scan.partNumber} is not a component of step ${step.id}`;
      return { code: 'COMPONENT_NOT_ALLOWED', pointer: `/components/${i}/partNumber`, message: `${why}; allowed here: ${allowed.join(', ') || 'none'}` };
    }
    if (component.captureSupplierLot && !scan.supplierLot) {
      return { code: 'SUPPLIER_LOT_REQUIRED', pointer: `/components/${i}/supplierLot`, message: `scan the supplier lot of ${scan.partNumber} (${component.name ?? 'component'}): step ${step.id} records it (需扫描供应商批次)` };
    }
  }
  const declared = new Map((step.measurements ?? []).map((m) => [m.name, m]));
  for (const [i, m] of (data.measurements ?? []).entries()) {
    if (!declared.has(m.name)) {
      return { code: 'MEASUREMENT_UNKNOWN', pointer: `/measurements/${i}/name`, message: `step ${step.id} does not measure "${m.name}"; it measures: ${[...declared.keys()].join(', ') || 'nothing'}` };
    }
  }
  const codes = data.defectCodes ?? [];
  if (codes.length > 0 && result === 'pass') {
    return { code: 'DEFECT_CODES_ON_PASS', pointer: '/defectCodes', message: 'defect codes are recorded with a fail, not a pass' };
  }
  for (const [i, c] of codes.entries()) {
    if (step.defectCodes !== undefined && !step.defectCodes.includes(c)) {
      return { code: 'DEFECT_CODE_NOT_ALLOWED', pointer: `/defectCodes/${i}`, message: `step ${step.id} does not record defect code ${c}; it records: ${step.defectCodes.join(', ')}` };
    }
  }
  if (result !== 'pass') return undefined;
  const given = new Set((data.measurements ?? []).map((m) => m.name));
  const missing = [...declared.values()].filter((m) => m.required !== false && !given.has(m.name)).map((m) => m.name);
  if (missing.length > 0) {
    return { code: 'MEASUREMENT_REQUIRED', pointer: '/measurements', message: `step ${step.id} needs ${missing.map((n) => `"${n}"`).join(', ')} measured before it can pass (缺少必填测量值)` };
  }
  for (const [i, component] of (step.components ?? []).entries()) {
    if (!component.captureSupplierLot) continue;
    const parts = allowedParts(component, productModel);
    const scanned = scans.filter((s) => parts.includes(s.partNumber)).reduce((n, s) => n + (s.quantity ?? component.quantity), 0);
    if (scanned < component.quantity) {
      return { code: 'COMPONENT_MISSING', pointer: '/components', message: `scan ${componentName(component, i)} (${parts.join(' or ')}, ${component.quantity} needed, ${scanned} scanned) before step ${step.id} can pass` };
    }
  }
  return undefined;
}

export interface Judgement {
  /** The outcome after the limits: a pass with a value outside LSL/USL is a fail. */
  result: Outcome;
  readings: MeasurementReading[];
  /** Readings outside their limits, by name. */
  outOfSpec: string[];
  /** What the step consumed: the scans, plus components installed without a lot scan (backflushed). */
  consumption: ComponentScan[];
}

/** Judges accepted data: readings against their limits, and what was consumed. */
export function judge(step: RoutingStep, result: Outcome, data: StepData, productModel: string | undefined): Judgement {
  const declared = new Map((step.measurements ?? []).map((m) => [m.name, m]));
  const readings = (data.measurements ?? []).map((m): MeasurementReading => {
    const spec = declared.get(m.name);
    const ok = (spec?.lsl === undefined || m.value >= spec.lsl) && (spec?.usl === undefined || m.value <= spec.usl);
    return { name: m.name, value: m.value, ...(spec?.unit !== undefined ? { unit: spec.unit } : {}), ...(spec?.lsl !== undefined ? { lsl: spec.lsl } : {}), ...(spec?.usl !== undefined ? { usl: spec.usl } : {}), ok };
  });
  const outOfSpec = readings.filter((r) => !r.ok).map((r) => r.name);
  const scans = (data.components ?? []).map((s): ComponentScan => ({
    partNumber: s.partNumber,
    supplierLot: s.supplierLot ?? null,
    quantity: s.quantity ?? componentFor(step, s.partNumber, productModel)?.quantity ?? 1,
  }));
  const consumption = [...scans];
  if (result === 'pass') {
    for (const component of step.components ?? []) {
      const parts = allowedParts(component, productModel);
      if (component.captureSupplierLot || parts.length === 0 || scans.some((s) => parts.includes(s.partNumber))) continue;
      consumption.push({ partNumber: parts[0] as string, supplierLot: null, quantity: component.quantity });
    }
  }
  return { result: outOfSpec.length > 0 ? 'fail' : result, readings, outOfSpec, consumption };
}
