import { Segmented } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '@kycuong/domain';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client';
import { ME_KEY } from '../features/auth/api';
import { applyLocale, currentLocale, type Locale } from '../i18n';

/** Switches the UI language; when signed in, also saves it as the user's preference. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const change = async (locale: Locale) => {
    await applyLocale(locale);
    if (!signedIn) return;
    await data(api.PUT('/api/v1/auth/preferences', { body: { locale } }));
    qc.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, user: { ...me.user, locale } } : me));
  };
  return (
    <Segmented<Locale>
      size="small"
      data-testid="language-switch"
      aria-label={t('app.language')}
      value={i18n.language === 'en' ? 'en' : currentLocale()}
      options={[
        { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
        { label: 'EN', value: 'en', title: 'English' },
      ]}
      onChange={(v) => void change(v)}
    />
  );
}
