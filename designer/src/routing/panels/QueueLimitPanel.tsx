/** A queue-time limit: the longest a unit may wait from completing one step until starting another. */
import { Button, Form, InputNumber, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { QUEUE_TIME_ACTIONS, type QueueTimeLimit } from '../../../../definitions/routing/schema';
import { useT } from '../../i18n';
import { useRoutingStore } from '../model/store';

export function QueueLimitPanel({ index, limit }: { index: number; limit: QueueTimeLimit }): ReactNode {
  const t = useT();
  const readOnly = useRoutingStore((s) => s.readOnly);
  const update = useRoutingStore((s) => s.updateQueueTimeLimit);
  const removeSelection = useRoutingStore((s) => s.removeSelection);
  return (
    <Form layout="vertical" size="small" disabled={readOnly} aria-label={t('routing.panel.queue')}>
      <Typography.Paragraph>{t('routing.queue.between', { from: limit.from, to: limit.to })}</Typography.Paragraph>
      <Form.Item label={t('routing.queue.maxMinutes')}>
        <InputNumber aria-label={t('routing.queue.maxMinutes')} min={0} value={limit.maxMinutes} onChange={(v) => update(index, { maxMinutes: v ?? 0 })} addonAfter={t('routing.unit.minutes')} />
      </Form.Item>
      <Form.Item label={t('routing.queue.onViolation')}>
        <Select
          aria-label={t('routing.queue.onViolation')}
          value={limit.onViolation}
          onChange={(v: QueueTimeLimit['onViolation']) => update(index, { onViolation: v })}
          options={QUEUE_TIME_ACTIONS.map((a) => ({ value: a, label: t(`routing.action.${a}`) }))}
        />
      </Form.Item>
      {!readOnly && (
        <Button danger onClick={removeSelection}>
          {t('routing.queue.remove')}
        </Button>
      )}
    </Form>
  );
}
