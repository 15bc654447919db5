/**
 * Pure edits of one condition leaf `{fact, operator, value, params}`: a new leaf for a fact,
 * choosing another fact or operator (keeping what still fits), params, and the text forms of
 * list values and time windows the inputs show.
 */
import type { Fact, FactValueType } from '../../../../definitions/rules/facts';
import type { ConditionLeaf } from '../../../../definitions/rules/schema';
import { findOperator, operatorsFor, type CatalogOperator, type FactCatalog } from './catalog';
import type { CondNode } from './tree';

type Scalar = string | number | boolean;
type Params = NonNullable<ConditionLeaf['params']>;

/** The operator a new leaf starts with: "greater than" for numbers, "equals" for true/false. */
export function defaultOperator(catalog: FactCatalog, fact: Fact): CatalogOperator | undefined {
  const allowed = operatorsFor(catalog, fact);
  const preferred = fact.valueType === 'boolean' ? 'equal' : 'greaterThan';
  return allowed.find((o) => o.name === preferred) ?? allowed[0];
}

export function defaultScalar(type: FactValueType): Scalar {
  return type === 'boolean' ? true : 0;
}

/** A value of the kind the operator expects, made from the one the leaf had where it fits. */
export function coerceValue(operator: CatalogOperator | undefined, type: FactValueType, value: unknown): ConditionLeaf['value'] {
  const items = (Array.isArray(value) ? value : [value]).filter((v) => fitsType(type, v)) as Scalar[];
  if (operator?.value === 'list') return items.length > 0 ? items : [defaultScalar(type)];
  return items[0] ?? defaultScalar(type);
}

export function fitsType(type: FactValueType, value: unknown): boolean {
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === 'number' && Number.isFinite(value);
}

/** A new leaf on the fact: its default operator and value, and a one-hour window when it needs one. */
export function newLeaf(catalog: FactCatalog, fact: Fact): CondNode {
  const operator = defaultOperator(catalog, fact);
  const params: Params = {};
  for (const p of fact.params) if (p.required && p.type === 'window') params[p.name] = '1h';
  return { fact: fact.name, operator: operator?.name ?? 'equal', value: coerceValue(operator, fact.valueType, undefined), params };
}

/**
 * The leaf on another fact: params the new fact also takes are kept, the operator when it still
 * applies, the value when it is still of the right type.
 */
export function withFact(catalog: FactCatalog, leaf: CondNode, fact: Fact): CondNode {
  const fresh = newLeaf(catalog, fact);
  const params: Params = { ...fresh.params };
  for (const [name, value] of Object.entries(leaf.params ?? {})) {
    if (fact.params.some((p) => p.name === name)) params[name] = value;
  }
  const kept = findOperator(catalog, leaf.operator);
  const operator = kept && kept.appliesTo.includes(fact.valueType) ? kept : findOperator(catalog, fresh.operator);
  return { fact: fact.name, operator: operator?.name ?? fresh.operator, value: coerceValue(operator, fact.valueType, leaf.value), params };
}

export function withOperator(leaf: CondNode, operator: CatalogOperator, fact: Fact | undefined): CondNode {
  return { ...leaf, operator: operator.name, value: fact ? coerceValue(operator, fact.valueType, leaf.value) : leaf.value };
}

/** Sets a param; an empty text removes it. */
export function withParam(leaf: CondNode, name: string, value: string | undefined): CondNode {
  const params: Params = { ...(leaf.params ?? {}) };
  if (value === undefined || value.trim() === '') delete params[name];
  else params[name] = value.trim();
  return { ...leaf, params };
}

/** Reads one scalar the author typed for a fact of `type`; undefined when it is not one. */
export function parseScalar(type: FactValueType, text: string): Scalar | undefined {
  const t = text.trim();
  if (type === 'boolean') return t === 'true' ? true : t === 'false' ? false : undefined;
  if (t === '' || !/^-?(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return type === 'integer' && !Number.isInteger(n) ? undefined : n;
}

/** A list value typed as "1, 2, 3": the items, or the first item that is not of the type. */
export function parseList(type: FactValueType, text: string): { ok: true; value: Scalar[] } | { ok: false; bad: string } {
  const parts = text.split(/[,，;；\s]+/).filter((p) => p !== '');
  const value: Scalar[] = [];
  for (const part of parts) {
    const item = parseScalar(type, part);
    if (item === undefined) return { ok: false, bad: part };
    value.push(item);
  }
  return { ok: true, value };
}

export const formatList = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(', ') : value === undefined ? '' : String(value));

export type WindowUnit = 'm' | 'h' | 'd';
export type WindowParts = { shift: true } | { shift: false; amount: number; unit: WindowUnit };

/** `15m` → 15 minutes, `shift` → the current shift; undefined for any other text. */
export function parseWindow(text: string | undefined): WindowParts | undefined {
  if (text === 'shift') return { shift: true };
  const m = /^([1-9][0-9]{0,2})([mhd])$/.exec(text ?? '');
  return m ? { shift: false, amount: Number(m[1]), unit: m[2] as WindowUnit } : undefined;
}

export function formatWindow(parts: WindowParts): string {
  return parts.shift ? 'shift' : `${parts.amount}${parts.unit}`;
}
