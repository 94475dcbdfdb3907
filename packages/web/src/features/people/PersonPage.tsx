/** One person (/can-bo/:id): facts, categories, memberships with add / edit / remove. */
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Membership } from '@kycuong/domain';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { errorText } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useIsPhone } from '../../components/useIsPhone';
import { useCurrentUser } from '../auth/api';
import { usePerson, useRemoveMembership, useUpdatePerson, type PersonWithMemberships } from './api';
import { EditPersonModal, MembershipModal } from './PersonForms';

export default function PersonPage() {
  const { id } = useParams();
  const person = usePerson(id);
  if (person.isPending) return <PageSpinner />;
  if (person.isError) return <ErrorResult error={person.error} onRetry={() => void person.refetch()} />;
  return <PersonView person={person.data} />;
}

type Dialog = { kind: 'edit' } | { kind: 'membership'; membership?: Membership } | null;

function PersonView({ person }: { person: PersonWithMemberships }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const me = useCurrentUser();
  const manage = can(me, 'person.manage');
  const isPhone = useIsPhone();
  const [dialog, setDialog] = useState<Dialog>(null);
  const update = useUpdatePerson();
  const remove = useRemoveMembership();
  const onError = (err: unknown) => void message.error(errorText(err));

  const flags = (m: Membership) => (
    <Space size={[0, 4]} wrap>
      {m.isPrimary && <Tag color="blue">{t('people.primary')}</Tag>}
      {m.isHead && <Tag color="red">{t('people.head')}</Tag>}
      {m.isDeputy && <Tag color="orange">{t('people.deputy')}</Tag>}
    </Space>
  );
  const columns: TableColumnsType<Membership> = [
    {
      title: t('people.fields.org'),
      key: 'org',
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/to-chuc/${m.orgId}`} className="kc-wrap">
            {m.orgName}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isPhone && m.title ? `${labels.kind(m.orgKind)} · ${m.title}` : labels.kind(m.orgKind)}
          </Typography.Text>
          {isPhone && flags(m)}
        </Space>
      ),
    },
    // On a phone title and flags go under the org name (above) instead of their own columns.
    { title: t('people.fields.title'), dataIndex: 'title', key: 'title', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: '', key: 'flags', responsive: ['md'], render: (_, m) => flags(m) },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m: Membership) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('people.actions.editMembership')}
                  onClick={() => setDialog({ kind: 'membership', membership: m })}
                />
                <Popconfirm
                  title={t('people.confirmRemoveMembership', { name: person.fullName, org: m.orgName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(m.id, { onSuccess: () => void message.success(t('people.updated')), onError })}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('people.actions.removeMembership')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/can-bo">
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {t('people.title')}
          </Button>
        </Link>
      </Space>
      <PageHeader
        title={<span data-testid="person-name">{person.fullName}</span>}
        extra={
          manage && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
                {t('people.actions.edit')}
              </Button>
              <Button
                danger={person.active}
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    { id: person.id, version: person.version, active: !person.active },
                    { onSuccess: () => void message.success(t('people.updated')), onError },
                  )
                }
              >
                {person.active ? t('people.actions.deactivate') : t('people.actions.activate')}
              </Button>
            </>
          )
        }
      />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('people.detail')}>
          <Descriptions
            layout={isPhone ? 'vertical' : 'horizontal'}
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            bordered
            items={[
              { key: 'position', label: t('people.fields.position'), children: person.position ?? '—' },
              { key: 'primary', label: t('people.fields.primaryOrg'), children: person.primaryOrgName ?? '—' },
              {
                key: 'email',
                label: t('people.fields.email'),
                children: person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—',
              },
              {
                key: 'phone',
                label: t('people.fields.phone'),
                children: person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : '—',
              },
              {
                key: 'birth',
                label: t('people.fields.birthDate'),
                children: person.birthDate ? dayjs(person.birthDate).format('DD/MM/YYYY') : '—',
              },
              { key: 'gender', label: t('people.fields.gender'), children: person.gender ? t(`people.gender.${person.gender}`) : '—' },
              {
                key: 'categories',
                label: t('people.fields.categories'),
                children: person.categories.length ? (
                  <Space size={[0, 4]} wrap>
                    {person.categories.map((c) => (
                      <Tag key={c}>{labels.category(c)}</Tag>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
              },
              {
                key: 'account',
                label: t('people.fields.account'),
                children: person.username ? (
                  <Typography.Text code>{person.username}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('people.noAccount')}</Typography.Text>
                ),
              },
              {
                key: 'active',
                label: t('people.fields.active'),
                children: person.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
              },
            ]}
          />
        </Card>
        <Card
          title={t('people.memberships')}
          extra={
            manage && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'membership' })}>
                {t('people.actions.addMembership')}
              </Button>
            )
          }
        >
          <Table<Membership>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={person.memberships}
            pagination={false}
            scroll={isPhone ? undefined : { x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noMemberships')} /> }}
          />
        </Card>
      </Space>
      {dialog?.kind === 'edit' && <EditPersonModal open onClose={() => setDialog(null)} person={person} />}
      {dialog?.kind === 'membership' && (
        <MembershipModal open onClose={() => setDialog(null)} person={person} membership={dialog.membership} />
      )}
    </>
  );
}
