/** Security settings (/cai-dat): mandatory two-factor sign-in for privileged roles. */
import type { SecuritySettings, z } from '@kycuong/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/Results';
import { ME_KEY } from '../auth/api';

const KEY = ['settings', 'security'] as const;
type Security = z.infer<typeof SecuritySettings>;

export default function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: KEY, queryFn: async () => data(api.GET('/api/v1/settings/security')) });
  const save = useMutation({
    mutationFn: async (body: Security) => data(api.PUT('/api/v1/settings/security', { body })),
    onSuccess: async (s) => {
      qc.setQueryData(KEY, s);
      void message.success(t('settings.saved'));
      // The policy may now require two-factor sign-in of the administrator too.
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
    onError: (err) => {
      void message.error(err.message);
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <>
      <PageHeader title={t('settings.title')} />
      {settings.isPending ? (
        <PageSpinner />
      ) : settings.isError ? (
        <Alert type="error" showIcon title={settings.error.message} />
      ) : (
        <Card>
          <Space align="start" size="middle">
            <Switch
              id="require-totp"
              checked={settings.data.requireTotpForPrivileged}
              loading={save.isPending}
              onChange={(checked) => save.mutate({ requireTotpForPrivileged: checked, version: settings.data.version })}
            />
            <div>
              <label htmlFor="require-totp">
                <Typography.Text strong>{t('settings.requireTotp')}</Typography.Text>
              </label>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('settings.requireTotpHint')}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('common.version', { version: settings.data.version })}
              </Typography.Text>
            </div>
          </Space>
        </Card>
      )}
    </>
  );
}
