/** Account dialogs: create an account for a person, and the account drawer (status, password, 2FA, roles). */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { GRANTABLE_ROLES, foldForSearch, splitVietnameseName, type Role } from '@kycuong/domain';
import {
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { errorText, reportError } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useDebounced } from '../../components/useDebounced';
import { usePeople } from '../people/api';
import { useAddGrant, useCreateUser, useRemoveGrant, useResetPassword, useResetTotp, useSetUserActive, useUser } from './api';

/** "Nguyễn Thị Hường" → "huongnt": the usual Vietnamese account name (given name + initials). */
function suggestUsername(fullName: string): string {
  const { family, middle, given } = splitVietnameseName(foldForSearch(fullName));
  const initials = [family, ...middle.split(' ')].filter(Boolean).map((w) => w[0]);
  return `${given}${initials.join('')}`.replace(/[^a-z0-9]/g, '');
}

export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId: string; username: string; password: string }>();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const people = usePeople({ q: term, pageSize: 20 }, open);
  const create = useCreateUser();
  const submit = (v: { personId: string; username: string; password: string }) =>
    create.mutate(v, {
      onSuccess: (u) => {
        void message.success(t('users.created'));
        onClose();
        onCreated(u.id);
      },
      onError: (err) => reportError(form, err, (m) => void message.error(m)),
    });
  return (
    <Modal
      open={open}
      title={t('users.actions.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="personId" label={t('users.fields.person')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            placeholder={t('users.personSearch')}
            loading={people.isFetching}
            notFoundContent={people.isFetching ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.empty')} />}
            options={(people.data?.items ?? []).map((p) => ({
              value: p.id,
              label: p.primaryOrgName ? `${p.fullName} — ${p.primaryOrgName}` : p.fullName,
              disabled: !!p.userId,
              name: p.fullName,
            }))}
            onChange={(_v, option) => {
              const name = option && !Array.isArray(option) ? (option as { name?: string }).name : undefined;
              if (name && !form.getFieldValue('username')) form.setFieldValue('username', suggestUsername(name));
            }}
          />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('users.fields.username')}
          rules={[{ required: true, min: 3, pattern: /^[a-z0-9._-]+$/, message: t('common.required') }]}
        >
          <Input autoCapitalize="none" autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.fields.password')}
          extra={t('users.passwordHint')}
          rules={[{ required: true, min: 10, message: t('account.password.policy') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Everything an administrator does to one account. */
export function UserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const user = useUser(userId ?? undefined);
  return (
    <Drawer
      open={!!userId}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={user.data ? user.data.displayName : t('users.actions.manage')}
      destroyOnHidden
    >
      {user.isPending ? <PageSpinner /> : user.isError ? <ErrorResult error={user.error} /> : <UserPanel userId={user.data.id} />}
    </Drawer>
  );
}

function UserPanel({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const { data: user } = useUser(userId);
  const setActive = useSetUserActive();
  const resetPassword = useResetPassword();
  const resetTotp = useResetTotp();
  const addGrant = useAddGrant();
  const removeGrant = useRemoveGrant();
  const [pwForm] = Form.useForm<{ newPassword: string }>();
  const [grantForm] = Form.useForm<{ role: Exclude<Role, 'member'>; orgId?: string | null }>();
  const role = Form.useWatch('role', grantForm);
  const onError = (err: unknown) => void message.error(errorText(err));
  if (!user) return null;
  const locked = !!user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs());

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'username', label: t('users.fields.username'), children: <Typography.Text code>{user.username}</Typography.Text> },
          {
            key: 'totp',
            label: t('users.fields.totp'),
            children: user.totpEnabled ? <Tag color="green">{t('users.totpOn')}</Tag> : <Tag>{t('users.totpOff')}</Tag>,
          },
          {
            key: 'active',
            label: t('users.fields.active'),
            children: (
              <Space wrap>
                {user.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag color="red">{t('common.inactive')}</Tag>}
                {locked && <Tag color="orange">{t('users.lockedUntil', { time: dayjs(user.lockedUntil).format('HH:mm DD/MM/YYYY') })}</Tag>}
              </Space>
            ),
          },
          {
            key: 'last',
            label: t('users.fields.lastLogin'),
            children: user.lastLoginAt ? dayjs(user.lastLoginAt).format('HH:mm DD/MM/YYYY') : '—',
          },
        ]}
      />
      <Space wrap>
        <Button
          danger={user.active}
          loading={setActive.isPending}
          onClick={() =>
            setActive.mutate(
              { id: user.id, version: user.version, active: !user.active },
              { onSuccess: () => void message.success(t('common.saved')), onError },
            )
          }
        >
          {user.active ? t('users.actions.deactivate') : t('users.actions.activate')}
        </Button>
        {user.totpEnabled && (
          <Popconfirm
            title={t('users.confirmResetTotp', { name: user.displayName })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => resetTotp.mutate(user.id, { onSuccess: () => void message.success(t('users.totpReset')), onError })}
          >
            <Button loading={resetTotp.isPending}>{t('users.actions.resetTotp')}</Button>
          </Popconfirm>
        )}
      </Space>

      <Divider titlePlacement="start">{t('users.actions.resetPassword')}</Divider>
      <Form
        form={pwForm}
        layout="vertical"
        onFinish={(v) =>
          resetPassword.mutate(
            { id: user.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                void message.success(t('users.passwordReset'));
                pwForm.resetFields();
              },
              onError: (err) => reportError(pwForm, err, (m) => void message.error(m)),
            },
          )
        }
      >
        <Form.Item
          name="newPassword"
          label={t('users.fields.newPassword')}
          extra={t('users.passwordHint')}
          rules={[{ required: true, min: 10, message: t('account.password.policy') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" loading={resetPassword.isPending}>
          {t('users.actions.resetPassword')}
        </Button>
      </Form>

      <Divider titlePlacement="start">{t('users.fields.grants')}</Divider>
      <List
        size="small"
        bordered
        dataSource={user.grants}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRoles')} /> }}
        renderItem={(g) => (
          <List.Item
            key={g.id}
            actions={[
              <Popconfirm
                key="remove"
                title={t('users.confirmRemoveGrant', { role: labels.role(g.role) })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => removeGrant.mutate(g.id, { onSuccess: () => void message.success(t('users.grantRemoved')), onError })}
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('users.actions.removeGrant')} />
              </Popconfirm>,
            ]}
          >
            <Space wrap size={4}>
              <Tag color="red">{labels.role(g.role)}</Tag>
              <span className="kc-wrap">{g.orgName ?? t('users.systemWide')}</span>
            </Space>
          </List.Item>
        )}
      />
      <Form
        form={grantForm}
        layout="vertical"
        onFinish={(v) =>
          addGrant.mutate(
            { userId: user.id, role: v.role, orgId: v.orgId ?? null },
            {
              onSuccess: () => {
                void message.success(t('users.grantAdded'));
                grantForm.resetFields();
              },
              onError: (err) => reportError(grantForm, err, (m) => void message.error(m)),
            },
          )
        }
      >
        <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={GRANTABLE_ROLES.map((r) => ({ value: r, label: labels.role(r) }))} />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('users.fields.org')}
          rules={[{ required: role !== 'system_admin', message: t('users.orgRequired') }]}
          extra={role === 'system_admin' ? t('users.systemWide') : undefined}
        >
          <OrgTreeSelect />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={addGrant.isPending}>
          {t('users.actions.addGrant')}
        </Button>
      </Form>
    </Space>
  );
}
