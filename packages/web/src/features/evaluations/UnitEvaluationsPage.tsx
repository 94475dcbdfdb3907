/**
 * Ratings of a unit (/danh-gia/don-vi?orgId=&period=&track=): the leader opens the period for the
 * members, follows self-assessments and proposals, sees the "xuất sắc" quota of each group and
 * approves. Every name opens the rating with its breakdown.
 */
import { App, Alert, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../components/forms';
import { ErrorResult } from '../../components/Results';
import { useIsPhone } from '../../components/useIsPhone';
import { useApprove, useOpenCycle, useUnitEvaluations } from './api';
import { LevelTag, StatusTag, points, recentPeriods, trackLabel, useLang } from './shared';

export default function UnitEvaluationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const periods = recentPeriods();
  const orgId = params.get('orgId') ?? undefined;
  const period = params.get('period') ?? periods[0]!;
  const track = params.get('track') === 'party' ? 'party' : 'state';
  const list = useUnitEvaluations(orgId, period, track);
  const open = useOpenCycle();
  const approve = useApprove();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const l = list.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={l ? `${t('insight.evaluations.unit')} — ${l.org.name}` : t('insight.evaluations.unit')} />
      <Space wrap style={{ width: '100%' }}>
        <OrgTreeSelect value={orgId ?? null} onChange={(v) => set({ orgId: v ?? undefined })} style={{ width: isPhone ? '100%' : 320 }} />
        <Select
          value={period}
          onChange={(v) => set({ period: v })}
          style={{ width: 130 }}
          options={[...new Set([period, ...periods])].map((p) => ({ value: p, label: p }))}
          aria-label={t('insight.evaluations.period')}
        />
        <Select
          value={track}
          onChange={(v) => set({ track: v })}
          style={{ width: isPhone ? '100%' : 260 }}
          options={(['state', 'party'] as const).map((k) => ({ value: k, label: trackLabel(k, lang) }))}
          aria-label={t('insight.evaluations.track')}
        />
      </Space>
      {!orgId && <Alert type="info" showIcon title={t('insight.evaluations.pick')} />}
      {list.error && <ErrorResult error={list.error} />}
      {l && (
        <>
          {l.quota.map((q) => (
            <Alert
              key={q.group}
              type={q.exceeded ? 'error' : 'info'}
              showIcon
              title={t(q.exceeded ? 'insight.evaluations.quotaExceeded' : 'insight.evaluations.quotaOk', q)}
            />
          ))}
          {l.canManage && l.notOpened.length > 0 && (
            <Card size="small">
              <Space wrap>
                <Typography.Text>
                  {t('insight.evaluations.notOpened', { names: l.notOpened.map((p) => p.personName).join(', ') })}
                </Typography.Text>
                <Button
                  type="primary"
                  loading={open.isPending}
                  onClick={() =>
                    open
                      .mutateAsync({ orgId: l.org.id, period: l.period, track })
                      .then((r) => void message.success(t('insight.evaluations.opened', r)))
                      .catch((err: unknown) => void message.error(errorText(err)))
                  }
                >
                  {t('insight.evaluations.open')}
                </Button>
              </Space>
            </Card>
          )}
          <Card size="small">
            {l.items.length === 0 ? (
              <Empty description={t('insight.evaluations.empty')} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={l.items}
                columns={[
                  {
                    title: t('people.fields.fullName'),
                    width: 180,
                    render: (_v, e) => (
                      <Space orientation="vertical" size={0}>
                        <Link to={`/danh-gia/${e.id}`}>{e.personName}</Link>
                        {e.isManager && <Typography.Text type="secondary">{t('insight.evaluations.manager')}</Typography.Text>}
                      </Space>
                    ),
                  },
                  { title: t('insight.evaluations.status'), render: (_v, e) => <StatusTag status={e.status} /> },
                  { title: t('insight.evaluations.selfLevel'), render: (_v, e) => (e.selfLevel ? <LevelTag level={e.selfLevel} /> : '—') },
                  { title: t('insight.evaluations.score'), align: 'right', render: (_v, e) => points(e.score.total) },
                  { title: t('insight.evaluations.level'), render: (_v, e) => <LevelTag level={e.level} /> },
                  {
                    title: '',
                    render: (_v, e) =>
                      l.canManage &&
                      e.status === 'proposed' && (
                        <Button
                          size="small"
                          loading={approve.isPending && approve.variables?.id === e.id}
                          onClick={() =>
                            approve
                              .mutateAsync({ id: e.id, version: e.version })
                              .then(() => void message.success(t('common.saved')))
                              .catch((err: unknown) => void message.error(errorText(err)))
                          }
                        >
                          {t('insight.evaluations.approve')}
                        </Button>
                      ),
                  },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
