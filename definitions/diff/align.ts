/**
 * Matching the items of two arrays: by identity key, by order (LCS), or as an unordered set.
 * Every function returns pairs in document order (see `documentOrder`).
 */
import { contentKey, isObject, sameJson } from './json';

/** One item of the merged sequence: matched (both), removed (only before) or added (only after). */
export interface Pair {
  before?: number;
  after?: number;
}

/** How alike two items are, from 0 (unrelated) to 1 (equal). */
export type Similarity = (before: unknown, after: unknown) => number;

/** Items at least this similar are reported as one changed item instead of removed + added. */
export const PAIR_THRESHOLD = 0.5;

/** Larger problems fall back to linear-time approximations so a diff never blows up. */
const MAX_DP_CELLS = 1_000_000;
const MAX_GAP_CELLS = 10_000;

/** Share of equal items of two lists (as multisets), over the longer list. */
export function overlap(before: readonly unknown[], after: readonly unknown[]): number {
  const size = Math.max(before.length, after.length);
  if (size === 0) return 1;
  const counts = new Map<string, number>();
  for (const key of before.map(contentKey)) counts.set(key, (counts.get(key) ?? 0) + 1);
  let common = 0;
  for (const key of after.map(contentKey)) {
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(key, n - 1);
    }
  }
  return common / size;
}

/**
 * How alike two objects are: the mean, over the union of their keys, of how alike the values
 * are (equal 1; objects recursively; arrays by the share of equal items; anything else 0).
 */
export const fieldSimilarity: Similarity = (before, after) => {
  if (sameJson(before, after)) return 1;
  if (Array.isArray(before) && Array.isArray(after)) return overlap(before, after);
  if (!isObject(before) || !isObject(after)) return 0;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => before[k] !== undefined || after[k] !== undefined));
  let sum = 0;
  for (const k of keys) sum += fieldSimilarity(before[k], after[k]);
  return sum / keys.size;
};

/**
 * Document order: matched and added items in `after` order; each removed item right after the
 * item that preceded it in `before` (removed items that lead `before` come first).
 */
export function documentOrder(pairs: Pair[]): Pair[] {
  const byBefore = pairs.filter((p) => p.before !== undefined).sort((x, y) => (x.before ?? 0) - (y.before ?? 0));
  const anchor = new Map<Pair, number>();
  let last = -1;
  for (const p of byBefore) {
    if (p.after === undefined) anchor.set(p, last);
    else last = p.after;
  }
  const sortKey = (p: Pair): [number, number, number] =>
    p.after !== undefined ? [p.after, 0, 0] : [anchor.get(p) ?? -1, 1, p.before ?? 0];
  return [...pairs].sort((x, y) => {
    const [a1, a2, a3] = sortKey(x);
    const [b1, b2, b3] = sortKey(y);
    return a1 - b1 || a2 - b2 || a3 - b3;
  });
}

/**
 * Matches items with equal keys; a key that occurs several times on a side is matched
 * occurrence by occurrence.
 */
export function alignByKey(before: readonly unknown[], after: readonly unknown[], keyOf: (item: unknown) => string): Pair[] {
  const waiting = indexByKey(before.map(keyOf));
  const pairs: Pair[] = [];
  after.forEach((item, j) => {
    const queue = waiting.get(keyOf(item));
    const i = queue?.indices[queue.next];
    if (queue && i !== undefined) queue.next += 1;
    pairs.push(i === undefined ? { after: j } : { before: i, after: j });
  });
  for (const { indices, next } of waiting.values()) for (const i of indices.slice(next)) pairs.push({ before: i });
  return documentOrder(pairs);
}

/** Positions of each key, consumed front to back. */
function indexByKey(keys: readonly string[]): Map<string, { indices: number[]; next: number }> {
  const result = new Map<string, { indices: number[]; next: number }>();
  keys.forEach((key, i) => {
    const queue = result.get(key);
    if (queue) queue.indices.push(i);
    else result.set(key, { indices: [i], next: 0 });
  });
  return result;
}

/** Index pairs of a longest common subsequence of two key lists (ascending). */
function commonSubsequence(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_DP_CELLS) return greedyCommon(a, b);
  const width = m + 1;
  const dp = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      dp[i * width + j] =
        a[i] === b[j] ? (dp[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(dp[(i + 1) * width + j] ?? 0, dp[i * width + j + 1] ?? 0);
    }
  }
  const result: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      result.push([i, j]);
      i += 1;
      j += 1;
    } else if ((dp[(i + 1) * width + j] ?? 0) >= (dp[i * width + j + 1] ?? 0)) i += 1;
    else j += 1;
  }
  return result;
}

