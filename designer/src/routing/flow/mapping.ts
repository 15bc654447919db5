/**
 * The boundary between the routing model and React Flow: nodes and edges are derived from the
 * document (plus positions, problems, diff marks and the selection), never edited in place.
 * Derivation is linear in the routing's size and reuses the previous node object when nothing
 * it shows changed, so memoized node components skip re-rendering.
 */
import type { Node } from '@xyflow/react';
import { entryStepId } from '../../../../definitions/routing/graph';
import type { Routing } from '../../../../definitions/routing/schema';
import { queueLimitIds, transitionIds, type Selection } from '../model/ids';
import type { Problems } from '../model/problems';
import type { XY } from '../model/xy';
import type { StepNode, StepNodeData } from '../nodes/shared/types';
import type { DiffMarks, EdgeStyle, FlowEdge } from './types';

export interface ViewInput {
  doc: Routing;
  positions: Record<string, XY>;
  problems: Problems;
  marks?: DiffMarks;
  readOnly: boolean;
}

const ORIGIN = { x: 0, y: 0 };

export function deriveNodes(input: ViewInput, previous: readonly Node[]): StepNode[] {
  const { doc, positions, problems, marks, readOnly } = input;
  const before = new Map(previous.map((n) => [n.id, n as StepNode]));
  const entry = entryStepId(doc);
  const seen = new Set<string>();
  const nodes: StepNode[] = [];
  for (const step of doc.steps) {
    if (seen.has(step.id)) continue; // a duplicate id is a problem the list shows; one node per id
    seen.add(step.id);
    const position = positions[step.id] ?? ORIGIN;
    const data: StepNodeData = { step, entry: step.id === entry, problem: problems.steps.has(step.id), readOnly, ...(marks?.steps.get(step.id) ? { diff: marks.steps.get(step.id) } : {}) };
    const old = before.get(step.id);
    if (
      old !== undefined &&
      old.type === step.kind &&
      old.data.step === step &&
      old.data.entry === data.entry &&
      old.data.problem === data.problem &&
      old.data.diff === data.diff &&
      old.data.readOnly === readOnly &&
      old.position.x === position.x &&
      old.position.y === position.y
    ) {
      nodes.push(old);
    } else {
      nodes.push({ ...(old ?? {}), id: step.id, type: step.kind, position, data, deletable: false, draggable: !readOnly || marks !== undefined });
    }
  }
  return nodes;
}

function transitionStyle(t: Routing['transitions'][number]): EdgeStyle {
  if (t.maxLoops !== undefined) return 'rework';
  if (t.on === 'pass') return 'pass';
  return t.defectCodes === undefined ? 'fail' : 'defects';
}

/** The previous edge when nothing it shows changed, so React Flow skips re-rendering it. */
function reuse(next: FlowEdge, before: ReadonlyMap<string, FlowEdge>): FlowEdge {
  const old = before.get(next.id);
  if (
    old !== undefined &&
    old.data !== undefined &&
    next.data !== undefined &&
    old.data.ref === next.data.ref &&
    old.data.problem === next.data.problem &&
    old.data.diff === next.data.diff &&
    old.selected === next.selected
  ) {
    return old;
  }
  return next;
}

export function deriveEdges(input: ViewInput, selection: Selection | null, previous: readonly FlowEdge[] = []): FlowEdge[] {
  const { doc, problems, marks } = input;
  const before = new Map(previous.map((e) => [e.id, e]));
  const tIds = transitionIds(doc);
  const edges: FlowEdge[] = doc.transitions.map((t, i) => {
    const style = transitionStyle(t);
    const detail = [t.defectCodes?.join(', '), t.maxLoops === undefined ? undefined : `≤${t.maxLoops}`].filter((x) => x !== undefined).join(' ');
    const diff = marks?.transitions.get(i);
    return reuse(
      {
        id: tIds[i] as string,
        type: 'routing',
        source: t.from,
        target: t.to,
        sourceHandle: t.on,
        selected: selection?.kind === 'transition' && selection.index === i,
        deletable: false,
        data: { style, detail, problem: problems.transitions.has(i), ref: t, ...(diff ? { diff } : {}) },
      },
      before,
    );
  });
  const qIds = queueLimitIds(doc);
  (doc.queueTimeLimits ?? []).forEach((q, i) => {
    const diff = marks?.queueTimeLimits.get(i);
    edges.push(
      reuse(
        {
          id: qIds[i] as string,
          type: 'routing',
          source: q.from,
          target: q.to,
          sourceHandle: 'pass',
          selected: selection?.kind === 'queue' && selection.index === i,
          deletable: false,
          data: { style: 'queue', detail: String(q.maxMinutes), problem: problems.queueTimeLimits.has(i), ref: q, ...(diff ? { diff } : {}) },
        },
        before,
      ),
    );
  });
  return edges;
}

/** The selection an edge id stands for. */
export function selectionOfEdge(doc: Routing, edgeId: string): Selection | null {
  const t = transitionIds(doc).indexOf(edgeId);
  if (t >= 0) return { kind: 'transition', index: t };
  const q = queueLimitIds(doc).indexOf(edgeId);
  return q >= 0 ? { kind: 'queue', index: q } : null;
}

/** The edge id of a selected transition or queue-time limit. */
export function edgeIdOf(doc: Routing, selection: Selection): string | undefined {
  if (selection.kind === 'transition') return transitionIds(doc)[selection.index];
  if (selection.kind === 'queue') return queueLimitIds(doc)[selection.index];
  return undefined;
}
