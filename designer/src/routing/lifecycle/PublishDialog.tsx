/** Publish: a change note and an electronic signature (the signer's password and the meaning of the signature). */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText } from '../../api/client';
import { SIGNATURE_MEANINGS, type SignatureMeaning, type VersionMeta } from '../../api/definitions';
import { useLocale, useT } from '../../i18n';

interface Values {
  note: string;
  meaning: SignatureMeaning;
  password: string;
}

export function PublishDialog({ open, onClose, onPublish }: { open: boolean; onClose: () => void; onPublish: (v: Values) => Promise<VersionMeta> }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onPublish(values);
      form.resetFields();
      onClose();
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('routing.publish.title')}
      okText={t('routing.publish.confirm')}
      cancelText={t('routing.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ meaning: 'approved', note: '' }} aria-label={t('routing.publish.title')}>
        <Form.Item name="note" label={t('routing.publish.note')} rules={[{ required: true, whitespace: true, message: t('routing.publish.noteRequired') }]}>
          <Input.TextArea aria-label={t('routing.publish.note')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="meaning" label={t('routing.publish.meaning')}>
          <Select aria-label={t('routing.publish.meaning')} options={SIGNATURE_MEANINGS.map((m) => ({ value: m, label: t(`routing.publish.meaning.${m}`) }))} />
        </Form.Item>
        <Form.Item name="password" label={t('routing.publish.password')} help={t('routing.publish.password.help')} rules={[{ required: true, message: t('routing.publish.passwordRequired') }]}>
          <Input.Password aria-label={t('routing.publish.password')} autoComplete="current-password" />
        </Form.Item>
        {error !== null && <Alert type="error" role="alert" message={t('routing.publish.failed')} description={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>} />}
      </Form>
    </Modal>
  );
}
