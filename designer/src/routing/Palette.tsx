/** The step kinds: drag one onto the canvas, or click (or Enter) to add it in the middle of the view. */
import { useReactFlow } from '@xyflow/react';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { STEP_KINDS } from '../../../definitions/routing/schema';
import { useT } from '../i18n';
import { DRAG_TYPE } from './flow/Canvas';
import { NODE_HEIGHT, NODE_WIDTH } from './model/layout';
import { useRoutingStore, type XY } from './model/store';
import { KINDS } from './nodes/registry';

/** The first spot from `start` (going right, then down) where a new step covers no other. */
function freeSpot(positions: Record<string, XY>, start: XY): XY {
  const taken = Object.values(positions);
  const clear = (p: XY): boolean => taken.every((q) => Math.abs(q.x - p.x) >= NODE_WIDTH + 20 || Math.abs(q.y - p.y) >= NODE_HEIGHT + 20);
  for (let row = 0; row < 50; row++) {
    for (let col = 0; col < 4; col++) {
      const p = { x: start.x + col * (NODE_WIDTH + 60), y: start.y + row * (NODE_HEIGHT + 40) };
      if (clear(p)) return p;
    }
  }
  return start;
}

export function Palette(): ReactNode {
  const t = useT();
  const flow = useReactFlow();
  const readOnly = useRoutingStore((s) => s.readOnly);
  if (readOnly) return null;
  const addInView = (kind: (typeof STEP_KINDS)[number]): void => {
    const pane = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const center = pane === undefined ? { x: 0, y: 0 } : flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
    const at = freeSpot(useRoutingStore.getState().positions, { x: center.x - 100, y: center.y - 40 });
    useRoutingStore.getState().addStep(kind, at, t(`routing.kind.${kind}`));
  };
  return (
    <nav aria-label={t('routing.palette')} style={{ width: 132, padding: 8, borderRight: '1px solid #e5e7eb', background: '#fafbfc', display: 'grid', gap: 6, alignContent: 'start' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('routing.palette')}
      </Typography.Text>
      {STEP_KINDS.map((kind) => {
        const { meta } = KINDS[kind];
        return (
          <button
            key={kind}
            type="button"
            draggable
            data-testid={`palette-${kind}`}
            aria-label={t('routing.palette.add', { kind: t(`routing.kind.${kind}`) })}
            title={t('routing.palette.hint')}
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, kind);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => addInView(kind)}
            style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '6px 8px', border: `1px solid ${meta.color}`, borderLeftWidth: 4, borderRadius: 6, background: '#fff', cursor: 'grab', fontSize: 13, textAlign: 'left' }}
          >
            <span style={{ color: meta.color }} aria-hidden>
              {meta.icon}
            </span>
            {t(`routing.kind.${kind}`)}
          </button>
        );
      })}
    </nav>
  );
}
