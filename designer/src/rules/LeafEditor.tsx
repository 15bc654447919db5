/**
 * One condition leaf: the fact (from the catalog, labelled in the UI language), its params by
 * type, an operator allowed for the fact's value type, and the value with the fact's unit.
 */
import { Button, Input, InputNumber, Select, Space, Tooltip, Typography } from 'antd';
import { DeleteOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { Fact } from '../../../definitions/rules/facts';
import type { Finding } from '../../../definitions/validation/finding';
import { useLocale, useT } from '../i18n';
import { findFact, findOperator, findParamType, operatorsFor, type FactCatalog } from './model/catalog';
import { formatList, parseList, withFact, withOperator, withParam } from './model/leaf';
import type { CondNode } from './model/tree';
import { Captioned } from './Captioned';
import { ParamInput } from './ParamInput';
import { FieldProblems, statusAt } from './Problems';
import './messages';

interface Props {
  leaf: CondNode;
  pointer: string;
  catalog: FactCatalog;
  masterData: MasterData | undefined;
  findings: readonly Finding[];
  onChange: (leaf: CondNode) => void;
  onRemove: () => void;
  onNegate: () => void;
}

export function LeafEditor({ leaf, pointer, catalog, masterData, findings, onChange, onRemove, onNegate }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const fact = findFact(catalog, leaf.fact);
  const operator = findOperator(catalog, leaf.operator);
  const unit = fact?.unit ? t(`rules.unit.${fact.unit}`) : undefined;
  return (
    <div data-testid="condition-leaf" data-pointer={pointer} style={{ padding: '6px 8px', borderRadius: 6, background: 'rgba(0,0,0,0.02)' }}>
      <Space wrap align="end">
        <Captioned label={t('rules.leaf.fact')}>
          <Select
            aria-label={t('rules.leaf.fact')}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            status={statusAt(findings, `${pointer}/fact`)}
            value={fact ? leaf.fact : undefined}
            placeholder={t('rules.leaf.factPlaceholder')}
            options={catalog.facts.map((f) => ({ value: f.name, label: f.labels[locale] }))}
            onChange={(name: string) => {
              const next = findFact(catalog, name);
              if (next) onChange(withFact(catalog, leaf, next));
            }}
          />
        </Captioned>
        {fact?.params.map((p) => {
          const type = findParamType(catalog, p.type);
          if (!type) return null;
          const raw = leaf.params?.[p.name];
          return (
            <Captioned key={p.name} label={`${type.labels[locale]}${p.required ? ' *' : ''}`}>
              <ParamInput
                type={type}
                required={p.required}
                masterData={masterData}
                status={statusAt(findings, `${pointer}/params/${p.name}`)}
                value={raw === undefined ? undefined : String(raw)}
                onChange={(v) => onChange(withParam(leaf, p.name, v))}
              />
            </Captioned>
          );
        })}
        <Captioned label={t('rules.leaf.operator')}>
          <Select
            aria-label={t('rules.leaf.operator')}
            style={{ minWidth: 130 }}
            status={statusAt(findings, `${pointer}/operator`)}
            value={operator ? leaf.operator : undefined}
            options={operatorsFor(catalog, fact).map((o) => ({ value: o.name, label: `${o.symbol} ${o.labels[locale]}` }))}
            onChange={(name: string) => {
              const op = findOperator(catalog, name);
              if (op) onChange(withOperator(leaf, op, fact));
            }}
          />
        </Captioned>
        <Captioned label={t('rules.leaf.value')}>
          <ValueInput fact={fact} list={operator?.value === 'list'} value={leaf.value} unit={unit} status={statusAt(findings, `${pointer}/value`)} onChange={(value) => onChange({ ...leaf, value })} />
        </Captioned>
        <Tooltip title={t('rules.tree.negate')}>
          <Button aria-label={t('rules.tree.negate')} icon={<StopOutlined />} onClick={onNegate} />
        </Tooltip>
        <Tooltip title={t('rules.tree.removeCondition')}>
          <Button aria-label={t('rules.tree.removeCondition')} danger icon={<DeleteOutlined />} onClick={onRemove} />
        </Tooltip>
      </Space>
      {fact && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {fact.description[locale]}
        </Typography.Text>
      )}
      <FieldProblems findings={findings} pointer={pointer} exact={false} />
    </div>
  );
}

interface ValueProps {
  fact: Fact | undefined;
  list: boolean;
  value: CondNode['value'];
  unit: string | undefined;
  status: 'error' | undefined;
  onChange: (value: NonNullable<CondNode['value']>) => void;
}

function ValueInput({ fact, list, value, unit, status, onChange }: ValueProps) {
  const t = useT();
  const [text, setText] = useState<string>();
  const [bad, setBad] = useState<string>();
  const label = t('rules.leaf.value');
  if (fact?.valueType === 'boolean' && !list) {
    return (
      <Select
        aria-label={label}
        status={status}
        style={{ width: 110 }}
        value={value === true ? 'true' : value === false ? 'false' : undefined}
        options={[
          { value: 'true', label: t('rules.value.true') },
          { value: 'false', label: t('rules.value.false') },
        ]}
        onChange={(v: string) => onChange(v === 'true')}
      />
    );
  }
  if (list) {
    return (
      <Space orientation="vertical" size={0}>
        <Input
          aria-label={label}
          status={status ?? (bad ? 'error' : undefined)}
          style={{ width: 180 }}
          placeholder={t('rules.value.listPlaceholder')}
          suffix={unit}
          value={text ?? formatList(value)}
          onChange={(e) => {
            setText(e.target.value);
            const parsed = parseList(fact?.valueType ?? 'number', e.target.value);
            setBad(parsed.ok ? undefined : parsed.bad);
            if (parsed.ok && parsed.value.length > 0) onChange(parsed.value);
          }}
          onBlur={() => setText(undefined)}
        />
        {bad !== undefined && <Typography.Text type="danger">{t('rules.value.badItem', { item: bad })}</Typography.Text>}
      </Space>
    );
  }
  return (
    <InputNumber
      aria-label={label}
      status={status}
      style={{ width: 150 }}
      precision={fact?.valueType === 'integer' ? 0 : undefined}
      step={1}
      suffix={unit}
      value={typeof value === 'number' ? value : null}
      onChange={(n) => {
        if (typeof n === 'number') onChange(n);
      }}
    />
  );
}
