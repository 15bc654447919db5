/**
 * The editor of one escalation policy key: name, scope (lines, shifts), the ladder, repeat and
 * what an acknowledgement does; validated live; saved, published and versioned like rules.
 */
import { Alert, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Switch, Tabs } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import { EditorHeader } from './EditorHeader';
import type { References } from './hooks';
import { LadderEditor } from './LadderEditor';
import { useDefinitionEditor } from './lifecycle';
import { findingsUnder, messageOf, validatePolicyDoc } from './model/findings';
import { newPolicy, setOnAcknowledge, setPolicyScope, setRepeat, type PolicyDoc } from './model/policy';
import { ProblemSummary } from './Problems';
import { VersionsPanel } from './VersionsPanel';
import './messages';

interface Props {
  policyKey: string;
  refs: References;
  onSaved: () => void;
}

export function PolicyEditor({ policyKey, refs, onSaved }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const editor = useDefinitionEditor<PolicyDoc>('escalation-policy', policyKey, newPolicy);
  const live = useMemo(() => validatePolicyDoc(editor.doc, refs.context), [editor.doc, refs.context]);
  const findings = useMemo(() => [...(live.available ? live.findings : []), ...editor.serverFindings], [live, editor.serverFindings]);

  if (editor.loading) return <Skeleton active />;
  if (editor.loadError !== undefined) return <Alert type="error" showIcon title={errorText(editor.loadError, locale)} />;

  const policy = editor.doc;
  const change = editor.setDoc;
  const item = (pointer: string, id: string, label: string, control: ReactNode) => {
    const here = findingsUnder(findings, pointer);
    return (
      <Form.Item label={label} htmlFor={id} validateStatus={here.length > 0 ? 'error' : undefined} help={here.length > 0 ? <span data-testid="field-problem" data-pointer={pointer}>{here.map((f) => messageOf(f, locale)).join('; ')}</span> : undefined}>
        {control}
      </Form.Item>
    );
  };
  const lines = (refs.masterData?.lines ?? []).map((l) => ({ value: l.id, label: l.id }));
  const shifts = (refs.masterData?.shifts ?? []).map((s) => ({ value: s.id, label: s.id }));

  const general = (
    <Form layout="vertical" data-testid="policy-settings">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {item('/name', 'policy-name', t('rules.field.name'), <Input id="policy-name" value={policy.name} onChange={(e) => change({ ...policy, name: e.target.value })} />)}
        </Col>
        <Col xs={24} md={6}>
          {item('/scope/lines', 'policy-lines', t('rules.scope.lines'), <Select id="policy-lines" mode="tags" placeholder={t('rules.scope.everywhere')} value={policy.scope?.lines ?? []} options={lines} onChange={(ids: string[]) => change(setPolicyScope(policy, 'lines', ids))} />)}
        </Col>
        <Col xs={24} md={6}>
          {item('/scope/shifts', 'policy-shifts', t('rules.scope.shifts'), <Select id="policy-shifts" mode="tags" placeholder={t('rules.scope.always')} value={policy.scope?.shifts ?? []} options={shifts} onChange={(ids: string[]) => change(setPolicyScope(policy, 'shifts', ids))} />)}
        </Col>
      </Row>
      {item('/description', 'policy-description', t('rules.field.description'), <Input.TextArea id="policy-description" autoSize={{ minRows: 1, maxRows: 4 }} value={policy.description ?? ''} onChange={(e) => change(withDescription(policy, e.target.value))} />)}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {item(
            '/repeat',
            'policy-repeat',
            t('rules.policy.repeat'),
            <Space wrap>
              <Switch id="policy-repeat" checked={policy.repeat !== undefined} onChange={(on) => change(setRepeat(policy, on ? { everyMinutes: 30, times: 3 } : undefined))} />
              {policy.repeat && (
                <>
                  <InputNumber aria-label={t('rules.policy.repeatEvery')} min={1} max={1440} precision={0} prefix={t('rules.policy.every')} suffix={t('rules.unit.minutes')} style={{ width: 160 }} value={policy.repeat.everyMinutes} onChange={(n) => policy.repeat && change(setRepeat(policy, { ...policy.repeat, everyMinutes: typeof n === 'number' ? n : 1 }))} />
                  <InputNumber aria-label={t('rules.policy.repeatTimes')} min={1} max={100} precision={0} suffix={t('rules.policy.times')} style={{ width: 110 }} value={policy.repeat.times} onChange={(n) => policy.repeat && change(setRepeat(policy, { ...policy.repeat, times: typeof n === 'number' ? n : 1 }))} />
                </>
              )}
            </Space>,
          )}
        </Col>
        <Col xs={24} md={12}>
          {item(
            '/onAcknowledge',
            'policy-ack',
            t('rules.policy.onAcknowledge'),
            <Space wrap>
              <Radio.Group
                id="policy-ack"
                value={policy.onAcknowledge}
                options={[
                  { value: 'stop', label: t('rules.policy.ack.stop') },
                  { value: 'pause', label: t('rules.policy.ack.pause') },
                ]}
                onChange={(e) => change(setOnAcknowledge(policy, e.target.value as PolicyDoc['onAcknowledge']))}
              />
              {policy.onAcknowledge === 'pause' && (
                <InputNumber aria-label={t('rules.policy.pauseMinutes')} min={1} max={10080} precision={0} suffix={t('rules.unit.minutes')} value={policy.pauseMinutes ?? null} onChange={(n) => change({ ...policy, pauseMinutes: typeof n === 'number' ? n : 1 })} />
              )}
            </Space>,
          )}
        </Col>
      </Row>
    </Form>
  );

  return (
    <Card data-testid="policy-editor" data-key={policyKey}>
      <EditorHeader definitionKey={policyKey} editor={editor} problems={findings.length} onSaved={onSaved} />
      <div style={{ margin: '12px 0' }}>
        <ProblemSummary findings={findings} available={live.available} />
      </div>
      <Tabs
        items={[
          {
            key: 'ladder',
            label: t('rules.tab.ladder'),
            children: (
              <>
                {general}
                <LadderEditor policy={policy} findings={findings} masterData={refs.masterData} onChange={change} />
              </>
            ),
          },
          { key: 'versions', label: t('rules.tab.versions'), children: <VersionsPanel kind="escalation-policy" definitionKey={policyKey} summary={editor.summary} draftId={editor.draftId} onOpen={(n) => void editor.openVersion(n)} /> },
        ]}
      />
    </Card>
  );
}

function withDescription(policy: PolicyDoc, text: string): PolicyDoc {
  const { description: _old, ...rest } = policy;
  void _old;
  return text === '' ? rest : { ...rest, description: text };
}
