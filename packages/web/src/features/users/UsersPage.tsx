/** Accounts and role grants (/tai-khoan): the accounts in the admin's scope, and a drawer per account. */
import { PlusOutlined } from '@ant-design/icons';
import type { User } from '@kycuong/domain';
import { Alert, Button, Card, Empty, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useLabels } from '../../components/labels';
import { useDebounced } from '../../components/useDebounced';
import { useUsers } from './api';
import { CreateUserModal, UserDrawer } from './UserForms';

export default function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const pageSize = 20;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [paging, setPaging] = useState({ q: '', page: 1 });
  // A new search starts again at page 1.
  const page = paging.q === q ? paging.page : 1;
  const users = useUsers(q, page, pageSize);
  const [creating, setCreating] = useState(false);
  const openId = params.get('id');
  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('id', id);
    else next.delete('id');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.fields.displayName'),
      key: 'name',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpen(u.id)}>{u.displayName}</Typography.Link>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('users.fields.grants'),
      key: 'grants',
      responsive: ['md'],
      // Grants on orgs outside the administrator's scope are not listed by the server.
      render: (_, u) =>
        u.grants.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap style={{ maxWidth: 420 }}>
            {u.grants.map((g) => (
              <Tag key={g.id} color="red" className="kc-wrap" style={{ whiteSpace: 'normal' }}>
                {labels.role(g.role)} · {g.orgName ?? t('users.systemWide')}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('users.fields.totp'),
      key: 'totp',
      responsive: ['lg'],
      render: (_, u) => (u.totpEnabled ? <Tag color="green">{t('users.totpOn')}</Tag> : <Tag>{t('users.totpOff')}</Tag>),
    },
    {
      title: t('users.fields.active'),
      key: 'status',
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag color="red">{t('common.inactive')}</Tag>}
          {u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()) && <Tag color="orange">{t('users.fields.locked')}</Tag>}
        </Space>
      ),
    },
    {
      // On a phone the name opens the same drawer.
      title: '',
      key: 'actions',
      responsive: ['md'],
      render: (_, u) => (
        <Button size="small" onClick={() => setOpen(u.id)}>
          {t('users.actions.manage')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.actions.create')}
          </Button>
        }
      />
      <Card>
        <div className="kc-filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {users.isError && <Alert type="error" showIcon title={users.error.message} style={{ marginBottom: 16 }} />}
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p) => setPaging({ q, page: p }),
            size: 'small',
          }}
        />
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => setOpen(id)} />
      <UserDrawer userId={openId} onClose={() => setOpen(null)} />
    </>
  );
}
