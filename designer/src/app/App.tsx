/** Providers (language, antd theme and locale) around the sign-in page or the shell. */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useSession } from '../api/client';
import { LocaleProvider, useLocale } from '../i18n';
import './messages';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

/** Whether the person asked their system for less motion: then dialogs, drawers and menus appear without animating. */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function Themed({ children }: { children: ReactNode }): ReactNode {
  const [locale] = useLocale();
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f6feb', borderRadius: 6, motion: !REDUCED_MOTION } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function Gate(): ReactNode {
  const session = useSession();
  return session === null ? <SignIn /> : <Shell />;
}

export function App(): ReactNode {
  return (
    <LocaleProvider>
      <Themed>
        <Gate />
      </Themed>
    </LocaleProvider>
  );
}
