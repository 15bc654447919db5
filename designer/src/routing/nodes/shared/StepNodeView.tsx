/**
 * The look every step node shares: kind color and icon, name, id and station group, badges
 * (entry, split, join), the incoming handle (left) and the pass (right) and fail (bottom) handles.
 * Memoized by the kind's node component: a 300-step routing re-renders only changed nodes.
 */
import { Handle, Position } from '@xyflow/react';
import { Tag, Tooltip } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useT } from '../../../i18n';
import type { KindMeta, StepNodeData } from './types';

const DIFF_COLORS = { added: '#16a34a', removed: '#dc2626', changed: '#d97706' } as const;

export function StepNodeView({ meta, data, selected }: { meta: KindMeta; data: StepNodeData; selected: boolean }): ReactNode {
  const t = useT();
  const { step, problem, diff, entry } = data;
  const border = diff !== undefined ? DIFF_COLORS[diff] : problem ? '#dc2626' : selected ? '#1f6feb' : '#d0d7de';
  const style: CSSProperties = {
    width: 200,
    background: diff === 'removed' ? '#fef2f2' : diff === 'added' ? '#f0fdf4' : diff === 'changed' ? '#fffbeb' : '#fff',
    border: `2px ${diff === 'removed' ? 'dashed' : 'solid'} ${border}`,
    borderRadius: 8,
    boxShadow: selected ? '0 0 0 3px rgba(31,111,235,0.25)' : '0 1px 2px rgba(0,0,0,0.08)',
    fontSize: 12,
    opacity: diff === 'removed' ? 0.75 : 1,
  };
  const label = t('routing.node.aria', { kind: t(`routing.kind.${meta.kind}`), name: step.name, id: step.id });
  return (
    <div
      style={style}
      data-testid={`node-${step.id}`}
      data-problem={problem ? 'error' : undefined}
      data-diff={diff}
      data-kind={meta.kind}
      aria-label={label}
      title={label}
    >
      <Handle type="target" position={Position.Left} style={{ background: '#57606a', width: 9, height: 9 }} />
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '4px 8px', background: meta.color, color: '#fff', borderRadius: '5px 5px 0 0' }}>
        <span aria-hidden>{meta.icon}</span>
        <span style={{ fontWeight: 600, flex: 1 }}>{t(`routing.kind.${meta.kind}`)}</span>
        {problem && (
          <Tooltip title={t('routing.node.hasProblems')}>
            <span role="img" aria-label={t('routing.node.hasProblems')} style={{ background: '#fff', color: '#dc2626', borderRadius: 8, padding: '0 6px', fontWeight: 700 }}>
              !
            </span>
          </Tooltip>
        )}
        {diff !== undefined && <span style={{ background: '#fff', color: DIFF_COLORS[diff], borderRadius: 8, padding: '0 6px', fontWeight: 700 }}>{t(`routing.diff.${diff}`)}</span>}
      </div>
      <div style={{ padding: '6px 8px' }}>
        <div style={{ fontWeight: 600, fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{step.name}</div>
        <div style={{ color: '#57606a' }}>
          {step.id} · {step.stationGroup}
        </div>
        {(entry || step.split === true || step.join === true) && (
          <div style={{ marginTop: 4 }}>
            {entry && <Tag color="blue">{t('routing.node.entry')}</Tag>}
            {step.split === true && <Tag color="purple">{t('routing.node.split')}</Tag>}
            {step.join === true && <Tag color="cyan">{t('routing.node.join')}</Tag>}
          </div>
        )}
      </div>
      <Handle type="source" id="pass" position={Position.Right} title={t('routing.edge.pass')} style={{ background: '#16a34a', width: 11, height: 11 }} />
      <Handle type="source" id="fail" position={Position.Bottom} title={t('routing.edge.fail')} style={{ background: '#dc2626', width: 11, height: 11 }} />
    </div>
  );
}
