/**
 * Condition trees in json-rules-engine shape: groups `{all: […]}`, `{any: […]}`, `{not: …}` and
 * leaves `{fact, operator, value, params?, path?}` (or references `{condition: name}`).
 *
 * The children of `all` / `any` are matched as a set (their order does not change the result):
 * equal subtrees first, then leaves on the same fact and groups of the same kind, most similar
 * first. A matched leaf that differs is one changed condition with field changes (`/value`,
 * `/operator`, `/params/…`); unmatched subtrees are added or removed whole; a node whose kind
 * changed in place (a leaf became a group, `all` became `any`) is one changed condition.
 */
import { alignUnordered, fieldSimilarity, overlap, type Similarity } from './align';
import { fieldChanges } from './fields';
import { isObject, join, sameJson } from './json';
import type { Change } from './types';

const ENTITY = 'condition';

type NodeKind = 'all' | 'any' | 'not' | 'leaf' | 'other';

function nodeKind(node: unknown): NodeKind {
  if (!isObject(node)) return 'other';
  if (Array.isArray(node.all)) return 'all';
  if (Array.isArray(node.any)) return 'any';
  if (isObject(node.not)) return 'not';
  if (typeof node.fact === 'string' || typeof node.condition === 'string') return 'leaf';
  return 'other';
}

/** A leaf's fact (or the referenced condition's name); a group's kind. */
function conditionId(node: unknown): string | undefined {
  const kind = nodeKind(node);
  if (kind === 'all' || kind === 'any' || kind === 'not') return kind;
  if (kind === 'leaf' && isObject(node)) return typeof node.fact === 'string' ? node.fact : String(node.condition);
  return undefined;
}

const withId = (node: unknown): { id?: string } => {
  const id = conditionId(node);
  return id === undefined ? {} : { id };
};

/** Leaves on the same fact and groups of the same kind are always related (at least 0.5). */
export const conditionSimilarity: Similarity = (before, after) => {
  if (sameJson(before, after)) return 1;
  const kind = nodeKind(before);
  if (kind !== nodeKind(after) || !isObject(before) || !isObject(after)) return 0;
  switch (kind) {
    case 'leaf':
      return conditionId(before) === conditionId(after) ? 0.5 + 0.5 * fieldSimilarity(before, after) : 0;
    case 'all':
    case 'any':
      return 0.5 + 0.5 * overlap(before[kind] as unknown[], after[kind] as unknown[]);
    case 'not':
      return 0.5 + 0.5 * conditionSimilarity(before.not, after.not);
    default:
      return fieldSimilarity(before, after);
  }
};

const added = (pointer: string, after: unknown): Change => ({ op: 'added', entity: ENTITY, ...withId(after), pointer, after });
const removed = (pointer: string, before: unknown): Change => ({ op: 'removed', entity: ENTITY, ...withId(before), pointer, before });

/** Appends the changes between two condition (sub)trees to `out`. */
export function diffConditionTree(before: unknown, after: unknown, at: { before: string; after: string }, out: Change[]): void {
  if (sameJson(before, after)) return;
  if (before === undefined || after === undefined) {
    out.push(before === undefined ? added(at.after, after) : removed(at.before, before));
    return;
  }
  const kind = nodeKind(before);
  if (kind !== nodeKind(after) || kind === 'leaf' || kind === 'other' || !isObject(before) || !isObject(after)) {
    out.push({ op: 'changed', entity: ENTITY, ...withId(after), pointer: at.after, before, after, fields: fieldChanges(before, after) });
    return;
  }
  // A group of the same kind: its own fields (name, priority, …), then its children.
  const own = fieldChanges(before, after, new Set([kind]));
  if (own.length > 0) out.push({ op: 'changed', entity: ENTITY, ...withId(after), pointer: at.after, before, after, fields: own });
  if (kind === 'not') {
    diffConditionTree(before.not, after.not, { before: join(at.before, 'not'), after: join(at.after, 'not') }, out);
    return;
  }
  const b = before[kind] as unknown[];
  const a = after[kind] as unknown[];
  for (const { before: i, after: j } of alignUnordered(b, a, conditionSimilarity)) {
    if (i !== undefined && j !== undefined) {
      diffConditionTree(b[i], a[j], { before: join(at.before, kind, i), after: join(at.after, kind, j) }, out);
    } else if (i !== undefined) {
      out.push(removed(join(at.before, kind, i), b[i]));
    } else if (j !== undefined) {
      out.push(added(join(at.after, kind, j), a[j]));
    }
  }
}
