/**
 * The operator registry: json-rules-engine's built-in operators, each with the fact value types
 * it applies to, the `value` it expects, and a pure `evaluate` that issue 7 registers with
 * `engine.addOperator(name, evaluate)`, so the rules run with exactly the semantics tested here.
 *
 * `evaluate` never throws: operands of the wrong kind make it false (an alert rule fails closed,
 * it does not fire on data it cannot compare). It is stricter than json-rules-engine's own
 * operators, which coerce numeric strings ("5" < 10).
 */
import type { FactValueType } from './facts';
import type { Bilingual } from './vocabulary';

/** What an operator compares: a fact's value type, or a list (for contains / doesNotContain). */
export type OperandType = FactValueType | 'list';

/**
 * The `value` an operator expects, relative to the fact: `same` (a value of the fact's type),
 * `list` (a non-empty list of them) or `element` (one element of the fact's list).
 */
export type OperatorValueKind = 'same' | 'list' | 'element';

export const OPERATOR_NAMES = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

export interface OperatorSpec {
  name: OperatorName;
  symbol: string;
  labels: Bilingual;
  appliesTo: readonly OperandType[];
  value: OperatorValueKind;
  evaluate: (factValue: unknown, value: unknown) => boolean;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numeric =
  (compare: (a: number, b: number) => boolean) =>
  (factValue: unknown, value: unknown): boolean =>
    isNumber(factValue) && isNumber(value) && compare(factValue, value);
/** Membership by strict equality, as json-rules-engine's indexOf does. */
const has = (list: unknown, item: unknown): boolean => Array.isArray(list) && list.some((entry) => entry === item);

const SCALARS = ['number', 'integer', 'boolean'] as const;
const NUMBERS = ['number', 'integer'] as const;

export const OPERATORS: Readonly<Record<OperatorName, OperatorSpec>> = {
  equal: { name: 'equal', symbol: '=', labels: { en: 'equals', zh: '等于' }, appliesTo: SCALARS, value: 'same', evaluate: (a, b) => a === b },
  notEqual: { name: 'notEqual', symbol: '≠', labels: { en: 'does not equal', zh: '不等于' }, appliesTo: SCALARS, value: 'same', evaluate: (a, b) => a !== b },
  lessThan: { name: 'lessThan', symbol: '<', labels: { en: 'is less than', zh: '小于' }, appliesTo: NUMBERS, value: 'same', evaluate: numeric((a, b) => a < b) },
  lessThanInclusive: { name: 'lessThanInclusive', symbol: '≤', labels: { en: 'is at most', zh: '小于等于' }, appliesTo: NUMBERS, value: 'same', evaluate: numeric((a, b) => a <= b) },
  greaterThan: { name: 'greaterThan', symbol: '>', labels: { en: 'is greater than', zh: '大于' }, appliesTo: NUMBERS, value: 'same', evaluate: numeric((a, b) => a > b) },
  greaterThanInclusive: { name: 'greaterThanInclusive', symbol: '≥', labels: { en: 'is at least', zh: '大于等于' }, appliesTo: NUMBERS, value: 'same', evaluate: numeric((a, b) => a >= b) },
  in: { name: 'in', symbol: '∈', labels: { en: 'is one of', zh: '属于' }, appliesTo: SCALARS, value: 'list', evaluate: (a, b) => has(b, a) },
  notIn: { name: 'notIn', symbol: '∉', labels: { en: 'is none of', zh: '不属于' }, appliesTo: SCALARS, value: 'list', evaluate: (a, b) => Array.isArray(b) && !has(b, a) },
  contains: { name: 'contains', symbol: '∋', labels: { en: 'contains', zh: '包含' }, appliesTo: ['list'], value: 'element', evaluate: (a, b) => has(a, b) },
  doesNotContain: {
    name: 'doesNotContain',
    symbol: '∌',
    labels: { en: 'does not contain', zh: '不包含' },
    appliesTo: ['list'],
    value: 'element',
    evaluate: (a, b) => Array.isArray(a) && !has(a, b),
  },
};

export function operatorByName(name: string): OperatorSpec | undefined {
  return Object.hasOwn(OPERATORS, name) ? OPERATORS[name as OperatorName] : undefined;
}

/** Whether `value` is a value of the fact value type (integers for an integer fact). */
export function isOfType(type: FactValueType, value: unknown): boolean {
  switch (type) {
    case 'number':
      return isNumber(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Whether `value` is what the operator expects for a fact of `type` (see OperatorValueKind). */
export function valueFits(operator: OperatorSpec, type: FactValueType, value: unknown): boolean {
  switch (operator.value) {
    case 'same':
      return isOfType(type, value);
    case 'list':
      return Array.isArray(value) && value.length > 0 && value.every((item) => isOfType(type, item));
    case 'element':
      // An element of a list-valued fact; no fact in the catalog has list values yet.
      return !Array.isArray(value);
  }
}

/** Words for the value an operator expects, for findings. */
export function expectedValue(operator: OperatorSpec, type: FactValueType): Bilingual {
  const noun: Record<FactValueType, Bilingual> = {
    number: { en: 'a number', zh: '数值' },
    integer: { en: 'an integer', zh: '整数' },
    boolean: { en: 'true or false', zh: 'true 或 false' },
  };
  const one = noun[type];
  if (operator.value === 'list') return { en: `a non-empty list of which each item is ${one.en}`, zh: `非空列表，每一项为${one.zh}` };
  if (operator.value === 'element') return { en: 'a single item', zh: '单个元素' };
  return one;
}
