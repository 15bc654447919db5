/**
 * The published versions of a key (status, who signed, when, why), opening one in the editor,
 * and the structured diff between two versions or between the latest version and the draft.
 */
import { Alert, Button, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { DiffOutlined, EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import { diff, type DefinitionDiff, type EditedKind, type KeySummary, type VersionMeta } from './api';
import './messages';

interface Props {
  kind: EditedKind;
  definitionKey: string;
  summary: KeySummary | undefined;
  draftId: string | undefined;
  onOpen: (version: number) => void;
}

const STATUS_COLOR = { active: 'green', superseded: 'default', retired: 'red' } as const;
const OP_COLOR = { added: 'green', removed: 'red', changed: 'gold' } as const;
/** The diff's entities of rules and policies, named in the UI language. */
const ENTITIES = ['condition', 'field', 'level'];

/** A short one-line text of a value for the diff list. */
function compactJson(value: unknown, max = 240): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function VersionsPanel({ kind, definitionKey, summary, draftId, onOpen }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const [shown, setShown] = useState<{ title: string; diff: DefinitionDiff }>();
  const [error, setError] = useState<string>();

  const compare = async (from: string, to: string, title: string) => {
    setError(undefined);
    try {
      setShown({ title, diff: await diff(kind, definitionKey, from, to) });
    } catch (e) {
      setError(errorText(e, locale));
    }
  };

  if (!summary || summary.versions.length === 0) return <Empty description={t('rules.versions.none')} />;
  const latest = summary.latestVersion;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="versions-panel">
      {draftId && (
        <Button icon={<DiffOutlined />} onClick={() => void compare(String(latest), `draft:${draftId}`, t('rules.versions.draftVs', { n: latest }))}>
          {t('rules.versions.compareDraft', { n: latest })}
        </Button>
      )}
      <Table<VersionMeta>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={[...summary.versions].reverse()}
        columns={[
          { title: t('rules.versions.version'), dataIndex: 'version', render: (n: number) => `v${n}` },
          { title: t('rules.versions.status'), dataIndex: 'status', render: (s: VersionMeta['status']) => (s ? <Tag color={STATUS_COLOR[s]}>{t(`rules.versions.status.${s}`)}</Tag> : null) },
          { title: t('rules.versions.publishedBy'), render: (_, v) => v.signature?.name ?? v.publishedBy },
          { title: t('rules.versions.meaning'), render: (_, v) => (v.signature ? t(`rules.publish.meaning.${v.signature.meaning}`) : '—') },
          { title: t('rules.versions.publishedAt'), dataIndex: 'publishedAt', render: (at: string) => new Date(at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB') },
          { title: t('rules.versions.note'), dataIndex: 'note', render: (n: string | null | undefined) => n ?? '' },
          {
            title: '',
            render: (_, v) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => onOpen(v.version)}>
                  {t('rules.versions.open', { n: v.version })}
                </Button>
                {v.version > 1 && (
                  <Button size="small" icon={<DiffOutlined />} onClick={() => void compare(String(v.version - 1), String(v.version), t('rules.versions.vs', { a: v.version - 1, b: v.version }))}>
                    {t('rules.versions.compare', { a: v.version - 1, b: v.version })}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} />}
      {shown && (
        <div data-testid="definition-diff">
          <Typography.Title level={5}>{shown.title}</Typography.Title>
          {shown.diff.identical ? (
            <Alert type="success" showIcon title={t('rules.versions.identical')} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={shown.diff.changes}
              renderItem={(c) => (
                <List.Item data-testid="diff-change" data-op={c.op} data-pointer={c.pointer}>
                  <Space>
                    <Tag color={OP_COLOR[c.op]}>{t(`rules.diff.${c.op}`)}</Tag>
                    <Typography.Text>{ENTITIES.includes(c.entity) ? t(`rules.entity.${c.entity}`) : c.entity}</Typography.Text>
                    {c.id && <Typography.Text strong>{c.id}</Typography.Text>}
                    <Typography.Text code>{c.pointer}</Typography.Text>
                  </Space>
                  <div style={{ paddingInlineStart: 8 }}>
                    {(c.fields && c.fields.length > 0 ? c.fields : [{ pointer: '', before: c.before, after: c.after }]).map((f, i) => (
                      <div key={i} data-testid="diff-field" data-pointer={`${c.pointer}${f.pointer}`}>
                        {f.pointer !== '' && <Typography.Text code>{f.pointer}</Typography.Text>}{' '}
                        {c.op !== 'added' && f.before !== undefined && (
                          <Typography.Text delete type="danger">
                            {compactJson(f.before)}
                          </Typography.Text>
                        )}{' '}
                        {c.op !== 'removed' && f.after !== undefined && <Typography.Text type="success">{compactJson(f.after)}</Typography.Text>}
                      </div>
                    ))}
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </Space>
  );
}
