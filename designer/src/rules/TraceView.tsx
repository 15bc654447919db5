/** The per-condition trace of a dry run, as a tree shaped like the conditions. */
import { Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useLocale, useT } from '../i18n';
import { findFact, findOperator, type FactCatalog } from './model/catalog';
import type { TraceNode } from './model/dry-run';
import './messages';

const shown = (v: unknown): string => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v));

function Verdict({ pass }: { pass: boolean }) {
  const t = useT();
  return pass ? (
    <Tag color="success" icon={<CheckCircleFilled />}>
      {t('rules.trace.pass')}
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleFilled />}>
      {t('rules.trace.fail')}
    </Tag>
  );
}

export function TraceView({ tree, catalog }: { tree: TraceNode; catalog: FactCatalog }) {
  return (
    <div data-testid="rule-trace" role="tree">
      <TraceItem node={tree} catalog={catalog} depth={0} />
    </div>
  );
}

function TraceItem({ node, catalog, depth }: { node: TraceNode; catalog: FactCatalog; depth: number }) {
  const t = useT();
  const [locale] = useLocale();
  const indent = { marginInlineStart: depth * 20, padding: '3px 0' };
  if (node.kind === 'group') {
    return (
      <div role="treeitem" aria-expanded data-testid="trace-group" data-result={node.result ? 'pass' : 'fail'}>
        <div style={indent}>
          <Verdict pass={node.result} /> <Typography.Text strong>{t(`rules.trace.group.${node.group}`)}</Typography.Text>
        </div>
        <div role="group">
          {node.children.map((child, i) => (
            <TraceItem key={i} node={child} catalog={catalog} depth={depth + 1} />
          ))}
        </div>
      </div>
    );
  }
  const fact = findFact(catalog, node.node.fact);
  const operator = findOperator(catalog, node.node.operator);
  const unit = fact?.unit ? ` ${t(`rules.unit.${fact.unit}`)}` : '';
  const params = Object.entries(node.trace?.params ?? node.node.params ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return (
    <div role="treeitem" data-testid="trace-leaf" data-pointer={node.pointer} data-result={node.result ? 'pass' : 'fail'} style={indent}>
      <Verdict pass={node.result} /> <Typography.Text strong>{fact ? fact.labels[locale] : node.node.fact}</Typography.Text>
      {params !== '' && <Typography.Text type="secondary"> ({params})</Typography.Text>}{' '}
      <span data-testid="trace-fact-value">
        {t('rules.trace.actual')}: <Typography.Text code>{node.trace ? `${shown(node.trace.factValue)}${unit}` : t('rules.trace.notEvaluated')}</Typography.Text>
      </span>{' '}
      <span>
        {operator ? `${operator.symbol} ${operator.labels[locale]}` : node.node.operator} <Typography.Text code>{`${shown(node.node.value)}${unit}`}</Typography.Text>
      </span>
    </div>
  );
}
