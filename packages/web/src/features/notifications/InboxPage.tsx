/**
 * The inbox (/thong-bao): the user's notifications, newest first, unread ones marked; opening one
 * marks it read and goes to its task or document. The e-mail preferences sit beside it.
 */
import { CheckOutlined } from '@ant-design/icons';
import { NOTIFICATION_KINDS, type Notification, type NotificationKind } from '@kycuong/domain';
import { Alert, App, Badge, Button, Card, Col, Empty, List, Row, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { dmyTime, useWorkLabels } from '../tasks/labels';
import { appPath, useMarkAllRead, useMarkRead, useNotifications, usePreferences, useSavePreferences } from './api';

function Preferences() {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const { message } = App.useApp();
  const prefs = usePreferences();
  const save = useSavePreferences();
  if (prefs.isError) return <Alert type="error" showIcon title={prefs.error.message} />;
  const p = prefs.data;
  const put = (patch: { emailEnabled?: boolean; digestEnabled?: boolean; kind?: [NotificationKind, boolean] }) => {
    if (!p) return;
    save.mutate(
      {
        version: p.version,
        emailEnabled: patch.emailEnabled ?? p.emailEnabled,
        digestEnabled: patch.digestEnabled ?? p.digestEnabled,
        ...(patch.kind ? { emailByKind: { [patch.kind[0]]: patch.kind[1] } } : {}),
      },
      {
        onSuccess: () => void message.success(t('work.inbox.saved')),
        onError: (err) => void message.error(err.message),
      },
    );
  };
  return (
    <Card title={t('work.inbox.preferences')} loading={prefs.isPending}>
      {p && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <Switch checked={p.emailEnabled} loading={save.isPending} onChange={(v) => put({ emailEnabled: v })} id="pref-email" />
            <label htmlFor="pref-email">{t('work.inbox.emailEnabled')}</label>
          </Space>
          <Space>
            <Switch checked={p.digestEnabled} loading={save.isPending} onChange={(v) => put({ digestEnabled: v })} id="pref-digest" />
            <label htmlFor="pref-digest">{t('work.inbox.digestEnabled')}</label>
          </Space>
          <Typography.Text strong style={{ marginTop: 8 }}>
            {t('work.inbox.byKind')}
          </Typography.Text>
          {NOTIFICATION_KINDS.map((k) => (
            <Space key={k}>
              <Switch
                size="small"
                disabled={!p.emailEnabled}
                checked={p.emailByKind[k] !== false}
                onChange={(v) => put({ kind: [k, v] })}
                id={`pref-${k}`}
              />
              <label htmlFor={`pref-${k}`}>{l.notificationKind(k)}</label>
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unread = params.get('unread') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useNotifications(unread, page);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const open = (n: Notification) => {
    const go = () => {
      const path = appPath(n.link);
      if (path) void navigate(path);
    };
    if (!n.readAt) markRead.mutate(n.id, { onSettled: go });
    else go();
  };

  return (
    <>
      <PageHeader
        title={t('work.inbox.title')}
        extra={
          <Button icon={<CheckOutlined />} onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {t('work.inbox.markAllRead')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Segmented<string>
              value={unread ? 'unread' : 'all'}
              onChange={(v) => setParams(v === 'unread' ? { unread: 'true' } : {}, { replace: true })}
              options={[
                { value: 'all', label: t('work.inbox.all') },
                { value: 'unread', label: t('work.inbox.onlyUnread') },
              ]}
              style={{ marginBottom: 12 }}
            />
            {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
            <List<Notification>
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('work.inbox.empty')} /> }}
              pagination={
                (list.data?.total ?? 0) > 20
                  ? {
                      current: page,
                      pageSize: 20,
                      total: list.data?.total ?? 0,
                      onChange: (p) => setParams({ ...(unread ? { unread: 'true' } : {}), page: String(p) }, { replace: true }),
                      size: 'small',
                    }
                  : false
              }
              renderItem={(n) => (
                <List.Item
                  key={n.id}
                  data-testid="notification"
                  data-kind={n.kind}
                  style={{ cursor: n.link ? 'pointer' : 'default', background: n.readAt ? undefined : '#fff7e6', paddingInline: 8 }}
                  onClick={() => open(n)}
                  actions={
                    n.readAt
                      ? []
                      : [
                          <Button
                            key="read"
                            size="small"
                            type="link"
                            onClick={(e) => {
                              e.stopPropagation();
                              markRead.mutate(n.id);
                            }}
                          >
                            {t('work.inbox.markRead')}
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap size={4}>
                        {!n.readAt && <Badge status="processing" />}
                        <Typography.Text strong={!n.readAt} className="kc-wrap">
                          {n.title}
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <Space orientation="vertical" size={2}>
                        <Typography.Text className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
                          {n.body}
                        </Typography.Text>
                        <Space wrap size={4}>
                          <Tag>{l.notificationKind(n.kind)}</Tag>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {dmyTime(n.createdAt)}
                          </Typography.Text>
                        </Space>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Preferences />
        </Col>
      </Row>
    </>
  );
}
