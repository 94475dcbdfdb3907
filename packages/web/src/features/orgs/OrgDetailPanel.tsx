/** One org: its facts, the actions the user may take on it, and its direct members. */
import { CarryOutOutlined, EditOutlined, PlusOutlined, SwapOutlined, TeamOutlined, UserOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canOn } from '../../app/access';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { errorText } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useIsPhone } from '../../components/useIsPhone';
import { useCurrentUser } from '../auth/api';
import { usePeople } from '../people/api';
import { ExportButtons } from '../imports/ExportButtons';
import { useOrg, useUpdateOrg, type OrgDetail } from './api';
import { MoveOrgModal, OrgFormModal } from './OrgForms';

type Dialog = 'add' | 'edit' | 'move' | null;

export function OrgDetailPanel({ id }: { id: string }) {
  const org = useOrg(id);
  if (org.isPending) return <PageSpinner />;
  if (org.isError) return <ErrorResult error={org.error} onRetry={() => void org.refetch()} />;
  return <OrgDetailCard org={org.data} />;
}

function OrgDetailCard({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const update = useUpdateOrg();
  const [dialog, setDialog] = useState<Dialog>(null);
  const members = usePeople({ orgId: org.id, direct: true, pageSize: 100 });
  const path = [org.id, ...org.ancestors.map((a) => a.id)];
  const manage = canOn(me, 'org.manage', path);
  const isPhone = useIsPhone();
  const canExport = canOn(me, 'data.export', path);
  const canTasks = canOn(me, 'task.read', path);
  const canSignals = canOn(me, 'signal.read', path);

  const setActive = (active: boolean) =>
    update.mutate(
      { id: org.id, version: org.version, active },
      { onSuccess: () => void message.success(t('orgs.updated')), onError: (err) => void message.error(errorText(err)) },
    );

  return (
    <Card
      title={
        <Space orientation="vertical" size={0} style={{ whiteSpace: 'normal' }}>
          {org.ancestors.length > 0 && (
            <Breadcrumb items={org.ancestors.map((a) => ({ key: a.id, title: <Link to={`/to-chuc/${a.id}`}>{a.name}</Link> }))} />
          )}
          <Typography.Title level={4} style={{ margin: 0 }} className="kc-wrap" data-testid="org-name">
            {org.name}
          </Typography.Title>
        </Space>
      }
    >
      {manage && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button icon={<PlusOutlined />} onClick={() => setDialog('add')}>
            {t('orgs.actions.addChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('orgs.actions.edit')}
          </Button>
          <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
            {t('orgs.actions.move')}
          </Button>
          {org.active ? (
            <Popconfirm
              title={t('orgs.confirmDeactivate', { name: org.name })}
              onConfirm={() => setActive(false)}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
            >
              <Button danger loading={update.isPending}>
                {t('orgs.actions.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button onClick={() => setActive(true)} loading={update.isPending}>
              {t('orgs.actions.activate')}
            </Button>
          )}
        </Space>
      )}
      <Descriptions
        layout={isPhone ? 'vertical' : 'horizontal'}
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        bordered
        items={[
          { key: 'kind', label: t('orgs.fields.kind'), children: labels.kind(org.kind) },
          { key: 'code', label: t('orgs.fields.code'), children: <Typography.Text code>{org.code}</Typography.Text> },
          { key: 'short', label: t('orgs.fields.shortName'), children: org.shortName ?? '—' },
          {
            key: 'active',
            label: t('orgs.fields.active'),
            children: org.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          { key: 'children', label: t('orgs.fields.childCount'), children: org.childCount },
          { key: 'order', label: t('orgs.fields.sortOrder'), children: org.sortOrder },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        <Link to={`/can-bo?orgId=${org.id}`}>
          <Button icon={<TeamOutlined />}>{t('orgs.actions.viewPeople')}</Button>
        </Link>
        {canTasks && (
          <Link to={`/cong-viec?view=unit&orgId=${org.id}`}>
            <Button icon={<CarryOutOutlined />}>{t('work.tasks.views.unit')}</Button>
          </Link>
        )}
        {canSignals && (
          <Link to={`/to-chuc/${org.id}/tin-hieu`}>
            <Button icon={<WarningOutlined />}>{t('work.signals.title')}</Button>
          </Link>
        )}
        {canExport && <ExportButtons kind="orgs" orgId={org.id} label={t('orgs.actions.exportOrgs')} />}
        {canExport && <ExportButtons kind="people" orgId={org.id} label={t('orgs.actions.exportPeople')} />}
      </Space>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('orgs.members')} {members.data ? `(${members.data.total})` : ''}
      </Typography.Title>
      {members.isError ? (
        <Typography.Text type="danger">{members.error.message}</Typography.Text>
      ) : (
        <List
          loading={members.isPending}
          dataSource={members.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noMembers')} /> }}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <List.Item.Meta
                avatar={<UserOutlined />}
                title={<Link to={`/can-bo/${p.id}`}>{p.fullName}</Link>}
                description={[p.position, p.primaryOrgId !== org.id ? p.primaryOrgName : null].filter(Boolean).join(' · ') || undefined}
              />
            </List.Item>
          )}
        />
      )}

      <OrgFormModal
        open={dialog === 'add'}
        onClose={() => setDialog(null)}
        parent={{ id: org.id, name: org.name }}
        onSaved={(o) => void navigate(`/to-chuc/${o.id}`)}
      />
      <OrgFormModal open={dialog === 'edit'} onClose={() => setDialog(null)} org={org} />
      <MoveOrgModal open={dialog === 'move'} onClose={() => setDialog(null)} org={org} />
    </Card>
  );
}
