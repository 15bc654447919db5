/**
 * The fact catalog: every fact a rule condition may test, the type of its value, its unit, and
 * the params it takes. Pure, JSON-serialisable data (the API hands it to the designer as is);
 * issue 7 implements each fact's calculation against the recorded events.
 *
 * A param value is either a literal of its param type (`"1h"`, `"SMT1"`, `"D-BRIDGE"`) or a
 * binding `"{{line}}"`: the value of that context variable where the rule is evaluated (the
 * triggering event, or a scope with a single entry). A fact whose optional dimension param is
 * absent is computed over the rule's whole scope.
 */
import type { Bilingual, ContextVariable } from './vocabulary';

export const FACT_VALUE_TYPES = ['number', 'integer', 'boolean'] as const;
export type FactValueType = (typeof FACT_VALUE_TYPES)[number];

export const PARAM_TYPE_NAMES = ['window', 'productModel', 'line', 'step', 'operator', 'defectCode', 'equipment', 'workOrder', 'partNumber'] as const;
export type ParamTypeName = (typeof PARAM_TYPE_NAMES)[number];

/** Master-data lists a param can refer to (checked when the validation context has master data). */
export type MasterDataReference = 'productModels' | 'lines' | 'defectCodes' | 'equipment' | 'parts';

export interface ParamType {
  name: ParamTypeName;
  labels: Bilingual;
  /** Regular expression (source) a literal value matches; values are strings. */
  pattern: string;
  example: string;
  /** The context variable a value may be bound to (`{{line}}`); absent: literals only. */
  binds?: ContextVariable;
  /** The master-data list a literal value must be found in. */
  reference?: MasterDataReference;
}

const IDENTIFIER = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
const CODE = '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$';

/** `shift` (the current shift) or 1 to 999 minutes, hours or days. */
export const WINDOW_PATTERN = '^(shift|[1-9][0-9]{0,2}[mhd])$';

