/** The signed-in frame: header (navigation, language, user) and the page of the current route. */
import { Button, Layout, Menu, Result, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { signOut, useSession } from '../api/client';
import { useT } from '../i18n';
import { PoliciesPage, RulesPage } from '../rules';
import { RoutingsPage } from '../routing';
import { LanguageSwitch } from './LanguageSwitch';
import { hrefOf, navigate, useRoute } from './router';

const SECTIONS = ['routings', 'rules', 'policies'] as const;

function Page({ route }: { route: string[] }): ReactNode {
  const t = useT();
  const [section = 'routings', ...rest] = route;
  switch (section) {
    case 'routings':
      return <RoutingsPage path={rest} />;
    case 'rules':
      return <RulesPage />;
    case 'policies':
      return <PoliciesPage />;
    default:
      return (
        <Result
          status="404"
          subTitle={t('app.notFound')}
          extra={
            <Button type="primary" onClick={() => navigate('routings')}>
              {t('app.notFound.back')}
            </Button>
          }
        />
      );
  }
}

export function Shell(): ReactNode {
  const t = useT();
  const session = useSession();
  const route = useRoute();
  const section = route[0] ?? 'routings';
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 16, background: '#101828' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          aria-label={t('app.nav.main')}
          selectedKeys={[section]}
          style={{ flex: 1, minWidth: 0, background: 'transparent' }}
          items={SECTIONS.map((s) => ({ key: s, label: <a href={hrefOf(s)}>{t(`app.nav.${s}`)}</a> }))}
        />
        <Space>
          <LanguageSwitch />
          <Typography.Text style={{ color: '#d0d7de' }} data-testid="signed-in-user">
            {t('app.signedInAs', { name: session?.principal.name ?? '' })}
          </Typography.Text>
          <Button size="small" onClick={() => void signOut()}>
            {t('app.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Page route={route} />
      </Layout.Content>
    </Layout>
  );
}
