/**
 * The escalation ladder: one card per level with its delay (from the opening or the previous
 * level), channels (a webhook names its target) and recipients (roles, users, groups of the
 * master data), plus the timeline of when each level starts.
 */
import { AutoComplete, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MasterData } from '../../../definitions/master-data/schema';
import { CHANNELS, DELAY_FROM, type ChannelKind, type EscalationLevel } from '../../../definitions/policies/schema';
import type { Finding } from '../../../definitions/validation/finding';
import { useLocale, useT } from '../i18n';
import { findingsUnder, messageOf } from './model/findings';
import { addLevel, levelStarts, moveLevel, parseRecipient, recipientRefOf, recipientText, removeLevel, setChannels, setRecipients, updateLevel, webhookTarget, type PolicyDoc } from './model/policy';
import './messages';

interface Props {
  policy: PolicyDoc;
  findings: readonly Finding[];
  masterData: MasterData | undefined;
  onChange: (policy: PolicyDoc) => void;
}

export function LadderEditor({ policy, findings, masterData, onChange }: Props) {
  const t = useT();
  const starts = levelStarts(policy);
  return (
    <div data-testid="ladder">
      <Space wrap style={{ marginBottom: 12 }} data-testid="ladder-timeline">
        {starts.map((m, i) => (
          <Tag key={i} color="blue">
            {t('rules.ladder.startsAt', { n: i + 1, minutes: m })}
          </Tag>
        ))}
      </Space>
      {policy.levels.map((level, i) => (
        <LevelCard key={i} index={i} count={policy.levels.length} level={level} findings={findings} masterData={masterData} policy={policy} onChange={onChange} />
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange(addLevel(policy))} disabled={policy.levels.length >= 20}>
        {t('rules.ladder.addLevel')}
      </Button>
    </div>
  );
}

interface LevelProps extends Props {
  index: number;
  count: number;
  level: EscalationLevel;
}

function recipientOptions(md: MasterData | undefined, t: (k: string, v?: Record<string, string | number>) => string) {
  const group = (kind: 'role' | 'user' | 'group', items: Array<{ id: string; name?: unknown }>) => ({
    label: t(`rules.recipient.${kind}s`),
    options: items.map((i) => ({ value: `${kind}:${i.id}`, label: `${t(`rules.recipient.${kind}`)}: ${typeof i.name === 'string' ? `${i.name} (${i.id})` : i.id}` })),
  });
  return [group('role', md?.roles ?? []), group('user', md?.users ?? []), group('group', md?.groups ?? [])].filter((g) => g.options.length > 0);
}

function LevelCard({ index, count, level, findings, masterData, policy, onChange }: LevelProps) {
  const t = useT();
  const [locale] = useLocale();
  const at = `/levels/${index}`;
  const update = (fn: (l: EscalationLevel) => EscalationLevel) => onChange(updateLevel(policy, index, fn));
  const item = (pointer: string, id: string, label: string, control: ReactNode) => {
    const here = findingsUnder(findings, pointer);
    return (
      <Form.Item label={label} htmlFor={id} validateStatus={here.length > 0 ? 'error' : undefined} help={here.length > 0 ? <span data-testid="field-problem" data-pointer={pointer}>{here.map((f) => messageOf(f, locale)).join('; ')}</span> : undefined}>
        {control}
      </Form.Item>
    );
  };
  const kinds = level.channels.map((c) => c.channel);
  const webhooks = (masterData?.webhooks ?? []).map((w) => ({ value: w.id, label: w.id }));
  const id = (name: string) => `level-${index}-${name}`;
  return (
    <Card
      size="small"
      data-testid="ladder-level"
      data-index={index}
      style={{ marginBottom: 12 }}
      title={t('rules.ladder.level', { n: index + 1 })}
      extra={
        <Space>
          <Button size="small" type="text" aria-label={t('rules.ladder.moveUp', { n: index + 1 })} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onChange(moveLevel(policy, index, -1))} />
          <Button size="small" type="text" aria-label={t('rules.ladder.moveDown', { n: index + 1 })} icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onChange(moveLevel(policy, index, 1))} />
          <Button size="small" danger aria-label={t('rules.ladder.remove', { n: index + 1 })} icon={<DeleteOutlined />} disabled={count <= 1} onClick={() => onChange(removeLevel(policy, index))} />
        </Space>
      }
    >
      <Form layout="vertical">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            {item(`${at}/name`, id('name'), t('rules.ladder.name'), <Input id={id('name')} value={level.name ?? ''} onChange={(e) => update((l) => withName(l, e.target.value))} />)}
          </Col>
          <Col xs={12} md={8}>
            {item(`${at}/delayMinutes`, id('delay'), t('rules.ladder.delay'), <InputNumber id={id('delay')} min={0} max={10080} precision={0} suffix={t('rules.unit.minutes')} style={{ width: '100%' }} value={level.delayMinutes} onChange={(n) => update((l) => ({ ...l, delayMinutes: typeof n === 'number' ? n : 0 }))} />)}
          </Col>
          <Col xs={12} md={8}>
            {item(`${at}/delayFrom`, id('from'), t('rules.ladder.delayFrom'), <Select id={id('from')} value={level.delayFrom} options={DELAY_FROM.map((d) => ({ value: d, label: t(`rules.ladder.from.${d}`) }))} onChange={(delayFrom: EscalationLevel['delayFrom']) => update((l) => ({ ...l, delayFrom }))} />)}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            {item(`${at}/channels`, id('channels'), t('rules.ladder.channels'), <Checkbox.Group aria-label={t('rules.ladder.channels')} value={kinds} options={CHANNELS.map((c) => ({ value: c, label: t(`rules.channel.${c}`) }))} onChange={(v) => update((l) => setChannels(l, v as ChannelKind[]))} />)}
            {kinds.includes('webhook') &&
              item(
                `${at}/channels/${kinds.indexOf('webhook')}/target`,
                id('webhook'),
                t('rules.ladder.webhookTarget'),
                <AutoComplete id={id('webhook')} options={webhooks} value={webhookTarget(level) ?? ''} onChange={(v: string) => update((l) => setChannels(l, kinds, v))} />,
              )}
          </Col>
          <Col xs={24} md={12}>
            {item(
              `${at}/recipients`,
              id('recipients'),
              t('rules.ladder.recipients'),
              <Select
                id={id('recipients')}
                mode="tags"
                placeholder={t('rules.ladder.recipientHint')}
                value={level.recipients.map((r) => recipientText(recipientRefOf(r)))}
                options={recipientOptions(masterData, t)}
                onChange={(texts: string[]) => update((l) => setRecipients(l, texts.map((x) => parseRecipient(x) ?? { kind: 'role', id: x })))}
              />,
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rules.ladder.recipientFormat')}
            </Typography.Text>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

function withName(level: EscalationLevel, name: string): EscalationLevel {
  const { name: _old, ...rest } = level;
  void _old;
  return name.trim() === '' ? rest : { ...rest, name };
}
