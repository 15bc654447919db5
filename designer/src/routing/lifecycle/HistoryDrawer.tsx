/** Version history of a routing key: open any version read-only, or compare two on the canvas. */
import { Button, Checkbox, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { errorText } from '../../api/client';
import { definitionsApi, type VersionMeta } from '../../api/definitions';
import { navigate } from '../../app/router';
import { useLocale, useT } from '../../i18n';

export function HistoryDrawer({ routingKey, open, onClose }: { routingKey: string; open: boolean; onClose: () => void }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const [versions, setVersions] = useState<VersionMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);

  useEffect(() => {
    if (!open) return;
    setVersions(null);
    setPicked([]);
    definitionsApi.versions('routing', routingKey).then(
      (v) => setVersions([...v].sort((a, b) => b.version - a.version)),
      (e: unknown) => setError(errorText(e, locale)),
    );
  }, [open, routingKey, locale]);

  const toggle = (n: number, on: boolean): void => setPicked((p) => (on ? [...p.filter((x) => x !== n), n].slice(-2) : p.filter((x) => x !== n)));
  const [a, b] = [...picked].sort((x, y) => x - y);

  return (
    <Drawer open={open} onClose={onClose} title={t('routing.history.title', { key: routingKey })} width={460} destroyOnHidden>
      {error !== null && <Typography.Text type="danger">{error}</Typography.Text>}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={a === undefined || b === undefined} onClick={() => navigate('routings', routingKey, 'diff', String(a), String(b))}>
          {t('routing.history.compare')}
        </Button>
        <Typography.Text type="secondary">{t('routing.history.pickTwo')}</Typography.Text>
      </Space>
      {versions !== null && versions.length === 0 ? (
        <Empty description={t('routing.history.none')} />
      ) : (
        <List
          loading={versions === null && error === null}
          dataSource={versions ?? []}
          data-testid="versions"
          renderItem={(v) => (
            <List.Item
              data-testid={`version-${v.version}`}
              actions={[
                <Button key="open" size="small" onClick={() => navigate('routings', routingKey, 'v', String(v.version))}>
                  {t('routing.history.open')}
                </Button>,
                ...(v.version > 1
                  ? [
                      <Button key="prev" size="small" onClick={() => navigate('routings', routingKey, 'diff', String(v.version - 1), String(v.version))}>
                        {t('routing.history.comparePrevious')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={<Checkbox aria-label={t('routing.history.pick', { n: v.version })} checked={picked.includes(v.version)} onChange={(e) => toggle(v.version, e.target.checked)} />}
                title={
                  <Space>
                    {t('routing.history.version', { n: v.version })}
                    {v.status !== undefined && <Tag color={v.status === 'active' ? 'green' : v.status === 'retired' ? 'red' : 'default'}>{t(`routing.status.${v.status}`)}</Tag>}
                  </Space>
                }
                description={
                  <div style={{ fontSize: 12 }}>
                    <div>{t('routing.history.by', { who: v.signature?.name ?? v.publishedBy, at: new Date(v.publishedAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en') })}</div>
                    {v.signature && <div>{t('routing.history.signed', { meaning: t(`routing.publish.meaning.${v.signature.meaning}`) })}</div>}
                    {v.note && <div>{t('routing.history.note', { note: v.note })}</div>}
                  </div>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
