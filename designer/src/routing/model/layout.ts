/**
 * Auto-layout with elkjs (layered, left to right): positions for every step, from the
 * transitions (queue-time limits do not shape the layout). Runs in the page (the bundled ELK),
 * so it needs no worker file the API would have to serve; loaded on first use.
 */
import type { ELK as ElkApi } from 'elkjs/lib/elk-api';
import type { Routing } from '../../../../definitions/routing/schema';
import type { XY } from './xy';

let elk: Promise<ElkApi> | null = null;

/** ELK is large: loaded (as its own chunk) the first time a layout is needed. */
function loadElk(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 96;

export async function autoLayout(routing: Routing): Promise<Record<string, XY>> {
  const ids = [...new Set(routing.steps.map((s) => s.id))];
  const known = new Set(ids);
  const graph = await (await loadElk()).layout({
    id: 'routing',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: routing.transitions
      .filter((t) => known.has(t.from) && known.has(t.to) && t.from !== t.to)
      .map((t, i) => ({ id: `e${i}`, sources: [t.from], targets: [t.to] })),
  });
  const positions: Record<string, XY> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}

/** Positions for steps that have none yet: below the others, so nothing lands on top of another step. */
export function placeMissing(routing: Routing, positions: Record<string, XY>): Record<string, XY> {
  const placed = Object.values(positions);
  let y = placed.length === 0 ? 0 : Math.max(...placed.map((p) => p.y)) + NODE_HEIGHT + 40;
  const next = { ...positions };
  for (const step of routing.steps) {
    if (next[step.id] !== undefined) continue;
    next[step.id] = { x: 0, y };
    y += NODE_HEIGHT + 40;
  }
  return next;
}
