/** The visual diff of two versions: both on one canvas, added / removed / changed highlighted, details in the panel. */
import { Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { Routing } from '../../../definitions/routing/schema';
import { errorText } from '../api/client';
import { definitionsApi } from '../api/definitions';
import { useLocale, useT } from '../i18n';
import { DiffPanel } from './DiffPanel';
import { EditorFrame, WithFlow } from './EditorFrame';
import { Canvas } from './flow/Canvas';
import { buildDiffView, type DiffView } from './model/diff-view';
import { autoLayout } from './model/layout';
import { NO_PROBLEMS } from './model/problems';
import { download } from './lifecycle/transfer';
import { useRoutingStore } from './model/store';
import { BackToEditor } from './RoutingEditor';
import { Toolbar } from './Toolbar';

function Diff({ routingKey, from, to }: { routingKey: string; from: number; to: number }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const [view, setView] = useState<DiffView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [a, b] = await Promise.all([definitionsApi.version('routing', routingKey, from), definitionsApi.version('routing', routingKey, to)]);
        const built = buildDiffView(a.content as Routing, b.content as Routing);
        const positions = await autoLayout(built.doc);
        if (cancelled) return;
        useRoutingStore.getState().load(built.doc, positions, true);
        setView(built);
      } catch (e) {
        if (!cancelled) setError(e);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [routingKey, from, to]);

  if (error !== null) return <Result status="error" title={t('routing.loadFailed')} subTitle={errorText(error, locale)} />;
  if (view === null) return <Spin style={{ margin: 48 }} />;
  return (
    <EditorFrame
      header={
        <>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="routing-title">
              {t('routing.diff.title', { key: routingKey, from, to })}
            </Typography.Title>
            <Tag color="green">{t('routing.diff.added')}</Tag>
            <Tag color="red">{t('routing.diff.removed')}</Tag>
            <Tag color="orange">{t('routing.diff.changed')}</Tag>
          </Space>
          <Space>
            <Toolbar onLayout={() => void autoLayout(view.doc).then((p) => {
                useRoutingStore.getState().setPositions(p);
                useRoutingStore.getState().requestFit();
              })} onExport={() => download(`${routingKey}.diff.v${from}-v${to}.json`, view.diff)} />
            <BackToEditor routingKey={routingKey} />
          </Space>
        </>
      }
      canvas={<Canvas problems={NO_PROBLEMS} marks={view.marks} />}
      side={<DiffPanel diff={view.diff} />}
    />
  );
}

export function DiffPage({ routingKey, from, to }: { routingKey: string; from: number; to: number }): ReactNode {
  return (
    <WithFlow>
      <Diff key={`${routingKey}:${from}:${to}`} routingKey={routingKey} from={from} to={to} />
    </WithFlow>
  );
}
