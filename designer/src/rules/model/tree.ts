/**
 * Pure operations on a json-rules-engine condition tree, as the rule designer edits it.
 *
 * A node is a group (`all` / `any` list, or `not` holding one node) or a leaf
 * `{fact, operator, value, params}`. Nodes are addressed by a path of tokens below the rule's
 * `conditions` (`['all', 0, 'not']`); `pointerOf` turns a path into the JSON pointer findings
 * and dry-run traces use. Every operation returns a new tree and leaves its input untouched.
 */
import { CONDITION_MAX_DEPTH, CONDITION_MAX_ITEMS, type ConditionLeaf } from '../../../../definitions/rules/schema';
import { pointerToken } from '../../../../definitions/validation/finding';

export interface CondNode {
  all?: CondNode[];
  any?: CondNode[];
  not?: CondNode;
  fact?: string;
  operator?: string;
  value?: ConditionLeaf['value'];
  params?: ConditionLeaf['params'];
}

export type PathToken = 'all' | 'any' | 'not' | number;
export type TreePath = readonly PathToken[];
export type GroupKind = 'all' | 'any' | 'not';

/** The JSON pointer of a node within the rule (`/conditions/all/0`). */
export function pointerOf(path: TreePath): string {
  return '/conditions' + path.map((t) => '/' + pointerToken(t)).join('');
}

export function groupKind(node: CondNode): GroupKind | undefined {
  if (node.all !== undefined) return 'all';
  if (node.any !== undefined) return 'any';
  if (node.not !== undefined) return 'not';
  return undefined;
}

export const isLeaf = (node: CondNode): boolean => groupKind(node) === undefined;

/** The members of a group, with the path token of each (`['all', i]` or `['not']`). */
export function childrenOf(node: CondNode): Array<{ node: CondNode; tokens: PathToken[] }> {
  const kind = groupKind(node);
  if (kind === 'not') return node.not ? [{ node: node.not, tokens: ['not'] }] : [];
  if (kind === 'all' || kind === 'any') return (node[kind] ?? []).map((child, i) => ({ node: child, tokens: [kind, i] }));
  return [];
}

export function nodeAt(root: CondNode, path: TreePath): CondNode | undefined {
  let node: unknown = root;
  for (const token of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[token];
  }
  return node === null || typeof node !== 'object' ? undefined : (node as CondNode);
}

/** Replaces the node at `path` with `fn(node)`; the root when the path is empty. */
export function updateAt(root: CondNode, path: TreePath, fn: (node: CondNode) => CondNode): CondNode {
  if (path.length === 0) return fn(root);
  const [head, ...rest] = path as [PathToken, ...PathToken[]];
  if (head === 'not') {
    if (!root.not) throw new Error(`no "not" at this node`);
    return { ...root, not: updateAt(root.not, rest, fn) };
  }
  if (head === 'all' || head === 'any') {
    const [index, ...below] = rest;
    const list = root[head];
    if (typeof index !== 'number' || !list || index < 0 || index >= list.length) throw new Error(`no member ${String(index)} in "${head}"`);
    return { ...root, [head]: list.map((child, i) => (i === index ? updateAt(child, below, fn) : child)) };
  }
  throw new Error(`path token ${String(head)} does not name a group member`);
}

/** The level a node sits at: the root group is level 1; groups may sit at levels up to CONDITION_MAX_DEPTH. */
export function levelOf(path: TreePath): number {
  return 1 + path.filter((t) => typeof t !== 'number').length;
}

/** Whether a group may be added below the group at `path` (one more level must still be allowed). */
export function canNestGroup(path: TreePath): boolean {
  return levelOf(path) + 1 <= CONDITION_MAX_DEPTH;
}

export function canAddMember(root: CondNode, path: TreePath): boolean {
  const node = nodeAt(root, path);
  const kind = node && groupKind(node);
  return (kind === 'all' || kind === 'any') && (node?.[kind]?.length ?? 0) < CONDITION_MAX_ITEMS;
}

/** Appends a member to the all/any group at `path`. */
export function addMember(root: CondNode, path: TreePath, member: CondNode): CondNode {
  return updateAt(root, path, (group) => {
    const kind = groupKind(group);
    if (kind !== 'all' && kind !== 'any') throw new Error('members are added to an "all" or "any" group');
    return { [kind]: [...(group[kind] ?? []), member] };
  });
}

/**
 * Removes the node at `path`. A `not` whose only member goes goes with it, and so does a nested
 * group left empty; the root group stays, empty, for the author to fill again.
 */
export function removeAt(root: CondNode, path: TreePath): CondNode {
  if (path.length === 0) throw new Error('the top group cannot be removed');
  const last = path[path.length - 1];
  if (last === 'not') return path.length === 1 ? { all: [] } : removeAt(root, path.slice(0, -1));
  const listPath = path.slice(0, -2);
  const kind = path[path.length - 2];
  if ((kind !== 'all' && kind !== 'any') || typeof last !== 'number') throw new Error('not a path to a group member');
  const parent = nodeAt(root, listPath);
  const remaining = (parent?.[kind] ?? []).filter((_, i) => i !== last);
  if (remaining.length === 0 && listPath.length > 0) return removeAt(root, listPath);
  return updateAt(root, listPath, () => ({ [kind]: remaining }));
}

/** Switches an all group to any or back, keeping its members. */
export function setGroupKind(root: CondNode, path: TreePath, kind: 'all' | 'any'): CondNode {
  return updateAt(root, path, (group) => {
    const current = groupKind(group);
    if (current !== 'all' && current !== 'any') throw new Error('only an "all" or "any" group switches');
    return { [kind]: group[current] ?? [] };
  });
}

/** Wraps the node at `path` in a `not`. */
export function wrapInNot(root: CondNode, path: TreePath): CondNode {
  return updateAt(root, path, (node) => ({ not: node }));
}

/** Replaces a `not` by what it negates; at the top, a leaf is put into an `all` group. */
export function unwrapNot(root: CondNode, path: TreePath): CondNode {
  return updateAt(root, path, (node) => {
    if (!node.not) throw new Error('not a "not" group');
    return path.length === 0 && isLeaf(node.not) ? { all: [node.not] } : node.not;
  });
}

/** Moves a member of an all/any group one place up (-1) or down (+1). */
export function moveMember(root: CondNode, path: TreePath, by: -1 | 1): CondNode {
  const index = path[path.length - 1];
  const kind = path[path.length - 2];
  if (typeof index !== 'number' || (kind !== 'all' && kind !== 'any')) throw new Error('not a path to a group member');
  return updateAt(root, path.slice(0, -2), (group) => {
    const list = [...(group[kind] ?? [])];
    const to = index + by;
    if (to < 0 || to >= list.length) return group;
    [list[index], list[to]] = [list[to] as CondNode, list[index] as CondNode];
    return { [kind]: list };
  });
}

export interface PlacedLeaf {
  path: PathToken[];
  pointer: string;
  leaf: CondNode;
}

/** Every leaf of the tree in document order, with its path; tolerant of half-edited trees. */
export function leavesOf(root: CondNode, at: PathToken[] = []): PlacedLeaf[] {
  if (isLeaf(root)) return [{ path: at, pointer: pointerOf(at), leaf: root }];
  return childrenOf(root).flatMap(({ node, tokens }) => leavesOf(node, [...at, ...tokens]));
}

/** The distinct facts the tree tests, in order of first use. */
export function factsUsed(root: CondNode): string[] {
  return [...new Set(leavesOf(root).map(({ leaf }) => leaf.fact ?? '').filter((f) => f !== ''))];
}
