/**
 * Entity changes of one declared collection (steps, transitions, levels, parts, …), including
 * the collections nested in its items.
 */
import { alignByKey, alignOrdered } from './align';
import { fieldChanges } from './fields';
import type { CollectionRule } from './identity';
import { contentKey, isObject, join, prop } from './json';
import type { Change } from './types';

/** Where a collection sits in each version. */
export interface Location {
  before: string;
  after: string;
}

/** A declared collection may be absent (no items); anything else but an array is a plain field. */
export const isCollectionValue = (value: unknown): value is unknown[] | undefined => value === undefined || Array.isArray(value);

/** The identity of an item: its key, or its 1-based position when the collection is ordered. */
export function itemId(rule: CollectionRule, item: unknown, index: number): string | undefined {
  if (rule.match.by === 'order') return String(index + 1);
  return isObject(item) ? rule.match.key(item) : undefined;
}

const qualified = (parentId: string | undefined, id: string | undefined): string | undefined =>
  id === undefined ? undefined : parentId === undefined ? id : `${parentId}/${id}`;

const withId = (id: string | undefined): { id?: string } => (id === undefined ? {} : { id });

/** Appends the changes of one collection to `out`, in document order. */
export function diffCollection(
  rule: CollectionRule,
  beforeValue: unknown[] | undefined,
  afterValue: unknown[] | undefined,
  at: Location,
  parentId: string | undefined,
  out: Change[],
): void {
  const before = beforeValue ?? [];
  const after = afterValue ?? [];
  const { match } = rule;
  // Items without an identity only match an equal item.
  const keyOf = (item: unknown): string => {
    const key = isObject(item) && match.by === 'key' ? match.key(item) : undefined;
    return key === undefined ? `\u0000${contentKey(item)}` : `\u0001${key}`;
  };
  const pairs = match.by === 'key' ? alignByKey(before, after, keyOf) : alignOrdered(before, after);
  const nested = Object.entries(rule.nested ?? {});

  for (const { before: i, after: j } of pairs) {
    if (i !== undefined && j === undefined) {
      const id = qualified(parentId, itemId(rule, before[i], i));
      out.push({ op: 'removed', entity: rule.entity, ...withId(id), pointer: join(at.before, i), before: before[i] });
    } else if (i === undefined && j !== undefined) {
      const id = qualified(parentId, itemId(rule, after[j], j));
      out.push({ op: 'added', entity: rule.entity, ...withId(id), pointer: join(at.after, j), after: after[j] });
    } else if (i !== undefined && j !== undefined) {
      const b = before[i];
      const a = after[j];
      const id = qualified(parentId, itemId(rule, a, j));
      const inner = nested.filter(([key]) => isCollectionValue(prop(b, key)) && isCollectionValue(prop(a, key)));
      const fields = fieldChanges(b, a, new Set(inner.map(([key]) => key)));
      if (fields.length > 0) {
        out.push({ op: 'changed', entity: rule.entity, ...withId(id), pointer: join(at.after, j), before: b, after: a, fields });
      }
      for (const [key, innerRule] of inner) {
        const where = { before: join(at.before, i, key), after: join(at.after, j, key) };
        diffCollection(innerRule, prop(b, key) as unknown[] | undefined, prop(a, key) as unknown[] | undefined, where, id, out);
      }
    }
  }
}
