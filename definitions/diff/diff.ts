/**
 * Structured diff between two versions of a definition, for the visual designer.
 *
 * Generic over any JSON, with identity rules per kind (identity.ts) for the collections that
 * matter: top-level properties are walked in document order; a declared collection yields
 * entity changes (step, transition, level, part, …), a condition tree yields condition changes,
 * a derived value (a routing's entry step) yields a change when the value in effect changed, and
 * every other property is a plain 'field' change (with field-level detail when it is an
 * object or an array). Two versions that differ only in key order are identical.
 */
import { diffCollection, isCollectionValue } from './collections';
import { diffConditionTree } from './conditions';
import { fieldChanges } from './fields';
import { rulesFor, type DerivedValue } from './identity';
import { isObject, isScalar, join, mergedKeys, sameJson, type JsonObject } from './json';
import type { Change, ChangeCounts, DefinitionDiff, DiffKind } from './types';

/** A plain field: added, removed, or changed (field-level detail for objects and arrays). */
function plainFieldChange(key: string | undefined, pointer: string, before: unknown, after: unknown): Change {
  const id = key === undefined ? {} : { id: key };
  if (before === undefined) return { op: 'added', entity: 'field', ...id, pointer, after };
  if (after === undefined) return { op: 'removed', entity: 'field', ...id, pointer, before };
  const detail = isScalar(before) || isScalar(after) ? {} : { fields: fieldChanges(before, after) };
  return { op: 'changed', entity: 'field', ...id, pointer, before, after, ...detail };
}

/** The change of a derived value in effect, unless both versions state it in its field. */
function derivedChange(rule: DerivedValue, before: JsonObject, after: JsonObject): Change | undefined {
  if (before[rule.field] !== undefined && after[rule.field] !== undefined) return undefined;
  const was = rule.resolve(before);
  const is = rule.resolve(after);
  if (was === is) return undefined;
  const where = (doc: JsonObject, value: string): string => (doc[rule.field] !== undefined ? join('', rule.field) : rule.locate(doc, value));
  if (is === undefined) return was === undefined ? undefined : { op: 'removed', entity: rule.entity, id: was, pointer: where(before, was), before: was };
  const change = { entity: rule.entity, id: is, pointer: where(after, is) };
  return was === undefined ? { op: 'added', ...change, after: is } : { op: 'changed', ...change, before: was, after: is };
}

/**
 * Derived values are listed after their field when a version has it, else just before the
 * collection they are derived from.
 */
function derivedChanges(kind: DiffKind, key: string, position: 'before' | 'after', before: JsonObject, after: JsonObject): Change[] {
  return rulesFor(kind)
    .derived.filter((d) => {
      const stated = before[d.field] !== undefined || after[d.field] !== undefined;
      return position === 'after' ? stated && key === d.field : !stated && key === d.collection;
    })
    .flatMap((d) => derivedChange(d, before, after) ?? []);
}

function diffProperty(kind: DiffKind, key: string, before: JsonObject, after: JsonObject, out: Change[]): void {
  const rules = rulesFor(kind);
  const b = before[key];
  const a = after[key];
  const at = { before: join('', key), after: join('', key) };
  const rule = Object.prototype.hasOwnProperty.call(rules.collections, key) ? rules.collections[key] : undefined;
  if (rule !== undefined && isCollectionValue(b) && isCollectionValue(a)) {
    diffCollection(rule, b, a, at, undefined, out);
  } else if (rules.conditionTrees.includes(key) && (b === undefined || isObject(b)) && (a === undefined || isObject(a))) {
    diffConditionTree(b, a, at, out);
  } else if (!sameJson(b, a)) {
    out.push(plainFieldChange(key, at.after, b, a));
  }
}

function summarize(changes: readonly Change[]): Record<string, ChangeCounts> {
  const summary: Record<string, ChangeCounts> = {};
  for (const { entity, op } of changes) {
    const counts = (summary[entity] ??= { added: 0, removed: 0, changed: 0 });
    counts[op] += 1;
  }
  return summary;
}

/**
 * Diffs two versions of a definition of `kind`. Works on any JSON: values that are not objects
 * at the top level are compared whole (one 'field' change at pointer "").
 */
export function diffDefinitions(kind: DiffKind, before: unknown, after: unknown): DefinitionDiff {
  const changes: Change[] = [];
  if (isObject(before) && isObject(after)) {
    for (const key of mergedKeys(before, after)) {
      changes.push(...derivedChanges(kind, key, 'before', before, after));
      diffProperty(kind, key, before, after, changes);
      changes.push(...derivedChanges(kind, key, 'after', before, after));
    }
  } else if (!sameJson(before, after)) {
    changes.push(plainFieldChange(undefined, '', before, after));
  }
  return { kind, identical: changes.length === 0, changes, summary: summarize(changes) };
}
