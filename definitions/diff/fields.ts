/**
 * Generic field-level diff of any two JSON values, recursively flattened into field changes
 * with pointers relative to where the walk starts.
 *
 * Arrays: scalars compare as multisets (an item moved is no change; added and removed items are
 * reported with their index); objects with a common identity field (see genericIdentityField) are
 * matched by it; anything else is matched by order (LCS over contents).
 */
import { alignByKey, alignOrdered, type Pair } from './align';
import { genericIdentityField } from './identity';
import { contentKey, fieldChange, isObject, isScalar, join, mergedKeys, sameJson } from './json';
import type { FieldChange } from './types';

/** How two arrays nobody declared a rule for are matched. */
export function alignGeneric(before: readonly unknown[], after: readonly unknown[]): Pair[] {
  if (before.every(isScalar) && after.every(isScalar)) return alignByKey(before, after, contentKey);
  const field = genericIdentityField(before, after);
  if (field !== undefined) return alignByKey(before, after, (item) => contentKey(isObject(item) ? item[field] : undefined));
  return alignOrdered(before, after);
}

function walk(before: unknown, after: unknown, pointer: string, out: FieldChange[]): void {
  if (sameJson(before, after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of mergedKeys(before, after)) walk(before[key], after[key], join(pointer, key), out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (const { before: i, after: j } of alignGeneric(before, after)) {
      if (i !== undefined && j !== undefined) walk(before[i], after[j], join(pointer, j), out);
      else if (i !== undefined) out.push(fieldChange(join(pointer, i), before[i], undefined));
      else if (j !== undefined) out.push(fieldChange(join(pointer, j), undefined, after[j]));
    }
  } else {
    out.push(fieldChange(pointer, before, after));
  }
}

/**
 * Field changes between two values, pointers relative to them. `skip` leaves out top-level
 * properties (collections reported as entities of their own).
 */
export function fieldChanges(before: unknown, after: unknown, skip: ReadonlySet<string> = new Set()): FieldChange[] {
  const out: FieldChange[] = [];
  if (skip.size > 0 && isObject(before) && isObject(after)) {
    for (const key of mergedKeys(before, after)) if (!skip.has(key)) walk(before[key], after[key], join('', key), out);
  } else {
    walk(before, after, '', out);
  }
  return out;
}
