/**
 * Parallel branches between a split step and its join step: where each branch is, which actions
 * they allow, and how the unit's summary status follows from them. Pure.
 */
import { findStep } from '../../definitions/routing/graph';
import type { Routing } from '../../definitions/routing/schema';
import type { AllowedAction, UnitStatus } from '../../definitions/units/model';

export interface Branch {
  step: string;
  /** arrived: waiting at the join for the other branches; done: ended without a join. */
  status: 'waiting' | 'in-progress' | 'arrived' | 'done';
}

function isJoin(routing: Routing, step: string): boolean {
  return findStep(routing, step)?.join === true;
}

/** The branches a split starts: one per pass target (a target that is itself the join has arrived). */
export function splitInto(routing: Routing, targets: string[]): Branch[] {
  return targets.map((step) => ({ step, status: isJoin(routing, step) ? 'arrived' : 'waiting' }));
}

export function branchAllowed(branches: Branch[]): AllowedAction[] {
  return branches.flatMap((b): AllowedAction[] => {
    if (b.status === 'waiting') return [{ type: 'start', step: b.step }];
    if (b.status === 'in-progress') return [{ type: 'complete', step: b.step }];
    return [];
  });
}

/** Moves the branch at `from` to `to` (undefined: that branch has ended). */
export function moveBranch(routing: Routing, branches: Branch[], from: string, to: string | undefined): Branch[] {
  const i = branches.findIndex((b) => b.step === from && (b.status === 'in-progress' || b.status === 'waiting'));
  const moved: Branch = to === undefined ? { step: from, status: 'done' } : { step: to, status: isJoin(routing, to) ? 'arrived' : 'waiting' };
  return branches.map((b, j) => (j === i ? moved : b));
}

/**
 * The unit's status and step from its branches; once every branch has arrived or ended the
 * branches close: the unit waits at the join, or has finished when no branch reached one.
 */
export function branchSummary(branches: Branch[]): { status: UnitStatus; step: string | null; branches?: Branch[] } {
  const open = branches.filter((b) => b.status === 'waiting' || b.status === 'in-progress');
  if (open.length === 0) {
    const join = branches.find((b) => b.status === 'arrived');
    return join ? { status: 'waiting', step: join.step } : { status: 'finished', step: null };
  }
  return { status: open.some((b) => b.status === 'in-progress') ? 'in-progress' : 'waiting', step: (open[0] as Branch).step, branches };
}
