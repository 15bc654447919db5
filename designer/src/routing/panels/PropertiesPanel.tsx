/** The side panel: the properties of what is selected (a step by its kind's panel, a transition, a queue-time limit), else the routing's. */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { useRoutingStore } from '../model/store';
import { KINDS } from '../nodes/registry';
import { QueueLimitPanel } from './QueueLimitPanel';
import { RoutingPanel } from './RoutingPanel';
import { TransitionPanel } from './TransitionPanel';

function Selected(): ReactNode {
  const selection = useRoutingStore((s) => s.selection);
  const doc = useRoutingStore((s) => s.doc);
  if (selection?.kind === 'step') {
    const step = doc.steps.find((s) => s.id === selection.id);
    if (step !== undefined) {
      const { Panel } = KINDS[step.kind];
      return <Panel key={step.id} step={step} />;
    }
  }
  if (selection?.kind === 'transition') {
    const transition = doc.transitions[selection.index];
    if (transition !== undefined) return <TransitionPanel key={selection.index} index={selection.index} transition={transition} />;
  }
  if (selection?.kind === 'queue') {
    const limit = doc.queueTimeLimits?.[selection.index];
    if (limit !== undefined) return <QueueLimitPanel key={selection.index} index={selection.index} limit={limit} />;
  }
  return <RoutingPanel />;
}

export function PropertiesPanel(): ReactNode {
  const t = useT();
  return (
    <aside aria-label={t('routing.panel')} data-testid="properties" style={{ width: 340, borderLeft: '1px solid #e5e7eb', padding: 12, overflow: 'auto', background: '#fff' }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('routing.panel')}
      </Typography.Title>
      <Selected />
    </aside>
  );
}
