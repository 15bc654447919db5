/** One published version, read-only on the canvas (with its validation, as it stands today). */
import { Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { Routing } from '../../../definitions/routing/schema';
import { errorText } from '../api/client';
import { definitionsApi, type Version } from '../api/definitions';
import { useLocale, useT } from '../i18n';
import { EditorFrame, WithFlow } from './EditorFrame';
import { Canvas } from './flow/Canvas';
import { initialPositions } from './lifecycle/positions';
import { download } from './lifecycle/transfer';
import { autoLayout } from './model/layout';
import { useRoutingStore } from './model/store';
import { PropertiesPanel } from './panels/PropertiesPanel';
import { ProblemsList } from './ProblemsList';
import { BackToEditor } from './RoutingEditor';
import { Toolbar } from './Toolbar';
import { useLiveProblems } from './useLiveProblems';

function View({ routingKey, n }: { routingKey: string; n: number }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const [version, setVersion] = useState<Version | null>(null);
  const [error, setError] = useState<unknown>(null);
  const problems = useLiveProblems();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const v = await definitionsApi.version('routing', routingKey, n);
        const doc = v.content as Routing;
        const positions = await initialPositions(routingKey, doc);
        if (cancelled) return;
        useRoutingStore.getState().load(doc, positions, true);
        setVersion(v);
      } catch (e) {
        if (!cancelled) setError(e);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [routingKey, n]);

  if (error !== null) return <Result status="error" title={t('routing.loadFailed')} subTitle={errorText(error, locale)} />;
  if (version === null) return <Spin style={{ margin: 48 }} />;
  return (
    <EditorFrame
      header={
        <>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="routing-title">
              {(version.content as Routing).name}
            </Typography.Title>
            <Tag>{routingKey}</Tag>
            <Tag color="purple" data-testid="read-only">
              {t('routing.readOnlyVersion', { n })}
            </Tag>
            {version.status !== undefined && <Tag>{t(`routing.status.${version.status}`)}</Tag>}
          </Space>
          <Space>
            <Toolbar
              onLayout={() => void autoLayout(useRoutingStore.getState().doc).then((p) => {
                useRoutingStore.getState().setPositions(p);
                useRoutingStore.getState().requestFit();
              })}
              onExport={() => download(`${routingKey}.v${n}.routing.json`, version.content)}
            />
            <BackToEditor routingKey={routingKey} />
          </Space>
        </>
      }
      canvas={<Canvas problems={problems} />}
      bottom={<ProblemsList problems={problems} />}
      side={<PropertiesPanel />}
    />
  );
}

export function VersionView({ routingKey, n }: { routingKey: string; n: number }): ReactNode {
  return (
    <WithFlow>
      <View key={`${routingKey}@${n}`} routingKey={routingKey} n={n} />
    </WithFlow>
  );
}
