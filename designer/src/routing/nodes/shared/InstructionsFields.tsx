/** Work instructions shown at the station: text in both languages and an optional document link. */
import { Input } from 'antd';
import type { ReactNode } from 'react';
import type { RoutingStep } from '../../../../../definitions/routing/schema';
import { useT } from '../../../i18n';
import { useRoutingStore } from '../../model/store';

type Instructions = NonNullable<RoutingStep['instructions']>;

export function InstructionsFields({ step }: { step: RoutingStep }): ReactNode {
  const t = useT();
  const updateStep = useRoutingStore((s) => s.updateStep);
  const current: Instructions = step.instructions ?? { text: { en: '', zh: '' } };
  const set = (next: Instructions): void => {
    const empty = next.text.en === '' && next.text.zh === '' && (next.attachmentUrl ?? '') === '';
    updateStep(step.id, { instructions: empty ? undefined : next });
  };
  return (
    <div style={{ display: 'grid', gap: 6 }}>
      <Input.TextArea aria-label={t('routing.instructions.en')} placeholder={t('routing.instructions.en')} autoSize={{ minRows: 1, maxRows: 4 }} value={current.text.en} onChange={(e) => set({ ...current, text: { ...current.text, en: e.target.value } })} />
      <Input.TextArea aria-label={t('routing.instructions.zh')} placeholder={t('routing.instructions.zh')} autoSize={{ minRows: 1, maxRows: 4 }} value={current.text.zh} onChange={(e) => set({ ...current, text: { ...current.text, zh: e.target.value } })} />
      <Input
        aria-label={t('routing.instructions.url')}
        placeholder={t('routing.instructions.url')}
        value={current.attachmentUrl ?? ''}
        onChange={(e) => {
          const { attachmentUrl: _drop, ...rest } = current;
          set(e.target.value === '' ? rest : { ...rest, attachmentUrl: e.target.value });
        }}
      />
    </div>
  );
}
