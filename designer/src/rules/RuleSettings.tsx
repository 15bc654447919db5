/**
 * The rule-level fields of an alert rule, as the schema defines them: name, triggers, scope,
 * the alert it raises (type, severity, bilingual message), escalation policy, automatic
 * actions, cooldown and dedup key. Each field shows the findings that point at it.
 */
import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import type { MasterData } from '../../../definitions/master-data/schema';
import { ACTION_TYPES, SEVERITIES, TEMPLATE_VARIABLES, TRIGGER_EVENTS, TRIGGER_EVENT_TYPES, type ActionType, type Severity, type TriggerEventType } from '../../../definitions/rules/vocabulary';
import type { Finding } from '../../../definitions/validation/finding';
import { useLocale, useT } from '../i18n';
import type { Head } from './api';
import { findingsUnder, messageOf } from './model/findings';
import { actionTypes, eventTriggers, scheduleOf, setActions, setOptional, setScopeList, setTriggers, type RuleDoc, type ScopeKey } from './model/rule';
import './messages';

interface Props {
  rule: RuleDoc;
  findings: readonly Finding[];
  masterData: MasterData | undefined;
  policies: Head[];
  onChange: (rule: RuleDoc) => void;
}

export function RuleSettings({ rule, findings, masterData, policies, onChange }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const item = (pointer: string, id: string, label: string, control: ReactNode, extra?: ReactNode) => {
    const here = findingsUnder(findings, pointer);
    return (
      <Form.Item
        label={label}
        htmlFor={id}
        extra={extra}
        validateStatus={here.length > 0 ? 'error' : undefined}
        help={here.length > 0 ? <span data-testid="field-problem" data-pointer={pointer}>{here.map((f) => messageOf(f, locale)).join('; ')}</span> : undefined}
      >
        {control}
      </Form.Item>
    );
  };
  const scopeOptions: Record<ScopeKey, string[]> = {
    productModels: (masterData?.productModels ?? []).map((m) => m.id),
    lines: (masterData?.lines ?? []).map((l) => l.id),
    steps: [],
  };
  const setEvent = (patch: Partial<RuleDoc['event']>) => onChange({ ...rule, event: { ...rule.event, ...patch } });
  const variables = TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ');

  return (
    <Form layout="vertical" data-testid="rule-settings">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {item('/name', 'rule-name', t('rules.field.name'), <Input id="rule-name" value={rule.name} onChange={(e) => onChange({ ...rule, name: e.target.value })} />)}
        </Col>
        <Col xs={24} md={12}>
          {item(
            '/escalationPolicy',
            'rule-policy',
            t('rules.field.policy'),
            <Select
              id="rule-policy"
              showSearch
              value={rule.escalationPolicy || undefined}
              options={policies.map((p) => ({ value: p.key, label: p.activeVersion === null ? `${p.key} (${t('rules.policy.unpublished')})` : `${p.key} v${p.activeVersion}` }))}
              onChange={(key: string) => onChange({ ...rule, escalationPolicy: key })}
            />,
          )}
        </Col>
      </Row>
      {item('/description', 'rule-description', t('rules.field.description'), <Input.TextArea id="rule-description" autoSize={{ minRows: 1, maxRows: 4 }} value={rule.description ?? ''} onChange={(e) => onChange(setOptional(rule, 'description', e.target.value))} />)}
      <Row gutter={16}>
        <Col xs={24} md={16}>
          {item(
            '/triggers',
            'rule-triggers',
            t('rules.field.triggers'),
            <Select
              id="rule-triggers"
              mode="multiple"
              value={eventTriggers(rule)}
              options={TRIGGER_EVENT_TYPES.map((type) => ({ value: type, label: TRIGGER_EVENTS[type].labels[locale] }))}
              onChange={(events: TriggerEventType[]) => onChange(setTriggers(rule, events, scheduleOf(rule)))}
            />,
          )}
        </Col>
        <Col xs={24} md={8}>
          {item(`/triggers/${rule.triggers.findIndex((tr) => tr.every !== undefined)}/every`, 'rule-schedule', t('rules.field.schedule'), <Input id="rule-schedule" placeholder="15m" value={scheduleOf(rule) ?? ''} onChange={(e) => onChange(setTriggers(rule, eventTriggers(rule), e.target.value.trim()))} />, t('rules.field.scheduleHint'))}
        </Col>
      </Row>
      <Row gutter={16}>
        {(['productModels', 'lines', 'steps'] as const).map((key) => (
          <Col xs={24} md={8} key={key}>
            {item(
              `/scope/${key}`,
              `rule-scope-${key}`,
              t(`rules.scope.${key}`),
              <Select
                id={`rule-scope-${key}`}
                mode="tags"
                placeholder={t('rules.scope.everywhere')}
                value={rule.scope?.[key] ?? []}
                options={scopeOptions[key].map((id) => ({ value: id, label: id }))}
                onChange={(ids: string[]) => onChange(setScopeList(rule, key, ids))}
              />,
            )}
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {item('/event/type', 'rule-event-type', t('rules.field.eventType'), <Input id="rule-event-type" value={rule.event.type} onChange={(e) => setEvent({ type: e.target.value })} />)}
        </Col>
        <Col xs={24} md={12}>
          {item(
            '/event/severity',
            'rule-severity',
            t('rules.field.severity'),
            <Select id="rule-severity" value={rule.event.severity} options={SEVERITIES.map((s) => ({ value: s, label: t(`rules.severity.${s}`) }))} onChange={(severity: Severity) => setEvent({ severity })} />,
          )}
        </Col>
      </Row>
      <Row gutter={16}>
        {(['en', 'zh'] as const).map((lang) => (
          <Col xs={24} md={12} key={lang}>
            {item(
              `/event/message/${lang}`,
              `rule-message-${lang}`,
              t(`rules.field.message.${lang}`),
              <Input.TextArea id={`rule-message-${lang}`} autoSize={{ minRows: 2, maxRows: 4 }} value={rule.event.message[lang]} onChange={(e) => setEvent({ message: { ...rule.event.message, [lang]: e.target.value } })} />,
              lang === 'en' ? t('rules.field.variables', { list: variables }) : undefined,
            )}
          </Col>
        ))}
      </Row>
      {item(
        '/actions',
        'rule-actions',
        t('rules.field.actions'),
        <Checkbox.Group aria-label={t('rules.field.actions')} value={actionTypes(rule)} options={ACTION_TYPES.map((a) => ({ value: a, label: t(`rules.action.${a}`) }))} onChange={(types) => onChange(setActions(rule, types as ActionType[]))} />,
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          {item('/cooldownMinutes', 'rule-cooldown', t('rules.field.cooldown'), <InputNumber id="rule-cooldown" min={0} max={10080} precision={0} suffix={t('rules.unit.minutes')} style={{ width: '100%' }} value={rule.cooldownMinutes ?? null} onChange={(n) => onChange(setOptional(rule, 'cooldownMinutes', n ?? undefined))} />)}
        </Col>
        <Col xs={24} md={16}>
          {item('/dedupKey', 'rule-dedup', t('rules.field.dedupKey'), <Input id="rule-dedup" placeholder={t('rules.field.dedupPlaceholder')} value={rule.dedupKey ?? ''} onChange={(e) => onChange(setOptional(rule, 'dedupKey', e.target.value))} />)}
        </Col>
      </Row>
    </Form>
  );
}
