/** A transition's properties: outcome, defect codes (on fail), rework loop limit and what happens past it. */
import { Button, Form, InputNumber, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LOOP_LIMIT_ACTIONS, OUTCOMES, type RoutingTransition } from '../../../../definitions/routing/schema';
import { useLocale, useT } from '../../i18n';
import { NONE, useMasterData } from '../model/master-data';
import { useRoutingStore } from '../model/store';

export function TransitionPanel({ index, transition }: { index: number; transition: RoutingTransition }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const readOnly = useRoutingStore((s) => s.readOnly);
  const fromStep = useRoutingStore((s) => s.doc.steps.find((x) => x.id === transition.from));
  const update = useRoutingStore((s) => s.updateTransition);
  const removeSelection = useRoutingStore((s) => s.removeSelection);
  const masterCodes = useMasterData((s) => s.data?.defectCodes) ?? NONE;
  const patch = (p: Partial<RoutingTransition>): void => update(index, p);
  const allowed = fromStep?.defectCodes;
  const codeOptions = (allowed ?? masterCodes.map((c) => c.code)).map((code) => {
    const known = masterCodes.find((c) => c.code === code);
    return { value: code, label: known === undefined ? code : `${code} · ${known.name[locale]}` };
  });
  return (
    <Form layout="vertical" size="small" disabled={readOnly} aria-label={t('routing.panel.transition')}>
      <Typography.Paragraph>{t('routing.transition.between', { from: transition.from, to: transition.to })}</Typography.Paragraph>
      <Form.Item label={t('routing.transition.on')}>
        <Select
          aria-label={t('routing.transition.on')}
          value={transition.on}
          onChange={(on: RoutingTransition['on']) => patch(on === 'pass' ? { on, defectCodes: undefined } : { on })}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`routing.edge.${o}`) }))}
        />
      </Form.Item>
      {transition.on === 'fail' && (
        <Form.Item label={t('routing.transition.defectCodes')} help={t('routing.transition.defectCodes.help')}>
          <Select
            mode="tags"
            aria-label={t('routing.transition.defectCodes')}
            value={transition.defectCodes ?? []}
            onChange={(codes: string[]) => patch({ defectCodes: codes.length > 0 ? codes : undefined })}
            options={codeOptions}
          />
        </Form.Item>
      )}
      <Form.Item label={t('routing.transition.maxLoops')} help={t('routing.transition.maxLoops.help')}>
        <InputNumber
          aria-label={t('routing.transition.maxLoops')}
          min={1}
          max={1000}
          precision={0}
          value={transition.maxLoops ?? null}
          onChange={(v) => patch(v === null ? { maxLoops: undefined, onMaxLoops: undefined } : { maxLoops: v })}
        />
      </Form.Item>
      {transition.maxLoops !== undefined && (
        <Form.Item label={t('routing.transition.onMaxLoops')}>
          <Select
            aria-label={t('routing.transition.onMaxLoops')}
            allowClear
            value={transition.onMaxLoops}
            onChange={(v: RoutingTransition['onMaxLoops']) => patch({ onMaxLoops: v })}
            options={LOOP_LIMIT_ACTIONS.map((a) => ({ value: a, label: t(`routing.action.${a}`) }))}
          />
        </Form.Item>
      )}
      {!readOnly && (
        <Button danger onClick={removeSelection}>
          {t('routing.transition.remove')}
        </Button>
      )}
    </Form>
  );
}
