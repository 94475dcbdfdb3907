/**
 * My account (/ca-nhan): profile, password change, two-factor set-up (QR code of the otpauth URL,
 * secret, confirmation code) and the interface language. Users who must change their password
 * or set up two-factor sign-in are sent here first.
 */
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, QRCode, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader';
import { reportError } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useCurrentUser } from '../auth/api';
import { useChangePassword, useTotpConfirm, useTotpDisable, useTotpSetup } from './api';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  return (
    <Card title={t('account.password.title')} style={{ height: '100%' }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            {
              onSuccess: () => {
                void message.success(t('account.password.changed'));
                form.resetFields();
              },
              onError: (err) => reportError(form, err, (m) => void message.error(m)),
            },
          )
        }
      >
        <Form.Item name="currentPassword" label={t('account.password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.password.new')}
          extra={t('account.password.policy')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 10, message: t('account.password.policy') },
            { pattern: /(?=.*\p{L})(?=.*[0-9])/u, message: t('account.password.policy') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function TotpCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const disable = useTotpDisable();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ password: string }>();
  const [pending, setPending] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const enabled = me.user.totpEnabled;

  return (
    <Card
      title={t('account.totp.title')}
      extra={enabled ? <Tag color="green">{t('users.totpOn')}</Tag> : <Tag>{t('users.totpOff')}</Tag>}
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary">{enabled ? t('account.totp.enabled') : t('account.totp.disabled')}</Typography.Paragraph>
      {!enabled && !pending && (
        <Button
          type="primary"
          loading={setup.isPending}
          onClick={() => setup.mutate(undefined, { onSuccess: setPending, onError: (err) => void message.error(err.message) })}
        >
          {t('account.totp.start')}
        </Button>
      )}
      {!enabled && pending && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>{t('account.totp.scan')}</Typography.Text>
          <Space wrap align="start" size="large">
            <QRCode value={pending.otpauthUrl} size={180} bgColor="#fff" />
            <div style={{ maxWidth: 260 }}>
              <Typography.Text type="secondary">{t('account.totp.secret')}</Typography.Text>
              <Typography.Paragraph copyable code className="kc-wrap" data-testid="totp-secret">
                {pending.secret}
              </Typography.Paragraph>
            </div>
          </Space>
          <Form
            form={codeForm}
            layout="vertical"
            onFinish={(v) =>
              confirm.mutate(v.code, {
                onSuccess: () => {
                  void message.success(t('account.totp.confirmed'));
                  setPending(null);
                },
                onError: (err) => reportError(codeForm, err, (m) => void message.error(m)),
              })
            }
          >
            <Form.Item
              name="code"
              label={t('account.totp.code')}
              rules={[{ required: true, pattern: /^[0-9]{6}$/, message: t('auth.totpRequired') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending}>
              {t('account.totp.confirm')}
            </Button>
          </Form>
        </Space>
      )}
      {enabled && (
        <Form
          form={disableForm}
          layout="vertical"
          onFinish={(v) =>
            disable.mutate(v.password, {
              onSuccess: () => {
                void message.success(t('account.totp.disabledDone'));
                disableForm.resetFields();
              },
              onError: (err) => reportError(disableForm, err, (m) => void message.error(m)),
            })
          }
        >
          <Form.Item name="password" label={t('account.totp.disablePassword')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" style={{ maxWidth: 320 }} />
          </Form.Item>
          <Button danger htmlType="submit" loading={disable.isPending}>
            {t('account.totp.disable')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {me.user.mustChangePassword && <Alert type="warning" showIcon title={t('auth.mustChangePassword')} />}
        {me.totpSetupRequired && <Alert type="warning" showIcon title={t('auth.totpSetupRequired')} />}
        <Card title={t('account.profile')}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            items={[
              { key: 'name', label: t('users.fields.displayName'), children: me.user.displayName },
              { key: 'username', label: t('users.fields.username'), children: <Typography.Text code>{me.user.username}</Typography.Text> },
              {
                key: 'roles',
                label: t('users.fields.grants'),
                children: me.grants.length ? (
                  <Space size={[0, 4]} wrap>
                    {me.grants.map((g) => (
                      <Tag key={g.id} color="red" style={{ whiteSpace: 'normal' }}>
                        {labels.role(g.role)} · {g.orgName ?? t('users.systemWide')}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
              },
              {
                key: 'lang',
                label: t('account.language.title'),
                children: (
                  <Space wrap>
                    <LanguageSwitch signedIn />
                    <Typography.Text type="secondary">{t('account.language.hint')}</Typography.Text>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <PasswordCard />
          </Col>
          <Col xs={24} lg={12}>
            <TotpCard />
          </Col>
        </Row>
      </Space>
    </>
  );
}
