/** The routing keys of the site: open one, start a new one, or import a bundle under a key. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { DEFINITION_KEY_PATTERN } from '../../../definitions/kinds';
import { errorText } from '../api/client';
import { definitionsApi, type Head } from '../api/definitions';
import { hrefOf, navigate } from '../app/router';
import { useLocale, useT } from '../i18n';

export function RoutingList(): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const [heads, setHeads] = useState<Head[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ key: string }>();

  const load = useCallback(() => {
    setError(null);
    definitionsApi.keys('routing').then(setHeads, (e: unknown) => setError(errorText(e, locale)));
  }, [locale]);
  useEffect(load, [load]);

  return (
    <div style={{ padding: 16, overflow: 'auto' }}>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('routing.list.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('routing.list.new')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('routing.list.reload')} />
      </Space>
      {error !== null && <Alert type="error" role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Table<Head>
        rowKey="key"
        loading={heads === null && error === null}
        dataSource={heads ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('routing.list.empty') }}
        columns={[
          { title: t('routing.list.key'), dataIndex: 'key', render: (key: string) => <a href={hrefOf('routings', key)} data-testid={`routing-${key}`}>{key}</a> },
          { title: t('routing.list.latest'), dataIndex: 'latestVersion', render: (n: number) => (n > 0 ? n : '—') },
          { title: t('routing.list.active'), dataIndex: 'activeVersion', render: (n: number | null) => (n === null ? '—' : <Tag color="green">{n}</Tag>) },
          { title: t('routing.list.draft'), dataIndex: 'latestDraftId', render: (id: string | null | undefined) => (id ? <Tag color="blue">{t('routing.list.hasDraft')}</Tag> : '—') },
          { title: t('routing.list.updated'), dataIndex: 'updatedAt', render: (at: string | undefined) => (at === undefined ? '—' : new Date(at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en')) },
        ]}
      />
      <Modal
        open={creating}
        title={t('routing.list.new')}
        okText={t('routing.list.create')}
        cancelText={t('routing.cancel')}
        onCancel={() => setCreating(false)}
        onOk={() =>
          void form.validateFields().then(({ key }) => {
            setCreating(false);
            navigate('routings', key.trim());
          })
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" aria-label={t('routing.list.new')}>
          <Form.Item
            name="key"
            label={t('routing.list.key')}
            help={t('routing.list.keyHelp')}
            rules={[
              { required: true, message: t('routing.list.keyRequired') },
              { pattern: DEFINITION_KEY_PATTERN, message: t('routing.list.keyPattern') },
              { validator: (_, v: string) => ((heads ?? []).some((h) => h.key === v?.trim()) ? Promise.reject(new Error(t('routing.list.keyTaken'))) : Promise.resolve()) },
            ]}
          >
            <Input aria-label={t('routing.list.key')} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
