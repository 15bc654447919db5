/** Sign-in against the API (/auth/login); the session then lasts for the browser tab. */
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText, signIn } from '../api/client';
import { useLocale, useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface Credentials {
  email: string;
  password: string;
}

export function SignIn(): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Credentials): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.email.trim(), values.password);
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 380 }} title={t('app.signIn.title')} extra={<LanguageSwitch />}>
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} aria-label={t('app.signIn.title')}>
          <Form.Item name="email" label={t('app.signIn.email')} rules={[{ required: true, message: t('app.signIn.emailRequired') }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('app.signIn.password')} rules={[{ required: true, message: t('app.signIn.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {error !== null && (
              <Alert type="error" role="alert" message={t('app.signIn.failed')} description={<Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{error}</Typography.Text>} />
            )}
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('app.signIn.submit')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
