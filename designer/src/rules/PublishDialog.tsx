/**
 * Publishing is an electronic signature: the signer re-enters the password and states what the
 * signature means; a note says why. The server's refusal (wrong password, invalid content) is
 * shown in the dialog.
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { useLocale, useT } from '../i18n';
import type { PublishRequest, SignatureMeaning } from './api';
import './messages';

const MEANINGS: SignatureMeaning[] = ['approved', 'reviewed', 'authored', 'responsible'];

interface Props {
  open: boolean;
  title: string;
  onCancel: () => void;
  onPublish: (request: Omit<PublishRequest, 'draftId'>) => Promise<unknown>;
}

export function PublishDialog({ open, title, onCancel, onPublish }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const [password, setPassword] = useState('');
  const [meaning, setMeaning] = useState<SignatureMeaning>('approved');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (password === '') {
      setError(t('rules.publish.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onPublish({ ...(note.trim() ? { note: note.trim() } : {}), signature: { password, meaning } });
      setPassword('');
      setNote('');
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} okText={t('rules.publish.sign')} cancelText={t('rules.action.cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={onCancel} destroyOnHidden>
      <Form layout="vertical">
        <Alert type="info" showIcon title={t('rules.publish.explain')} style={{ marginBottom: 12 }} />
        <Form.Item label={t('rules.publish.password')} htmlFor="publish-password" required>
          <Input.Password id="publish-password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item label={t('rules.publish.meaning')} htmlFor="publish-meaning">
          <Select id="publish-meaning" value={meaning} options={MEANINGS.map((m) => ({ value: m, label: t(`rules.publish.meaning.${m}`) }))} onChange={setMeaning} />
        </Form.Item>
        <Form.Item label={t('rules.publish.note')} htmlFor="publish-note">
          <Input.TextArea id="publish-note" autoSize={{ minRows: 2 }} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        {error && <Alert data-testid="publish-error" type="error" showIcon title={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{error}</pre>} />}
      </Form>
    </Modal>
  );
}
