/**
 * The editor of one alert rule key: conditions, rule-level settings, test (dry run), backtest
 * and versions, validated live with the server's validators in the server's context.
 */
import { Alert, Badge, Card, Skeleton, Space, Tabs } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Finding } from '../../../definitions/validation/finding';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import { BacktestPanel } from './BacktestPanel';
import { ConditionTree } from './ConditionTree';
import { EditorHeader } from './EditorHeader';
import type { References } from './hooks';
import { useDefinitionEditor } from './lifecycle';
import { findingsUnder, validateRuleDoc } from './model/findings';
import { newRule, type RuleDoc } from './model/rule';
import { ProblemSummary } from './Problems';
import { RuleChecks } from './RuleChecks';
import { RuleSettings } from './RuleSettings';
import { TestPanel } from './TestPanel';
import { VersionsPanel } from './VersionsPanel';
import './messages';

interface Props {
  ruleKey: string;
  refs: References;
  onSaved: () => void;
}

export function RuleEditor({ ruleKey, refs, onSaved }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const defaultPolicy = refs.policies.find((p) => p.activeVersion !== null)?.key ?? '';
  const editor = useDefinitionEditor<RuleDoc>('alert-rule', ruleKey, () => newRule(defaultPolicy));
  const [dryRunFindings, setDryRunFindings] = useState<Finding[]>([]);
  const [tab, setTab] = useState('conditions');
  const live = useMemo(() => validateRuleDoc(editor.doc, refs.context), [editor.doc, refs.context]);
  const findings = useMemo(() => {
    const all = [...(live.available ? live.findings : []), ...editor.serverFindings, ...dryRunFindings];
    const seen = new Set<string>();
    return all.filter((f) => {
      const id = `${f.pointer}|${f.code}|${f.message}`;
      return !seen.has(id) && seen.add(id);
    });
  }, [live, editor.serverFindings, dryRunFindings]);

  // A new rule raises through the first published policy; the list may arrive after the rule opened.
  const { loading, summary, doc, setDoc } = editor;
  useEffect(() => {
    if (!loading && summary === undefined && doc.escalationPolicy === '' && defaultPolicy !== '') setDoc({ ...doc, escalationPolicy: defaultPolicy });
  }, [loading, summary, doc, setDoc, defaultPolicy]);

  if (editor.loading) return <Skeleton active />;
  if (editor.loadError !== undefined) return <Alert type="error" showIcon title={errorText(editor.loadError, locale)} />;

  const change = (doc: RuleDoc) => {
    setDryRunFindings([]);
    editor.setDoc(doc);
  };
  const inConditions = findingsUnder(findings, '/conditions').length;
  const label = (text: string, count: number) => (
    <Space size={4}>
      {text}
      {count > 0 && <Badge count={count} size="small" />}
    </Space>
  );

  return (
    <Card data-testid="rule-editor" data-key={ruleKey}>
      <EditorHeader definitionKey={ruleKey} editor={editor} problems={findings.length} onSaved={onSaved} />
      <div style={{ margin: '12px 0' }}>
        <ProblemSummary findings={findings} available={live.available} />
        <RuleChecks ruleKey={ruleKey} version={editor.summary?.activeVersion ?? null} />
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'conditions',
            label: label(t('rules.tab.conditions'), inConditions),
            children: <ConditionTree root={editor.doc.conditions} catalog={refs.catalog} masterData={refs.masterData} findings={findings} onChange={(conditions) => change({ ...editor.doc, conditions })} />,
          },
          {
            key: 'settings',
            label: label(t('rules.tab.settings'), findings.length - inConditions),
            children: <RuleSettings rule={editor.doc} findings={findings} masterData={refs.masterData} policies={refs.policies} onChange={change} />,
          },
          { key: 'test', label: t('rules.tab.test'), children: <TestPanel rule={editor.doc} catalog={refs.catalog} onRefused={setDryRunFindings} /> },
          {
            key: 'backtest',
            label: t('rules.tab.backtest'),
            children: <BacktestPanel ruleKey={ruleKey} activeVersion={editor.summary?.activeVersion ?? null} unsaved={editor.dirty} />,
          },
          {
            key: 'versions',
            label: t('rules.tab.versions'),
            children: <VersionsPanel kind="alert-rule" definitionKey={ruleKey} summary={editor.summary} draftId={editor.draftId} onOpen={(n) => void editor.openVersion(n).then(() => setTab('conditions'))} />,
          },
        ]}
      />
    </Card>
  );
}
