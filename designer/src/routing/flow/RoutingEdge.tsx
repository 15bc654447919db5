/** How transitions and queue-time limits are drawn: colour and dash by style, a label with the outcome and details. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { useRoutingStore } from '../model/store';
import { selectionOfEdge } from './mapping';
import type { FlowEdge } from './types';

const COLORS = { pass: '#16a34a', fail: '#dc2626', defects: '#ea580c', rework: '#b91c1c', queue: '#7c3aed' } as const;
const DIFF = { added: '#16a34a', removed: '#dc2626', changed: '#d97706' } as const;

export const RoutingEdge = memo(function RoutingEdge(props: EdgeProps<FlowEdge>): ReactNode {
  const t = useT();
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  if (data === undefined) return null;
  const backwards = targetX < sourceX;
  const [path, labelX, labelY] = (data.style === 'queue' || backwards ? getBezierPath : getSmoothStepPath)({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const color = data.diff !== undefined ? DIFF[data.diff] : data.problem ? '#dc2626' : COLORS[data.style];
  const detail = data.style === 'queue' ? `≤${data.detail} ${t('routing.unit.minutes')}` : data.detail;
  const label = [t(`routing.edge.${data.style}`), detail].filter((x) => x !== '').join(' ');
  return (
    <g data-testid={`edge-${id}`} data-problem={data.problem ? 'error' : undefined} data-diff={data.diff} data-style={data.style}>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        style={{
          stroke: color,
          strokeWidth: selected ? 3 : data.diff !== undefined || data.problem ? 2.5 : 1.6,
          strokeDasharray: data.style === 'queue' ? '6 4' : data.diff === 'removed' ? '4 4' : data.style === 'rework' ? '8 3' : undefined,
        }}
      />
      <EdgeLabelRenderer>
        <div
          className="nodrag nopan"
          onClick={() => {
            const { doc, select } = useRoutingStore.getState();
            select(selectionOfEdge(doc, id));
          }}
          aria-label={t('routing.edge.aria', { label })}
          style={{
            position: 'absolute',
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            pointerEvents: 'all',
            fontSize: 11,
            background: '#fff',
            border: `1px solid ${color}`,
            color,
            borderRadius: 4,
            padding: '0 4px',
            whiteSpace: 'nowrap',
            fontWeight: selected ? 700 : 500,
          }}
        >
          {data.problem ? '! ' : ''}
          {label}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
});
