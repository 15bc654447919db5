/**
 * The test panel: sample values for the rule's facts (a form built from its conditions) and the
 * context an event would carry, sent with the draft to POST /rules/dry-run; the answer shows
 * whether it fires, its message, and the trace of every condition.
 */
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Select } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { Finding } from '../../../definitions/validation/finding';
import { ApiError, errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import { dryRun } from './api';
import { findFact, findParamType, type FactCatalog } from './model/catalog';
import { contextFields, dryRunBody, sampleFields, traceTree, type Evaluation, type TraceNode } from './model/dry-run';
import { findingsOfProblem } from './model/findings';
import type { RuleDoc } from './model/rule';
import { ProblemSummary } from './Problems';
import { TraceView } from './TraceView';
import './messages';

interface Props {
  rule: RuleDoc;
  catalog: FactCatalog;
  /** Findings of the dry run's refusal are shown at the rule's fields too. */
  onRefused: (findings: Finding[]) => void;
}

export function TestPanel({ rule, catalog, onRefused }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const [samples, setSamples] = useState<Record<string, number | boolean | undefined>>({});
  const [context, setContext] = useState<Record<string, string | undefined>>({});
  const [result, setResult] = useState<{ evaluation: Evaluation; tree: TraceNode }>();
  const [failure, setFailure] = useState<{ text: string; findings: Finding[] }>();
  const [running, setRunning] = useState(false);
  const fields = sampleFields(catalog, rule.conditions);
  const variables = contextFields(rule);

  const run = async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      const body = dryRunBody(rule, pick(samples, fields.map((f) => f.fact)), pick(context, variables));
      const evaluation = await dryRun(body);
      setResult({ evaluation, tree: traceTree(rule.conditions, evaluation.trace) });
    } catch (e) {
      const findings = e instanceof ApiError ? findingsOfProblem(e.problem, '/rule') : [];
      setResult(undefined);
      setFailure({ text: errorText(e, locale), findings });
      onRefused(findings);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Row gutter={16} data-testid="test-panel">
      <Col xs={24} lg={10}>
        <Card size="small" title={t('rules.test.samples')}>
          {fields.length === 0 && <Empty description={t('rules.test.noFacts')} />}
          <Form layout="vertical">
            {fields.map((f) => {
              const fact = findFact(catalog, f.fact);
              const label = fact ? fact.labels[locale] : f.fact;
              const id = `sample-${f.fact}`;
              return (
                <Form.Item key={f.fact} label={label} htmlFor={id} extra={t('rules.test.sampleHint')}>
                  {f.valueType === 'boolean' ? (
                    <Select
                      id={id}
                      allowClear
                      placeholder={t('rules.test.fromProduction')}
                      value={samples[f.fact] === undefined ? undefined : String(samples[f.fact])}
                      options={[
                        { value: 'true', label: t('rules.value.true') },
                        { value: 'false', label: t('rules.value.false') },
                      ]}
                      onChange={(v: string | undefined) => setSamples({ ...samples, [f.fact]: v === undefined ? undefined : v === 'true' })}
                    />
                  ) : (
                    <InputNumber
                      id={id}
                      style={{ width: '100%' }}
                      placeholder={t('rules.test.fromProduction')}
                      precision={f.valueType === 'integer' ? 0 : undefined}
                      suffix={f.unit ? t(`rules.unit.${f.unit}`) : undefined}
                      value={typeof samples[f.fact] === 'number' ? (samples[f.fact] as number) : null}
                      onChange={(n) => setSamples({ ...samples, [f.fact]: typeof n === 'number' ? n : undefined })}
                    />
                  )}
                </Form.Item>
              );
            })}
            {variables.map((v) => (
              <Form.Item key={v} label={t('rules.test.context', { name: findParamType(catalog, v)?.labels[locale] ?? v })} htmlFor={`context-${v}`} extra={`{{${v}}}`}>
                <Input id={`context-${v}`} value={context[v] ?? ''} onChange={(e) => setContext({ ...context, [v]: e.target.value })} />
              </Form.Item>
            ))}
          </Form>
          <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={() => void run()}>
            {t('rules.test.run')}
          </Button>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {failure && (
          <>
            <Alert type="error" showIcon title={t('rules.test.refused')} description={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{failure.text}</pre>} />
            {failure.findings.length > 0 && <ProblemSummary findings={failure.findings} available />}
          </>
        )}
        {!failure && !result && <Empty description={t('rules.test.notRun')} />}
        {result && (
          <Card size="small" title={t('rules.test.result')}>
            <div data-testid="dry-run-result" data-fired={String(result.evaluation.fired)}>
              <Alert type={result.evaluation.fired ? 'warning' : 'success'} showIcon title={result.evaluation.fired ? t('rules.test.fired') : t('rules.test.quiet')} />
              <Descriptions
                size="small"
                column={1}
                style={{ marginTop: 8 }}
                items={[
                  { key: 'message', label: t('rules.test.message'), children: result.evaluation.message[locale] },
                  { key: 'dedup', label: t('rules.test.dedupKey'), children: result.evaluation.dedupKey },
                ]}
              />
            </div>
            <TraceView tree={result.tree} catalog={catalog} />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function pick<T>(values: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(values, k)).map((k) => [k, values[k] as T]));
}