export const PARAM_TYPES: Readonly<Record<ParamTypeName, ParamType>> = {
  window: { name: 'window', labels: { en: 'Time window', zh: '时间窗口' }, pattern: WINDOW_PATTERN, example: '1h' },
  productModel: { name: 'productModel', labels: { en: 'Product model', zh: '产品型号' }, pattern: IDENTIFIER, example: 'MB-A100', binds: 'productModel', reference: 'productModels' },
  line: { name: 'line', labels: { en: 'Line', zh: '产线' }, pattern: IDENTIFIER, example: 'SMT1', binds: 'line', reference: 'lines' },
  step: { name: 'step', labels: { en: 'Routing step', zh: '工序' }, pattern: IDENTIFIER, example: 'aoi', binds: 'step' },
  operator: { name: 'operator', labels: { en: 'Operator', zh: '操作员' }, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$', example: '1001', binds: 'operator' },
  defectCode: { name: 'defectCode', labels: { en: 'Defect code', zh: '不良代码' }, pattern: CODE, example: 'D-BRIDGE', binds: 'defectCode', reference: 'defectCodes' },
  equipment: { name: 'equipment', labels: { en: 'Equipment', zh: '设备' }, pattern: IDENTIFIER, example: 'OVEN-01', binds: 'equipment', reference: 'equipment' },
  workOrder: { name: 'workOrder', labels: { en: 'Work order', zh: '工单' }, pattern: CODE, example: 'WO-240001', binds: 'workOrder' },
  partNumber: { name: 'partNumber', labels: { en: 'Part number', zh: '物料号' }, pattern: CODE, example: 'PASTE-SAC305', binds: 'partNumber', reference: 'parts' },
};

/** Minutes in a window or schedule duration (`15m`, `12h`, `1d`); undefined for `shift` or a bad text. */
export function durationMinutes(text: string): number | undefined {
  const match = /^([1-9][0-9]{0,2})([mhd])$/.exec(text);
  if (!match) return undefined;
  const perUnit = { m: 1, h: 60, d: 1440 } as const;
  return Number(match[1]) * perUnit[match[2] as keyof typeof perUnit];
}

export interface FactParam {
  name: string;
  type: ParamTypeName;
  required: boolean;
}

export interface Fact {
  name: string;
  valueType: FactValueType;
  /** Unit of the value ('%', 'ppm', 'count', 'minutes'); absent for a boolean. */
  unit?: string;
  labels: Bilingual;
  description: Bilingual;
  params: readonly FactParam[];
}

const required = (type: ParamTypeName): FactParam => ({ name: type, type, required: true });
const optional = (...types: ParamTypeName[]): FactParam[] => types.map((type) => ({ name: type, type, required: false }));

export const FACTS: readonly Fact[] = [
  {
    name: 'defectRate',
    valueType: 'number',
    unit: '%',
    labels: { en: 'Defect rate', zh: '不良率' },
    description: { en: 'Units with a defect recorded, as a percentage of the units completed in the window.', zh: '时间窗口内记录不良的产品数占完成产品数的百分比。' },
    params: [required('window'), ...optional('productModel', 'line', 'step', 'defectCode')],
  },
  {
    name: 'dppm',
    valueType: 'number',
    unit: 'ppm',
    labels: { en: 'Defective parts per million', zh: '百万分之不良数 (DPPM)' },
    description: { en: 'Defective units per million units completed in the window.', zh: '时间窗口内每百万件完成产品中的不良品数。' },
    params: [required('window'), ...optional('productModel', 'line', 'step', 'defectCode')],
  },
  {
    name: 'defectCount',
    valueType: 'integer',
    unit: 'count',
    labels: { en: 'Defect count', zh: '不良数量' },
    description: { en: 'Defects recorded in the window.', zh: '时间窗口内记录的不良数量。' },
    params: [required('window'), ...optional('productModel', 'line', 'step', 'operator', 'defectCode', 'equipment')],
  },
  {
    name: 'firstPassYield',
    valueType: 'number',
    unit: '%',
    labels: { en: 'First pass yield', zh: '直通率' },
    description: { en: 'Units that finished their routing in the window without a failed step, as a percentage of all that finished.', zh: '时间窗口内无任何工序失败即完成工艺路线的产品所占百分比。' },
    params: [required('window'), ...optional('productModel', 'line')],
  },
  {
    name: 'stepYield',
    valueType: 'number',
    unit: '%',
    labels: { en: 'Step yield', zh: '工序良率' },
    description: { en: 'Passed results at the step as a percentage of all its results in the window.', zh: '时间窗口内该工序合格结果占全部结果的百分比。' },
    params: [required('window'), required('step'), ...optional('productModel', 'line')],
  },
  {
    name: 'consecutiveFailures',
    valueType: 'integer',
    unit: 'count',
    labels: { en: 'Consecutive failures', zh: '连续失败次数' },
    description: { en: 'Failed results at the step in a row, counted back from the latest result.', zh: '从最近一次结果往前计算，该工序连续失败的次数。' },
    params: [required('step'), ...optional('productModel', 'line', 'equipment')],
  },
  {
    name: 'operatorDefectRate',
    valueType: 'number',
    unit: '%',
    labels: { en: 'Operator defect rate', zh: '操作员不良率' },
    description: { en: "Units with a defect, as a percentage of the units the operator completed in the window.", zh: '时间窗口内该操作员完成的产品中记录不良的百分比。' },
    params: [required('window'), required('operator'), ...optional('productModel', 'line', 'step', 'defectCode')],
  },
  {
    name: 'unitsCompleted',
    valueType: 'integer',
    unit: 'count',
    labels: { en: 'Units completed', zh: '完成数量' },
    description: { en: 'Units that completed a step (the given one, or their last one) in the window.', zh: '时间窗口内完成工序（指定工序或最后一道工序）的产品数量。' },
    params: [required('window'), ...optional('productModel', 'line', 'step', 'operator', 'workOrder')],
  },
  {
    name: 'wipCount',
    valueType: 'integer',
    unit: 'count',
    labels: { en: 'Work in progress', zh: '在制品数量' },
    description: { en: 'Units released and not yet finished, now.', zh: '当前已投产但尚未完工的产品数量。' },
    params: optional('productModel', 'line', 'step', 'workOrder'),
  },
  {
    name: 'wipAgeMinutes',
    valueType: 'number',
    unit: 'minutes',
    labels: { en: 'Oldest work in progress', zh: '最长在制时间' },
    description: { en: 'Minutes since the oldest unfinished unit was released, now.', zh: '最早投产且尚未完工的产品已在制的分钟数。' },
    params: optional('productModel', 'line', 'step', 'workOrder'),
  },
  {
    name: 'overdueSteps',
    valueType: 'integer',
    unit: 'count',
    labels: { en: 'Overdue steps', zh: '超时工序数' },
    description: { en: 'Steps started and not completed within their standard time, now.', zh: '当前已开始但超过标准工时仍未完成的工序数量。' },
    params: optional('productModel', 'line', 'step'),
  },
  {
    name: 'queueTimeViolations',
    valueType: 'integer',
    unit: 'count',
    labels: { en: 'Queue time violations', zh: '等待时间超限次数' },
    description: { en: 'Units that waited longer than allowed before the step (e.g. after reflow), in the window.', zh: '时间窗口内在工序前等待超过允许时间（如回流焊后）的产品数量。' },
    params: [required('window'), ...optional('productModel', 'line', 'step')],
  },
  {
    name: 'equipmentDownMinutes',
    valueType: 'number',
    unit: 'minutes',
    labels: { en: 'Equipment downtime', zh: '设备停机时间' },
    description: { en: 'Minutes the equipment was down in the window, from its equipment-failure reports until they were resolved; without a window, the length of its current stop (0 when running).', zh: '时间窗口内设备停机的分钟数（自设备故障异常报告起至解决为止）；未指定窗口时为本次停机已持续的分钟数（运行中为 0）。' },
    params: [required('equipment'), ...optional('window')],
  },
  {
    name: 'orderBehindSchedule',
    valueType: 'number',
    unit: 'minutes',
    labels: { en: 'Work order behind schedule', zh: '工单落后计划' },
    description: { en: 'Minutes the work order is behind its planned progress (negative when ahead).', zh: '工单实际进度落后计划进度的分钟数（超前时为负数）。' },
    params: [required('workOrder')],
  },
  {
    name: 'materialShortage',
    valueType: 'boolean',
    labels: { en: 'Material shortage', zh: '物料短缺' },
    description: { en: 'Whether a material shortage reported by people or the WMS is open for the part (or work order) and line.', zh: '是否存在人员或 WMS 报告且尚未解决的该物料（或工单）、该产线的缺料异常。' },
    params: optional('partNumber', 'line', 'workOrder'),
  },
];

const byName = new Map(FACTS.map((fact) => [fact.name, fact]));

export function factByName(name: string): Fact | undefined {
  return byName.get(name);
}

export function isParamTypeName(name: string): name is ParamTypeName {
  return (PARAM_TYPE_NAMES as readonly string[]).includes(name);
}
