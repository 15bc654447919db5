/**
 * The components a station installs: name, quantity, supplier-lot capture, and the allowed part
 * numbers per product model (models of the routing, parts from master data).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';
import type { RoutingStep, StepComponent } from '../../../../../definitions/routing/schema';
import { useT } from '../../../i18n';
import { useMasterData } from '../../model/master-data';
import { useRoutingStore } from '../../model/store';

type PartGroup = StepComponent['partNumbers'][number];
const ALL_MODELS = '*';

export function ComponentsEditor({ step }: { step: RoutingStep }): ReactNode {
  const t = useT();
  const readOnly = useRoutingStore((s) => s.readOnly);
  const models = useRoutingStore((s) => s.doc.productModels);
  const updateStep = useRoutingStore((s) => s.updateStep);
  const parts = useMasterData((s) => s.data?.parts);
  const rows = step.components ?? [];
  const set = (next: StepComponent[]): void => updateStep(step.id, { components: next.length > 0 ? next : undefined });
  const change = (i: number, patch: Partial<StepComponent>): void => set(rows.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const partOptions = (parts ?? []).slice(0, 2000).map((p) => ({ value: p.partNumber, label: `${p.partNumber} · ${p.description}` }));
  const modelOptions = [{ value: ALL_MODELS, label: t('routing.components.allModels') }, ...(models ?? []).map((m) => ({ value: m, label: m }))];

  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {rows.map((c, i) => {
        const groups = c.partNumbers;
        const setGroups = (next: PartGroup[]): void => change(i, { partNumbers: next });
        return (
          <Card key={i} size="small" styles={{ body: { padding: 8, display: 'grid', gap: 6 } }}>
            <div style={{ display: 'flex', gap: 6 }}>
              <Input size="small" aria-label={`${t('routing.components.name')} ${i + 1}`} placeholder={t('routing.components.name')} value={c.name ?? ''} onChange={(e) => change(i, { name: e.target.value === '' ? undefined : e.target.value })} />
              <InputNumber size="small" aria-label={`${t('routing.components.quantity')} ${i + 1}`} min={1} style={{ width: 70 }} value={c.quantity} onChange={(v) => change(i, { quantity: v ?? 1 })} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('routing.components.remove', { n: i + 1 })} onClick={() => set(rows.filter((_, j) => j !== i))} />
            </div>
            <Checkbox checked={c.captureSupplierLot} onChange={(e) => change(i, { captureSupplierLot: e.target.checked })}>
              {t('routing.components.captureLot')}
            </Checkbox>
            {groups.map((g, k) => (
              <div key={k} style={{ display: 'flex', gap: 4 }}>
                <Select
                  size="small"
                  aria-label={`${t('routing.components.model')} ${i + 1}.${k + 1}`}
                  style={{ width: 110 }}
                  value={g.productModel ?? ALL_MODELS}
                  options={modelOptions}
                  onChange={(m: string) => setGroups(groups.map((x, j) => (j === k ? (m === ALL_MODELS ? { partNumbers: x.partNumbers } : { ...x, productModel: m }) : x)))}
                />
                <Select
                  size="small"
                  mode="tags"
                  aria-label={`${t('routing.components.parts')} ${i + 1}.${k + 1}`}
                  style={{ flex: 1 }}
                  value={g.partNumbers}
                  options={partOptions}
                  optionFilterProp="label"
                  onChange={(p: string[]) => setGroups(groups.map((x, j) => (j === k ? { ...x, partNumbers: p } : x)))}
                />
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('routing.components.removeModel', { n: k + 1 })} disabled={groups.length === 1} onClick={() => setGroups(groups.filter((_, j) => j !== k))} />
              </div>
            ))}
            {!readOnly && (
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setGroups([...groups, { productModel: models?.[0] ?? 'MODEL', partNumbers: [] }])}>
                {t('routing.components.addModel')}
              </Button>
            )}
          </Card>
        );
      })}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => set([...rows, { name: t('routing.components.newName', { n: rows.length + 1 }), quantity: 1, captureSupplierLot: false, partNumbers: [{ partNumbers: [] }] }])}>
          {t('routing.components.add')}
        </Button>
      )}
    </div>
  );
}
