/**
 * Parallel branches: the pass transitions of a `split` step start branches that must all meet
 * at one `join` step, and every join belongs to exactly one split.
 *
 * A branch is followed along pass transitions until it arrives at a join. A split inside a
 * branch is stepped over to its own join (nesting); fail transitions are rework detours and are
 * not followed. When a nested split is itself unbalanced, only it is reported; joins without a
 * split are reported once every split is balanced (an unbalanced split leaves its join orphaned).
 */
import { finding, pointer, type Finding } from '../../validation/finding';
import { outgoing, quoted, stepAt, type RoutingModel } from './model';

type Resolution = { ok: true; join: string } | { ok: false; reason: { en: string; zh: string } | undefined };
type Arrival = { join: string } | { problem: { en: string; zh: string } | undefined };

class SplitResolver {
  private readonly resolved = new Map<string, Resolution>();
  private readonly resolving = new Set<string>();

  constructor(private readonly model: RoutingModel) {}

  private flag(id: string, name: 'split' | 'join'): boolean {
    return stepAt(this.model, id)?.[name] === true;
  }

  /** Where the branch starting at `start` meets a join, or why it does not. */
  private follow(start: string): Arrival {
    const seen = new Set<string>();
    let at = start;
    let joinConsumed = false;
    for (;;) {
      if (seen.has(at)) return { problem: { en: `the branch from "${start}" loops back to "${at}" before any join`, zh: `从 "${start}" 开始的分支在到达汇合工序前回到了 "${at}"` } };
      seen.add(at);
      if (this.flag(at, 'join') && !joinConsumed) return { join: at };
      joinConsumed = false;
      if (this.flag(at, 'split')) {
        if (this.resolving.has(at)) return { problem: { en: `the branch from "${start}" leads back into split step "${at}" before any join`, zh: `从 "${start}" 开始的分支在汇合前回到了分支工序 "${at}"` } };
        const inner = this.resolve(at);
        if (!inner.ok) return { problem: undefined };
        at = inner.join;
        joinConsumed = true;
        continue;
      }
      const next = outgoing(this.model, at, 'pass')[0];
      if (next === undefined) return { problem: { en: `the branch from "${start}" ends at "${at}" without reaching a join step`, zh: `从 "${start}" 开始的分支在 "${at}" 结束，未到达汇合工序` } };
      at = next.transition.to;
    }
  }

  resolve(split: string): Resolution {
    const known = this.resolved.get(split);
    if (known !== undefined) return known;
    this.resolving.add(split);
    const result = this.branchesOf(split);
    this.resolving.delete(split);
    this.resolved.set(split, result);
    return result;
  }

  private branchesOf(split: string): Resolution {
    const branches = outgoing(this.model, split, 'pass')
      .filter((e) => !e.ambiguous)
      .map((e) => e.transition.to);
    if (branches.length < 2) {
      return { ok: false, reason: { en: `split step "${split}" has ${branches.length} "pass" transition(s); a split needs at least two branches`, zh: `分支工序 "${split}" 只有 ${branches.length} 个 "pass" 流转；分支至少需要两条` } };
    }
    const joins = new Set<string>();
    for (const branch of branches) {
      const arrival = this.follow(branch);
      if ('problem' in arrival) return { ok: false, reason: arrival.problem };
      joins.add(arrival.join);
    }
    const [join] = joins;
    if (joins.size > 1 || join === undefined) {
      return { ok: false, reason: { en: `the branches of split step "${split}" meet at different join steps (${quoted(joins)})`, zh: `分支工序 "${split}" 的各分支汇合于不同的汇合工序（${quoted(joins)}）` } };
    }
    return { ok: true, join };
  }
}

export function splitFindings(model: RoutingModel): Finding[] {
  const findings: Finding[] = [];
  const resolver = new SplitResolver(model);
  const owner = new Map<string, string>();
  let balanced = true;
  for (const [id, i] of model.stepIndex) {
    if (stepAt(model, id)?.split !== true) continue;
    const result = resolver.resolve(id);
    if (!result.ok) {
      balanced = false;
      if (result.reason) findings.push(finding(pointer('steps', i), 'routing.unbalanced-split', result.reason));
      continue;
    }
    const earlier = owner.get(result.join);
    if (earlier !== undefined) {
      findings.push(finding(pointer('steps', i), 'routing.unbalanced-split', { en: `split step "${id}" meets at join step "${result.join}", which already closes split step "${earlier}"`, zh: `分支工序 "${id}" 汇合于 "${result.join}"，而该汇合工序已属于分支工序 "${earlier}"` }));
      balanced = false;
      continue;
    }
    owner.set(result.join, id);
  }
  // An unbalanced split usually leaves its join without an owner: report orphans once every split is balanced.
  if (!balanced) return findings;
  for (const [id, i] of model.stepIndex) {
    if (stepAt(model, id)?.join === true && !owner.has(id)) {
      findings.push(finding(pointer('steps', i), 'routing.orphan-join', { en: `join step "${id}" closes no split: no split step's branches all meet here`, zh: `汇合工序 "${id}" 不属于任何分支：没有分支工序的所有分支在此汇合` }));
    }
  }
  return findings;
}
