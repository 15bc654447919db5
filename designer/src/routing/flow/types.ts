/** The data the canvas's edges carry (nodes: nodes/shared/types.ts). */
import type { Edge } from '@xyflow/react';
import type { DiffMark } from '../nodes/shared/types';

/** How a transition is drawn: pass, fail (catch-all), fail for some defect codes, a rework loop, or a queue-time limit. */
export type EdgeStyle = 'pass' | 'fail' | 'defects' | 'rework' | 'queue';

export interface FlowEdgeData extends Record<string, unknown> {
  style: EdgeStyle;
  /** Defect codes, max loops, minutes: what the label shows besides the style. */
  detail: string;
  problem: boolean;
  diff?: DiffMark;
  /** The transition or queue-time limit drawn: an unchanged edge keeps its object (no re-render). */
  ref: object;
}

export type FlowEdge = Edge<FlowEdgeData, 'routing'>;

export interface DiffMarks {
  steps: ReadonlyMap<string, DiffMark>;
  transitions: ReadonlyMap<number, DiffMark>;
  queueTimeLimits: ReadonlyMap<number, DiffMark>;
}
