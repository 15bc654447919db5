/** Small JSON helpers the diff is built on: value kinds, equality, pointers, key order. */
import { canonicalJson, pointerToken } from '../validation/finding';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that is neither an object nor an array. */
export function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** Content key of a JSON value: equal for equal values whatever their key order. */
export const contentKey = (value: unknown): string => canonicalJson(value);

/** Deep JSON equality; object key order does not matter, array order does. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isScalar(a) || isScalar(b)) return false;
  return contentKey(a) === contentKey(b);
}

/** Appends reference tokens (RFC 6901 escaped) to a pointer. */
export function join(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((t) => '/' + pointerToken(t)).join('');
}

/** Keys present (with a defined value) in an object. */
function definedKeys(value: JsonObject): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined);
}

/**
 * Keys of both objects in document order: `after`'s order, each key only in `before` placed
 * right after the key that precedes it in `before`.
 */
export function mergedKeys(before: JsonObject, after: JsonObject): string[] {
  const afterKeys = definedKeys(after);
  const result = [...afterKeys];
  const inAfter = new Set(afterKeys);
  let insertAt = 0;
  for (const key of definedKeys(before)) {
    if (inAfter.has(key)) {
      insertAt = result.indexOf(key) + 1;
    } else {
      result.splice(insertAt, 0, key);
      insertAt += 1;
    }
  }
  return result;
}

/** Reads `value[key]` when `value` is an object. */
export function prop(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/** Builds a field change, leaving out the side that does not exist. */
export function fieldChange(pointer: string, before: unknown, after: unknown): { pointer: string; before?: unknown; after?: unknown } {
  return {
    pointer,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}
