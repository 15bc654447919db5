/**
 * The backtest panel: replay the last N hours of recorded production through the rule's active
 * version (POST /rules/{key}/backtest) and chart when it would have fired.
 */
import { Alert, Button, Card, Col, InputNumber, Row, Segmented, Space, Statistic, Table } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import { backtest, type Backtest } from './api';
import { backtestSeries } from './model/backtest';
import './messages';

const PRESETS = [6, 24, 72, 168];

export function BacktestPanel({ ruleKey, activeVersion, unsaved }: { ruleKey: string; activeVersion: number | null; unsaved: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const [hours, setHours] = useState(24);
  const [result, setResult] = useState<Backtest>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);

  if (activeVersion === null) return <Alert type="info" showIcon title={t('rules.backtest.unpublished')} />;

  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(await backtest(ruleKey, hours));
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setRunning(false);
    }
  };
  const series = result ? backtestSeries(result, locale) : [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="backtest-panel">
      <Space wrap>
        <Segmented<number> value={PRESETS.includes(hours) ? hours : undefined} options={PRESETS.map((h) => ({ value: h, label: t('rules.backtest.preset', { hours: h }) }))} onChange={setHours} />
        <InputNumber aria-label={t('rules.backtest.hours')} min={1} max={744} precision={0} value={hours} suffix={t('rules.unit.hours')} onChange={(n) => typeof n === 'number' && setHours(n)} />
        <Button type="primary" icon={<HistoryOutlined />} loading={running} onClick={() => void run()}>
          {t('rules.backtest.run')}
        </Button>
      </Space>
      <Alert type="info" showIcon title={t('rules.backtest.which', { version: activeVersion })} description={unsaved ? t('rules.backtest.unsavedHint') : undefined} />
      {error && <Alert type="error" showIcon title={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{error}</pre>} />}
      {result && (
        <Card size="small" title={t('rules.backtest.title', { hours })}>
          <div data-testid="backtest" data-firings={result.firings} data-evaluations={result.evaluations}>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('rules.backtest.firings')} value={result.firings} />
              </Col>
              <Col span={6}>
                <Statistic title={t('rules.backtest.evaluations')} value={result.evaluations} />
              </Col>
              <Col span={6}>
                <Statistic title={t('rules.backtest.events')} value={result.events} />
              </Col>
              <Col span={6}>
                <Statistic title={t('rules.backtest.bucket')} value={result.bucketMinutes} suffix={t('rules.unit.minutes')} />
              </Col>
            </Row>
            {result.truncated && <Alert type="warning" showIcon title={t('rules.backtest.truncated')} />}
            <div style={{ width: '100%', height: 260, marginTop: 12 }}>
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart data={series}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" minTickGap={24} />
                  <YAxis yAxisId="left" allowDecimals={false} />
                  <YAxis yAxisId="right" orientation="right" allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar yAxisId="left" dataKey="firings" name={t('rules.backtest.firings')} fill="#cf1322" />
                  <Line yAxisId="right" type="monotone" dataKey="evaluations" name={t('rules.backtest.evaluations')} stroke="#1677ff" dot={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </div>
          <Table
            size="small"
            rowKey={(r) => `${r.at}-${r.dedupKey}`}
            pagination={{ pageSize: 10 }}
            dataSource={result.fired}
            locale={{ emptyText: t('rules.backtest.never') }}
            columns={[
              { title: t('rules.backtest.at'), dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB') },
              { title: t('rules.test.dedupKey'), dataIndex: 'dedupKey' },
              { title: t('rules.backtest.value'), dataIndex: 'value', render: (v: unknown) => (v === undefined ? '—' : String(v)) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