/** Linear approximation of a common subsequence for very long arrays. */
function greedyCommon(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const positions = indexByKey(a);
  const result: Array<[number, number]> = [];
  let last = -1;
  b.forEach((key, j) => {
    const queue = positions.get(key);
    if (!queue) return;
    while ((queue.indices[queue.next] ?? Infinity) <= last) queue.next += 1;
    const i = queue.indices[queue.next];
    if (i === undefined) return;
    queue.next += 1;
    result.push([i, j]);
    last = i;
  });
  return result;
}

/**
 * Pairs the removed and added items of one gap between unchanged items, keeping their order and
 * maximising the total similarity of the pairs (pairs below the threshold are not made).
 */
function alignGap(before: readonly unknown[], after: readonly unknown[], bs: number[], as: number[], similar: Similarity): Pair[] {
  const n = bs.length;
  const m = as.length;
  if (n === 0 || m === 0 || n * m > MAX_GAP_CELLS) return [...bs.map((b) => ({ before: b })), ...as.map((a) => ({ after: a }))];
  const width = m + 1;
  const score = new Float64Array((n + 1) * width);
  const weight = (i: number, j: number): number => {
    const w = similar(before[bs[i] ?? -1], after[as[j] ?? -1]);
    return w >= PAIR_THRESHOLD ? w : -1;
  };
  const weights = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => weight(i, j)));
  const at = (i: number, j: number): number => score[i * width + j] ?? 0;
  for (let i = 1; i <= n; i += 1) {
    for (let j = 1; j <= m; j += 1) {
      const w = weights[i - 1]?.[j - 1] ?? -1;
      score[i * width + j] = Math.max(at(i - 1, j), at(i, j - 1), w >= 0 ? at(i - 1, j - 1) + w : -1);
    }
  }
  const reversed: Pair[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const w = i > 0 && j > 0 ? (weights[i - 1]?.[j - 1] ?? -1) : -1;
    if (w >= 0 && at(i, j) === at(i - 1, j - 1) + w) {
      reversed.push({ before: bs[i - 1], after: as[j - 1] });
      i -= 1;
      j -= 1;
    } else if (j > 0 && at(i, j) === at(i, j - 1)) {
      reversed.push({ after: as[j - 1] });
      j -= 1;
    } else {
      reversed.push({ before: bs[i - 1] });
      i -= 1;
    }
  }
  return reversed.reverse();
}

/**
 * Ordered matching: unchanged items are found by a longest common subsequence of their
 * contents, so an item inserted in the middle is one added item; between unchanged items,
 * removed and added items that are similar enough are paired as changed.
 */
export function alignOrdered(before: readonly unknown[], after: readonly unknown[], similar: Similarity = fieldSimilarity): Pair[] {
  const anchors = commonSubsequence(before.map(contentKey), after.map(contentKey));
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, aj] of [...anchors, [before.length, after.length] as [number, number]]) {
    const bs = Array.from({ length: ai - i }, (_, k) => i + k);
    const as = Array.from({ length: aj - j }, (_, k) => j + k);
    pairs.push(...alignGap(before, after, bs, as, similar));
    if (ai < before.length) pairs.push({ before: ai, after: aj });
    i = ai + 1;
    j = aj + 1;
  }
  return pairs;
}

/**
 * Unordered matching: equal items first, then the most similar remaining items (at least the
 * threshold), ties broken by position.
 */
export function alignUnordered(before: readonly unknown[], after: readonly unknown[], similar: Similarity = fieldSimilarity): Pair[] {
  const exact = alignByKey(before, after, contentKey);
  const matched = exact.filter((p) => p.before !== undefined && p.after !== undefined);
  const bs = exact.filter((p) => p.after === undefined).map((p) => p.before ?? -1);
  const as = exact.filter((p) => p.before === undefined).map((p) => p.after ?? -1);
  const candidates: Array<[number, number, number]> = [];
  if (bs.length * as.length <= MAX_GAP_CELLS) {
    for (const i of bs) {
      for (const j of as) {
        const w = similar(before[i], after[j]);
        if (w >= PAIR_THRESHOLD) candidates.push([w, i, j]);
      }
    }
  }
  candidates.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  for (const [, i, j] of candidates) {
    if (usedB.has(i) || usedA.has(j)) continue;
    usedB.add(i);
    usedA.add(j);
    matched.push({ before: i, after: j });
  }
  const rest = [...bs.filter((i) => !usedB.has(i)).map((i) => ({ before: i })), ...as.filter((j) => !usedA.has(j)).map((j) => ({ after: j }))];
  return documentOrder([...matched, ...rest]);
}
