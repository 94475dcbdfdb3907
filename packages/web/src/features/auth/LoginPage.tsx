import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { PageSpinner } from '../../components/Results';
import { useLogin, useMe } from './api';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** Sign-in: username and password, then a two-factor code when the server asks for one. */
export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (me.isPending) return <PageSpinner />;
  if (me.data && !login.isPending) return <Navigate to={target} replace />;

  const submit = (values: LoginForm) => {
    setError(null);
    login.mutate(
      { username: values.username, password: values.password, ...(needTotp && values.totp ? { totp: values.totp } : {}) },
      {
        onSuccess: () => void navigate(target, { replace: true }),
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'totp_required') {
            setNeedTotp(true);
            return;
          }
          if (err instanceof ApiError && err.code === 'totp_invalid') form.setFieldValue('totp', '');
          setError(err.message);
        },
      },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #a61d24 0%, #5c0f14 100%)',
      }}
    >
      <div style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ textAlign: 'center', marginBottom: 20, color: '#fff' }}>
          <Typography.Title level={1} style={{ color: '#fff', margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('auth.subtitle')}</Typography.Text>
        </div>
        <Card title={t('auth.title')} extra={<LanguageSwitch signedIn={false} />}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={login.isPending}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            {needTotp && (
              <Form.Item
                name="totp"
                label={t('auth.totp')}
                extra={t('auth.totpHint')}
                rules={[{ required: true, pattern: /^[0-9]{6}$/, message: t('auth.totpRequired') }]}
              >
                <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {t('auth.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
