/** Switches the UI language (English / 中文); the choice is kept across visits. */
import { Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useLocale, useT, type Locale } from '../i18n';

export function LanguageSwitch(): ReactNode {
  const [locale, setLocale] = useLocale();
  const t = useT();
  return (
    <Segmented<Locale>
      aria-label={t('app.language')}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'en', label: t('app.language.en') },
        { value: 'zh', label: t('app.language.zh') },
      ]}
    />
  );
}
