/**
 * Parallel branches between a split step and its join step: where each branch is, which actions
 * they allow, and how the unit's summary status follows from them. Pure. A split inside a branch
 * opens a nested group; when every branch of a group has arrived at its join (or ended), the group
 * closes into one branch of the enclosing group waiting at that join — or, at the top, into the
 * unit itself waiting there.
 */
import { findStep } from '../../definitions/routing/graph';
import type { Routing } from '../../definitions/routing/schema';
import type { AllowedAction, UnitStatus } from '../../definitions/units/model';

export interface Branch {
  step: string;
  /** arrived: waiting at the join for the other branches; done: ended without a join. */
  status: 'waiting' | 'in-progress' | 'arrived' | 'done';
  /** The split group the branch belongs to: "1" at the top, "1/2" inside a branch of it, … */
  group?: string;
}

const TOP = '1';
const groupOf = (b: Branch): string => b.group ?? TOP;
const parentOf = (group: string): string | undefined => (group.includes('/') ? group.slice(0, group.lastIndexOf('/')) : undefined);

function isJoin(routing: Routing, step: string): boolean {
  return findStep(routing, step)?.join === true;
}

/** Top-level branches carry no group (the default). */
const inGroup = (group: string): Pick<Branch, 'group'> => (group === TOP ? {} : { group });

function target(routing: Routing, step: string, group: string): Branch {
  return { step, status: isJoin(routing, step) ? 'arrived' : 'waiting', ...inGroup(group) };
}

/** The branches a split starts: one per pass target (a target that is itself the join has arrived). */
export function splitInto(routing: Routing, targets: string[]): Branch[] {
  return targets.map((step) => target(routing, step, TOP));
}

/** A split inside the branch at `from`: that branch becomes a nested group of branches. */
export function splitBranch(routing: Routing, branches: Branch[], from: string, targets: string[]): Branch[] {
  const i = branches.findIndex((b) => b.step === from && b.status === 'in-progress');
  const outer = groupOf(branches[i] as Branch);
  const taken = new Set(branches.map(groupOf));
  let n = 1;
  while (taken.has(`${outer}/${n}`)) n++;
  const inner = targets.map((step) => target(routing, step, `${outer}/${n}`));
  return [...branches.slice(0, i), ...inner, ...branches.slice(i + 1)];
}

export function branchAllowed(branches: Branch[]): AllowedAction[] {
  return branches.flatMap((b): AllowedAction[] => {
    if (b.status === 'waiting') return [{ type: 'start', step: b.step }];
    if (b.status === 'in-progress') return [{ type: 'complete', step: b.step }];
    return [];
  });
}

/** Closes every nested group whose branches have all arrived or ended, innermost first. */
function closeGroups(branches: Branch[]): Branch[] {
  let list = branches;
  for (;;) {
    const nested = [...new Set(list.map(groupOf))].filter((g) => parentOf(g) !== undefined).sort((a, b) => b.length - a.length);
    const closing = nested.find((g) => list.filter((b) => groupOf(b) === g).every((b) => b.status === 'arrived' || b.status === 'done'));
    if (closing === undefined) return list;
    const members = list.filter((b) => groupOf(b) === closing);
    const join = members.find((b) => b.status === 'arrived');
    const outer = inGroup(parentOf(closing) as string);
    const merged: Branch = join ? { step: join.step, status: 'waiting', ...outer } : { step: (members[0] as Branch).step, status: 'done', ...outer };
    const at = list.findIndex((b) => groupOf(b) === closing);
    list = [...list.slice(0, at), merged, ...list.filter((b, j) => j > at && groupOf(b) !== closing)];
  }
}

/** Moves the branch at `from` to `to` (undefined: that branch has ended). */
export function moveBranch(routing: Routing, branches: Branch[], from: string, to: string | undefined): Branch[] {
  const i = branches.findIndex((b) => b.step === from && (b.status === 'in-progress' || b.status === 'waiting'));
  const group = groupOf(branches[i] as Branch);
  const moved: Branch = to === undefined ? { step: from, status: 'done', ...inGroup(group) } : target(routing, to, group);
  return closeGroups(branches.map((b, j) => (j === i ? moved : b)));
}

/** A branch held in the middle of a step goes back to waiting for it: the step is done again after a release. */
export function restartBranch(branches: Branch[], step: string): Branch[] {
  return branches.map((b) => (b.step === step && b.status === 'in-progress' ? { ...b, status: 'waiting' } : b));
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
