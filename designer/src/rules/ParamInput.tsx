/**
 * The input of one fact param, by its type: a time window as amount + unit (or "current shift"),
 * the other types as a text with suggestions: the event binding (`{{line}}`) and the master-data
 * ids the type refers to.
 */
import { AutoComplete, InputNumber, Select, Space } from 'antd';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { MasterDataReference, ParamType } from '../../../definitions/rules/facts';
import { useLocale, useT } from '../i18n';
import { formatWindow, parseWindow, type WindowUnit } from './model/leaf';
import './messages';

function referenceIds(md: MasterData | undefined, reference: MasterDataReference | undefined): string[] {
  if (!md || !reference) return [];
  switch (reference) {
    case 'productModels':
      return (md.productModels ?? []).map((m) => m.id);
    case 'lines':
      return (md.lines ?? []).map((l) => l.id);
    case 'defectCodes':
      return (md.defectCodes ?? []).map((d) => d.code);
    case 'equipment':
      return (md.equipment ?? []).map((e) => e.id);
    case 'parts':
      return (md.parts ?? []).map((p) => p.partNumber);
  }
}

interface Props {
  type: ParamType;
  value: string | undefined;
  required: boolean;
  status: 'error' | undefined;
  masterData: MasterData | undefined;
  onChange: (value: string | undefined) => void;
}

export function ParamInput({ type, value, required, status, masterData, onChange }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const label = type.labels[locale];
  if (type.name === 'window') return <WindowInput label={label} value={value} status={status} required={required} onChange={onChange} />;
  const options = [
    ...(type.binds ? [{ value: `{{${type.binds}}}`, label: t('rules.param.binding', { name: `{{${type.binds}}}` }) }] : []),
    ...referenceIds(masterData, type.reference).map((id) => ({ value: id, label: id })),
  ];
  return (
    <AutoComplete
      aria-label={label}
      placeholder={`${label}${required ? ' *' : ''} (${t('rules.param.example', { example: type.example })})`}
      style={{ minWidth: 170 }}
      status={status}
      value={value ?? ''}
      options={options}
      allowClear
      showSearch={{ filterOption: (input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
      onChange={(v: string) => onChange(v === '' ? undefined : v)}
    />
  );
}

const UNITS: Array<WindowUnit | 'shift'> = ['m', 'h', 'd', 'shift'];

function WindowInput({ label, value, status, required, onChange }: { label: string; value: string | undefined; status: 'error' | undefined; required: boolean; onChange: (v: string | undefined) => void }) {
  const t = useT();
  const parts = parseWindow(value);
  const unit = parts === undefined ? undefined : parts.shift ? 'shift' : parts.unit;
  const amount = parts && !parts.shift ? parts.amount : undefined;
  const unitOptions = [
    ...(required ? [] : [{ value: '', label: t('rules.param.window.none') }]),
    ...UNITS.map((u) => ({ value: u, label: t(`rules.param.window.${u}`) })),
  ];
  return (
    <Space.Compact>
      {unit !== 'shift' && (
        <InputNumber
          aria-label={t('rules.param.window.amount', { label })}
          min={1}
          max={999}
          precision={0}
          status={status}
          style={{ width: 80 }}
          value={amount}
          onChange={(n) => onChange(n === null ? undefined : formatWindow({ shift: false, amount: Number(n), unit: (unit as WindowUnit | undefined) ?? 'h' }))}
        />
      )}
      <Select
        aria-label={t('rules.param.window.unit', { label })}
        status={status}
        style={{ width: unit === 'shift' ? 160 : 100 }}
        value={unit ?? (value === undefined ? '' : undefined)}
        options={unitOptions}
        onChange={(u: string) => onChange(u === '' ? undefined : u === 'shift' ? 'shift' : formatWindow({ shift: false, amount: amount ?? 1, unit: u as WindowUnit }))}
      />
    </Space.Compact>
  );
}
