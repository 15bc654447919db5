/**
 * A step's properties: the common fields (id, name, kind, station group from master data,
 * minutes, overdue action, split/join, entry) and its kind's sections.
 */
import { Checkbox, Divider, Form, Input, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';
import { QUEUE_TIME_ACTIONS, STEP_KINDS, type RoutingStep, type StepKind } from '../../../../../definitions/routing/schema';
import { useLocale, useT } from '../../../i18n';
import { NONE, useMasterData } from '../../model/master-data';
import { useRoutingStore } from '../../model/store';
import { ComponentsEditor } from './ComponentsEditor';
import { DefectCodesPicker } from './DefectCodesPicker';
import { InstructionsFields } from './InstructionsFields';
import { MeasurementsTable } from './MeasurementsTable';
import type { PanelSection } from './types';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function StepPanel({ step, sections }: { step: RoutingStep; sections: readonly PanelSection[] }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const readOnly = useRoutingStore((s) => s.readOnly);
  const entry = useRoutingStore((s) => s.doc.entry);
  const updateStep = useRoutingStore((s) => s.updateStep);
  const updateRouting = useRoutingStore((s) => s.updateRouting);
  const stationGroups = useMasterData((s) => s.data?.stationGroups) ?? NONE;
  const patch = (p: Partial<RoutingStep>): void => updateStep(step.id, p);
  const known = stationGroups.some((g) => g.id === step.stationGroup);

  return (
    <Form layout="vertical" size="small" disabled={readOnly} aria-label={t('routing.panel.step')}>
      <Form.Item label={t('routing.field.id')} help={t('routing.field.id.help')}>
        <Input
          aria-label={t('routing.field.id')}
          defaultValue={step.id}
          key={step.id}
          onBlur={(e) => {
            const id = e.target.value.trim();
            if (id !== step.id && ID_PATTERN.test(id)) patch({ id });
            else e.target.value = step.id;
          }}
          onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
        />
      </Form.Item>
      <Form.Item label={t('routing.field.name')}>
        <Input aria-label={t('routing.field.name')} value={step.name} onChange={(e) => patch({ name: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('routing.field.kind')}>
        <Select<StepKind>
          aria-label={t('routing.field.kind')}
          value={step.kind}
          onChange={(kind) => patch({ kind })}
          options={STEP_KINDS.map((k) => ({ value: k, label: t(`routing.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('routing.field.stationGroup')} validateStatus={known || stationGroups.length === 0 ? undefined : 'error'}>
        <Select
          aria-label={t('routing.field.stationGroup')}
          data-testid="station-group-picker"
          showSearch
          value={step.stationGroup}
          onChange={(stationGroup: string) => patch({ stationGroup })}
          options={[
            ...stationGroups.map((g) => ({ value: g.id, label: `${g.id} · ${g.name}` })),
            ...(known ? [] : [{ value: step.stationGroup, label: t('routing.field.stationGroup.unknown', { id: step.stationGroup }) }]),
          ]}
          optionFilterProp="label"
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8 }}>
        <Form.Item label={t('routing.field.standardMinutes')} style={{ flex: 1 }}>
          <InputNumber aria-label={t('routing.field.standardMinutes')} min={0} style={{ width: '100%' }} value={step.standardMinutes ?? null} onChange={(v) => patch({ standardMinutes: v ?? undefined })} />
        </Form.Item>
        <Form.Item label={t('routing.field.maxMinutes')} style={{ flex: 1 }}>
          <InputNumber aria-label={t('routing.field.maxMinutes')} min={0} style={{ width: '100%' }} value={step.maxMinutes ?? null} onChange={(v) => patch({ maxMinutes: v ?? undefined })} />
        </Form.Item>
      </div>
      <Form.Item label={t('routing.field.onOverdue')}>
        <Select
          aria-label={t('routing.field.onOverdue')}
          allowClear
          value={step.onOverdue}
          onChange={(v: (typeof QUEUE_TIME_ACTIONS)[number] | undefined) => patch({ onOverdue: v })}
          options={QUEUE_TIME_ACTIONS.map((a) => ({ value: a, label: t(`routing.action.${a}`) }))}
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <Checkbox checked={step.split === true} onChange={(e) => patch({ split: e.target.checked ? true : undefined })}>
          {t('routing.field.split')}
        </Checkbox>
        <Checkbox checked={step.join === true} onChange={(e) => patch({ join: e.target.checked ? true : undefined })}>
          {t('routing.field.join')}
        </Checkbox>
        <Checkbox checked={entry === step.id} onChange={(e) => updateRouting({ entry: e.target.checked ? step.id : undefined })}>
          {t('routing.field.entry')}
        </Checkbox>
      </div>
      {sections.map((section) => (
        <div key={section}>
          <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>
            {t(`routing.section.${section}`)}
          </Divider>
          {section === 'measurements' && <MeasurementsTable step={step} />}
          {section === 'defectCodes' && <DefectCodesPicker step={step} locale={locale} />}
          {section === 'components' && <ComponentsEditor step={step} />}
          {section === 'instructions' && <InstructionsFields step={step} />}
        </div>
      ))}
    </Form>
  );
}
