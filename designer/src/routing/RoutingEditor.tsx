/** Editing a routing key: the latest draft on the canvas, live validation, save, publish, history, import/export. */
import { Alert, App, Button, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { errorText } from '../api/client';
import { definitionsApi } from '../api/definitions';
import { navigate } from '../app/router';
import { useLocale, useT } from '../i18n';
import { EditorFrame, WithFlow } from './EditorFrame';
import { Canvas } from './flow/Canvas';
import { HistoryDrawer } from './lifecycle/HistoryDrawer';
import { storePositions } from './lifecycle/positions';
import { PublishDialog } from './lifecycle/PublishDialog';
import { download, ImportError, readImport } from './lifecycle/transfer';
import { useDraft } from './lifecycle/useDraft';
import { dropWorkingCopy, keepWorkingCopy } from './lifecycle/working-copy';
import { autoLayout, placeMissing } from './model/layout';
import { useRoutingStore } from './model/store';
import { Palette } from './Palette';
import { PropertiesPanel } from './panels/PropertiesPanel';
import { ProblemsList } from './ProblemsList';
import { Toolbar } from './Toolbar';
import { useLiveProblems } from './useLiveProblems';

function Editor({ routingKey }: { routingKey: string }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const session = useDraft(routingKey);
  const problems = useLiveProblems();
  const doc = useRoutingStore((s) => s.doc);
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [history, setHistory] = useState(false);

  // Unsaved edits are kept in this browser until saved (the API refuses drafts with errors).
  const saved = session.saved;
  const ready = session.status === 'ready';
  useEffect(() => {
    if (!ready) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useRoutingStore.subscribe((s, prev) => {
      if (s.doc === prev.doc || s.readOnly) return;
      clearTimeout(timer);
      timer = setTimeout(() => (s.doc === saved ? dropWorkingCopy(routingKey) : keepWorkingCopy(routingKey, s.doc)), 400);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [routingKey, saved, ready]);

  // Positions are kept per key, so the routing opens the way it was left.
  useEffect(
    () =>
      useRoutingStore.subscribe((s, prev) => {
        if (s.positions !== prev.positions && !s.readOnly) storePositions(routingKey, s.positions);
      }),
    [routingKey],
  );

  if (session.status === 'loading') return <Spin style={{ margin: 48 }} tip={t('routing.loading')} fullscreen={false} />;
  if (session.status === 'failed') return <Result status="error" title={t('routing.loadFailed')} subTitle={errorText(session.error, locale)} />;

  const dirty = doc !== session.saved;
  const errors = problems.list.length;
  const relayout = async (): Promise<void> => {
    useRoutingStore.getState().setPositions(await autoLayout(useRoutingStore.getState().doc));
    useRoutingStore.getState().requestFit();
  };

  async function save(): Promise<void> {
    setSaving(true);
    try {
      const d = await session.save();
      void message.success(t('routing.saved', { revision: d.revision }));
    } catch (e) {
      void message.error({ content: <span style={{ whiteSpace: 'pre-wrap' }}>{`${t('routing.saveFailed')}\n${errorText(e, locale)}`}</span>, duration: 8 });
    } finally {
      setSaving(false);
    }
  }

  async function importFile(file: File): Promise<void> {
    try {
      const imported = await readImport(file);
      if (imported.type === 'routing') {
        useRoutingStore.getState().replaceDoc(imported.routing);
        useRoutingStore.getState().setPositions(await autoLayout(imported.routing));
        useRoutingStore.getState().requestFit();
        void message.success(t('routing.import.loaded', { file: file.name }));
      } else {
        const result = await definitionsApi.importBundle('routing', routingKey, imported.bundle);
        await session.refresh();
        void message.success(t('routing.import.bundle', { imported: result.imported.length, skipped: result.skipped.length }));
      }
    } catch (e) {
      void message.error(e instanceof ImportError ? t(e.key, e.vars) : errorText(e, locale));
    }
  }

  const summary = session.summary;
  const copy = session.workingCopy;
  const restore = async (): Promise<void> => {
    if (copy === null) return;
    useRoutingStore.getState().replaceDoc(copy.doc);
    session.dismissWorkingCopy(false);
    useRoutingStore.getState().setPositions(placeMissing(copy.doc, useRoutingStore.getState().positions));
  };
  const restoreBar =
    copy === null ? null : (
      <Alert
        type="warning"
        showIcon
        data-testid="working-copy"
        style={{ width: '100%' }}
        message={t('routing.workingCopy', { at: new Date(copy.at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en') })}
        action={
          <Space>
            <Button size="small" type="primary" onClick={() => void restore()}>
              {t('routing.workingCopy.restore')}
            </Button>
            <Button size="small" onClick={() => session.dismissWorkingCopy(true)}>
              {t('routing.workingCopy.discard')}
            </Button>
          </Space>
        }
      />
    );
  return (
    <EditorFrame
      header={
        <>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="routing-title">
              {doc.name}
            </Typography.Title>
            <Tag>{routingKey}</Tag>
            {summary?.activeVersion != null && <Tag color="green">{t('routing.activeVersion', { n: summary.activeVersion })}</Tag>}
            {session.draft !== null && <Tag color="blue">{t('routing.draftRevision', { revision: session.draft.revision })}</Tag>}
            {dirty && <Tag color="orange">{t('routing.unsaved')}</Tag>}
          </Space>
          <Toolbar
            onLayout={() => void relayout()}
            onSave={() => void save()}
            saving={saving}
            dirty={dirty}
            onPublish={() => setPublishing(true)}
            publishBlocked={errors > 0 ? t('routing.publish.blocked', { n: errors }) : undefined}
            onHistory={() => setHistory(true)}
            onExport={() => download(`${routingKey}.routing.json`, useRoutingStore.getState().doc)}
            onImport={(f) => void importFile(f)}
          />
          <PublishDialog
            open={publishing}
            onClose={() => setPublishing(false)}
            onPublish={async (v) => {
              const version = await session.publish(v.note, v.password, v.meaning);
              void message.success(t('routing.published', { n: version.version }));
              return version;
            }}
          />
          <HistoryDrawer routingKey={routingKey} open={history} onClose={() => setHistory(false)} />
          {restoreBar}
        </>
      }
      left={<Palette />}
      canvas={<Canvas problems={problems} />}
      bottom={<ProblemsList problems={problems} />}
      side={<PropertiesPanel />}
    />
  );
}

export function RoutingEditor({ routingKey }: { routingKey: string }): ReactNode {
  return (
    <WithFlow>
      <Editor key={routingKey} routingKey={routingKey} />
    </WithFlow>
  );
}

/** Leaves a read-only view for the editor of the same key. */
export function BackToEditor({ routingKey }: { routingKey: string }): ReactNode {
  const t = useT();
  return <Button onClick={() => navigate('routings', routingKey)}>{t('routing.backToEditor')}</Button>;
}
