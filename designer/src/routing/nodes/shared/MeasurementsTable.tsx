/** A step's measurement table: name, unit, LSL / target / USL, required. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber } from 'antd';
import type { ReactNode } from 'react';
import type { RoutingStep, StepMeasurement } from '../../../../../definitions/routing/schema';
import { useT } from '../../../i18n';
import { useRoutingStore } from '../../model/store';

const cell = { padding: 2 } as const;

export function MeasurementsTable({ step }: { step: RoutingStep }): ReactNode {
  const t = useT();
  const readOnly = useRoutingStore((s) => s.readOnly);
  const updateStep = useRoutingStore((s) => s.updateStep);
  const rows = step.measurements ?? [];
  const set = (next: StepMeasurement[]): void => updateStep(step.id, { measurements: next.length > 0 ? next : undefined });
  const change = (i: number, patch: Partial<StepMeasurement>): void =>
    set(
      rows.map((m, j) => {
        if (j !== i) return m;
        const next: Record<string, unknown> = { ...m, ...patch };
        for (const k of Object.keys(patch)) if (next[k] === undefined || next[k] === null || next[k] === '') delete next[k];
        return next as StepMeasurement;
      }),
    );
  const num = (i: number, field: 'lsl' | 'target' | 'usl', value: number | undefined, label: string): ReactNode => (
    <InputNumber size="small" aria-label={`${label} ${i + 1}`} style={{ width: 64 }} value={value ?? null} onChange={(v) => change(i, { [field]: v ?? undefined })} />
  );
  return (
    <div>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }} aria-label={t('routing.section.measurements')} data-testid="measurements">
        <thead>
          <tr style={{ textAlign: 'left', color: '#57606a' }}>
            <th>{t('routing.measurement.name')}</th>
            <th>{t('routing.measurement.unit')}</th>
            <th>{t('routing.measurement.lsl')}</th>
            <th>{t('routing.measurement.target')}</th>
            <th>{t('routing.measurement.usl')}</th>
            <th title={t('routing.measurement.required')}>{t('routing.measurement.requiredShort')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((m, i) => (
            <tr key={i}>
              <td style={cell}>
                <Input size="small" aria-label={`${t('routing.measurement.name')} ${i + 1}`} value={m.name} onChange={(e) => change(i, { name: e.target.value })} />
              </td>
              <td style={cell}>
                <Input size="small" aria-label={`${t('routing.measurement.unit')} ${i + 1}`} style={{ width: 56 }} value={m.unit ?? ''} onChange={(e) => change(i, { unit: e.target.value })} />
              </td>
              <td style={cell}>{num(i, 'lsl', m.lsl, t('routing.measurement.lsl'))}</td>
              <td style={cell}>{num(i, 'target', m.target, t('routing.measurement.target'))}</td>
              <td style={cell}>{num(i, 'usl', m.usl, t('routing.measurement.usl'))}</td>
              <td style={cell}>
                <Checkbox aria-label={`${t('routing.measurement.required')} ${i + 1}`} checked={m.required !== false} onChange={(e) => change(i, { required: e.target.checked ? undefined : false })} />
              </td>
              <td style={cell}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('routing.measurement.remove', { n: i + 1 })} onClick={() => set(rows.filter((_, j) => j !== i))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 4 }} onClick={() => set([...rows, { name: t('routing.measurement.newName', { n: rows.length + 1 }) }])}>
          {t('routing.measurement.add')}
        </Button>
      )}
    </div>
  );
}
