/** The defect codes a step may record, picked from master data (free codes allowed when none is published). */
import { Select } from 'antd';
import type { ReactNode } from 'react';
import type { RoutingStep } from '../../../../../definitions/routing/schema';
import { useT, type Locale } from '../../../i18n';
import { NONE, useMasterData } from '../../model/master-data';
import { useRoutingStore } from '../../model/store';

export function DefectCodesPicker({ step, locale }: { step: RoutingStep; locale: Locale }): ReactNode {
  const t = useT();
  const codes = useMasterData((s) => s.data?.defectCodes) ?? NONE;
  const updateStep = useRoutingStore((s) => s.updateStep);
  return (
    <Select
      mode="tags"
      aria-label={t('routing.section.defectCodes')}
      placeholder={t('routing.defectCodes.placeholder')}
      style={{ width: '100%' }}
      value={step.defectCodes ?? []}
      onChange={(next: string[]) => updateStep(step.id, { defectCodes: next.length > 0 ? next : undefined })}
      options={codes.map((c) => ({ value: c.code, label: `${c.code} · ${c.name[locale]} (${c.category})` }))}
      optionFilterProp="label"
    />
  );
}
