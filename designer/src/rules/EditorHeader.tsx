/** The head of a rule or policy editor: key, lifecycle state, save draft and publish. */
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import type { VersionMeta } from './api';
import type { DefinitionEditor } from './lifecycle';
import { PublishDialog } from './PublishDialog';
import './messages';

interface Props {
  definitionKey: string;
  editor: Pick<DefinitionEditor<unknown>, 'summary' | 'dirty' | 'draftId' | 'busy' | 'error' | 'serverFindings' | 'save' | 'publish'>;
  /** Problems found live: publishing is offered only without them. */
  problems: number;
  onSaved: () => void;
}

export function EditorHeader({ definitionKey, editor, problems, onSaved }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<VersionMeta>();
  const active = editor.summary?.activeVersion ?? null;

  const save = async () => {
    setPublished(undefined);
    if ((await editor.save()) !== undefined) onSaved();
  };
  const publish = async (request: Parameters<DefinitionEditor<unknown>['publish']>[0]) => {
    const version = await editor.publish(request);
    setPublishing(false);
    setPublished(version);
    onSaved();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {definitionKey}
          </Typography.Title>
          {active !== null ? <Tag color="green">{t('rules.state.active', { n: active })}</Tag> : <Tag>{t('rules.state.unpublished')}</Tag>}
          {editor.dirty ? (
            <Tag color="orange" data-testid="draft-state" data-state="unsaved">
              {t('rules.state.unsaved')}
            </Tag>
          ) : editor.draftId ? (
            <Tag color="blue" data-testid="draft-state" data-state="saved">
              {t('rules.state.saved')}
            </Tag>
          ) : null}
        </Space>
        <Space>
          <Button icon={<SaveOutlined />} loading={editor.busy === 'saving'} onClick={() => void save()}>
            {t('rules.action.save')}
          </Button>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={problems > 0} loading={editor.busy === 'publishing'} onClick={() => setPublishing(true)}>
            {t('rules.action.publish')}
          </Button>
        </Space>
      </Space>
      {editor.error !== undefined && editor.serverFindings.length === 0 && <Alert type="error" showIcon closable title={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{errorText(editor.error, locale)}</pre>} />}
      {editor.error !== undefined && editor.serverFindings.length > 0 && <Alert type="error" showIcon title={t('rules.state.refused')} />}
      {published && <Alert data-testid="published" type="success" showIcon closable title={t('rules.state.published', { n: published.version })} />}
      <PublishDialog open={publishing} title={t('rules.publish.title', { key: definitionKey })} onCancel={() => setPublishing(false)} onPublish={publish} />
    </Space>
  );
}
