/**
 * The visual diff of two routing versions (definitions/diff): one document to draw — the newer
 * version plus what the older one had and the newer lost — and a mark per step, transition and
 * queue-time limit that was added, removed or changed. A change inside a step (a measurement, a
 * component) marks the step changed.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import type { Change, DefinitionDiff } from '../../../../definitions/diff/types';
import type { Routing } from '../../../../definitions/routing/schema';
import type { DiffMarks } from '../flow/types';
import type { DiffMark } from '../nodes/shared/types';

export interface DiffView {
  doc: Routing;
  marks: DiffMarks;
  diff: DefinitionDiff;
}

const edgeKey = (x: { from: string; to: string; on?: string }): string => (x.on === undefined ? `${x.from}→${x.to}` : `${x.from}→${x.to} on ${x.on}`);

export function buildDiffView(before: Routing, after: Routing): DiffView {
  const diff = diffDefinitions('routing', before, after);
  const removedSteps = new Set(diff.changes.filter((c) => c.entity === 'step' && c.op === 'removed').map((c) => c.id));
  const steps = [...after.steps, ...before.steps.filter((s) => removedSteps.has(s.id))];
  const present = new Set(steps.map((s) => s.id));
  const removedEdges = (entity: string): Set<string | undefined> => new Set(diff.changes.filter((c) => c.entity === entity && c.op === 'removed').map((c) => c.id));
  const goneT = removedEdges('transition');
  const goneQ = removedEdges('queue-time-limit');
  const transitions = [...after.transitions, ...before.transitions.filter((t) => goneT.has(edgeKey(t)) && present.has(t.from) && present.has(t.to))];
  const queueTimeLimits = [
    ...(after.queueTimeLimits ?? []),
    ...(before.queueTimeLimits ?? []).filter((q) => goneQ.has(edgeKey(q)) && present.has(q.from) && present.has(q.to)),
  ];
  const doc: Routing = { ...after, steps, transitions, ...(queueTimeLimits.length > 0 ? { queueTimeLimits } : {}) };

  const stepMarks = new Map<string, DiffMark>();
  const tMarks = new Map<number, DiffMark>();
  const qMarks = new Map<number, DiffMark>();
  const tIndex = new Map<string, number>();
  transitions.forEach((t, i) => {
    const key = edgeKey(t);
    // A removed transition sits after the kept ones: the later index is the removed one.
    if (!tIndex.has(key) || goneT.has(key)) tIndex.set(key, i);
  });
  const qIndex = new Map(queueTimeLimits.map((q, i) => [edgeKey(q), i]));
  for (const c of diff.changes) {
    if (c.id === undefined) continue;
    if (c.entity === 'step') stepMarks.set(c.id, c.op);
    else if (c.entity === 'measurement' || c.entity === 'component') {
      const stepId = c.id.split('/')[0] as string;
      if (!stepMarks.has(stepId)) stepMarks.set(stepId, 'changed');
    } else if (c.entity === 'transition' && tIndex.has(c.id)) tMarks.set(tIndex.get(c.id) as number, c.op);
    else if (c.entity === 'queue-time-limit' && qIndex.has(c.id)) qMarks.set(qIndex.get(c.id) as number, c.op);
  }
  return { doc, marks: { steps: stepMarks, transitions: tMarks, queueTimeLimits: qMarks }, diff };
}

/** The changes a step is concerned by: its own, and those of its measurements and components. */
export function changesOfStep(diff: DefinitionDiff, stepId: string): Change[] {
  return diff.changes.filter((c) => c.id !== undefined && (((c.entity === 'step') && c.id === stepId) || ((c.entity === 'measurement' || c.entity === 'component') && c.id.startsWith(`${stepId}/`))));
}
