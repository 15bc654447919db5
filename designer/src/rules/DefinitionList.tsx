/** The keys of a kind (rules or policies) with their lifecycle state, and creating a new key. */
import { Alert, Button, Card, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DEFINITION_KEY_PATTERN } from '../../../definitions/kinds';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import { listKeys, type EditedKind } from './api';
import { useLoad } from './hooks';
import './messages';

interface Props {
  kind: EditedKind;
  title: string;
  selected: string | undefined;
  onSelect: (key: string) => void;
  /** Changes when the list should be read again (after a save or publish). */
  version: number;
}

export function DefinitionList({ kind, title, selected, onSelect, version }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const keys = useLoad(() => listKeys(kind), [kind, version]);
  const [creating, setCreating] = useState(false);
  const [newKey, setNewKey] = useState('');
  const valid = DEFINITION_KEY_PATTERN.test(newKey);
  const create = () => {
    if (!valid) return;
    setCreating(false);
    onSelect(newKey);
    setNewKey('');
  };
  const items = keys.data ?? [];
  const shownKeys = selected && !items.some((h) => h.key === selected) ? [{ key: selected, activeVersion: null, latestVersion: 0, fresh: true }, ...items] : items;

  return (
    <Card
      size="small"
      title={title}
      extra={
        <>
          <Button size="small" type="text" aria-label={t('rules.list.reload')} icon={<ReloadOutlined />} onClick={keys.reload} />
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('rules.list.new')}
          </Button>
        </>
      }
      styles={{ body: { padding: 0 } }}
    >
      {keys.error !== undefined && <Alert type="error" showIcon title={errorText(keys.error, locale)} />}
      <List
        size="small"
        loading={keys.loading && items.length === 0}
        locale={{ emptyText: t('rules.list.empty') }}
        dataSource={shownKeys}
        renderItem={(h) => (
          <List.Item
            data-testid="definition-key"
            data-key={h.key}
            onClick={() => onSelect(h.key)}
            style={{ cursor: 'pointer', paddingInline: 12, background: h.key === selected ? 'rgba(22,119,255,0.08)' : undefined }}
          >
            <button type="button" onClick={() => onSelect(h.key)} style={{ all: 'unset', cursor: 'pointer', flex: 1 }} aria-current={h.key === selected}>
              <Typography.Text strong={h.key === selected}>{h.key}</Typography.Text>
            </button>
            {h.activeVersion !== null ? <Tag color="green">v{h.activeVersion}</Tag> : <Tag>{t('rules.list.draftOnly')}</Tag>}
          </List.Item>
        )}
      />
      <Modal open={creating} title={t('rules.list.newTitle')} okText={t('rules.list.create')} cancelText={t('rules.action.cancel')} okButtonProps={{ disabled: !valid }} onOk={create} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form layout="vertical">
          <Form.Item
            label={t('rules.list.key')}
            htmlFor="new-definition-key"
            validateStatus={newKey !== '' && !valid ? 'error' : undefined}
            help={newKey !== '' && !valid ? t('rules.list.keyInvalid') : t('rules.list.keyHint')}
          >
            <Input id="new-definition-key" value={newKey} onChange={(e) => setNewKey(e.target.value)} onPressEnter={create} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
