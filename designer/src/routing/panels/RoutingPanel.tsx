/** The routing's own fields: name, description, mode, product models (from master data), entry step. */
import { Form, Input, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ROUTING_MODES, type RoutingMode } from '../../../../definitions/routing/schema';
import { useLocale, useT } from '../../i18n';
import { NONE, useMasterData } from '../model/master-data';
import { useRoutingStore } from '../model/store';

export function RoutingPanel(): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const doc = useRoutingStore((s) => s.doc);
  const readOnly = useRoutingStore((s) => s.readOnly);
  const updateRouting = useRoutingStore((s) => s.updateRouting);
  const models = useMasterData((s) => s.data?.productModels) ?? NONE;
  return (
    <Form layout="vertical" size="small" disabled={readOnly} aria-label={t('routing.panel.routing')}>
      <Typography.Paragraph type="secondary">{t('routing.panel.routing.hint')}</Typography.Paragraph>
      <Form.Item label={t('routing.field.routingName')}>
        <Input aria-label={t('routing.field.routingName')} value={doc.name} onChange={(e) => updateRouting({ name: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('routing.field.description')}>
        <Input.TextArea aria-label={t('routing.field.description')} autoSize={{ minRows: 2, maxRows: 6 }} value={doc.description ?? ''} onChange={(e) => updateRouting({ description: e.target.value === '' ? undefined : e.target.value })} />
      </Form.Item>
      <Form.Item label={t('routing.field.mode')}>
        <Select<RoutingMode>
          aria-label={t('routing.field.mode')}
          value={doc.mode ?? 'unit'}
          onChange={(mode) => updateRouting({ mode })}
          options={ROUTING_MODES.map((m) => ({ value: m, label: t(`routing.mode.${m}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('routing.field.productModels')}>
        <Select
          mode="tags"
          aria-label={t('routing.field.productModels')}
          value={doc.productModels ?? []}
          onChange={(next: string[]) => updateRouting({ productModels: next.length > 0 ? next : undefined })}
          options={models.map((m) => ({ value: m.id, label: `${m.id} · ${m.name[locale]}` }))}
        />
      </Form.Item>
      <Form.Item label={t('routing.field.entryStep')}>
        <Select
          aria-label={t('routing.field.entryStep')}
          allowClear
          placeholder={t('routing.field.entryStep.auto')}
          value={doc.entry}
          onChange={(entry: string | undefined) => updateRouting({ entry })}
          options={doc.steps.map((s) => ({ value: s.id, label: `${s.id} · ${s.name}` }))}
        />
      </Form.Item>
    </Form>
  );
}
