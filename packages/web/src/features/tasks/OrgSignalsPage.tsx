/**
 * Shirking signals of a unit (/to-chuc/:id/tin-hieu): counts by kind for the unit and its
 * sub-units, patterns over many tasks (return rate, hand-offs to deputies), and each signal with
 * its explanation and evidence, linked to its task. Evidence for a human, never a verdict.
 */
import { WarningOutlined } from '@ant-design/icons';
import { SIGNAL_CODES, type SignalCode, type z, type SignalTaskRow, type SignalAggregateRow } from '@kycuong/domain';
import { Alert, Card, DatePicker, Empty, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { useOrg } from '../orgs/api';
import { useSignalAggregate, useSignalTasks } from './api';
import { SEVERITY_COLORS, StatusTag, dmy, useWorkLabels } from './labels';
import { useUrlFilters } from '../../components/useUrlFilters';

type Row = z.infer<typeof SignalTaskRow>;
type AggRow = z.infer<typeof SignalAggregateRow>;
const isCode = (v: string | null): v is SignalCode => !!v && (SIGNAL_CODES as readonly string[]).includes(v);

export default function OrgSignalsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useWorkLabels();
  const { params, update } = useUrlFilters();
  const code = isCode(params.get('code')) ? (params.get('code') as SignalCode) : undefined;
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const org = useOrg(id);
  const agg = useSignalAggregate({ orgId: id, from, to });
  const tasks = useSignalTasks({ orgId: id, code, from, to, page, pageSize: 20 });

  if (org.isPending) return <PageSpinner />;
  if (org.isError) return <ErrorResult error={org.error} onRetry={() => void org.refetch()} />;

  const aggColumns: TableColumnsType<AggRow> = [
    {
      title: t('work.signals.subject'),
      key: 'org',
      render: (_, r) =>
        r.orgId ? (
          <Link to={`/to-chuc/${r.orgId}/tin-hieu`} className="kc-wrap">
            {r.orgName}
          </Link>
        ) : (
          (r.personName ?? '—')
        ),
    },
    {
      title: t('work.signals.byCode'),
      key: 'counts',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {Object.entries(r.counts)
            .filter(([, n]) => n > 0)
            .map(([c, n]) => (
              <Tag key={c} color="orange" style={{ cursor: 'pointer' }} onClick={() => update({ code: c })}>
                {isCode(c) ? l.signal(c) : c}: {n}
              </Tag>
            ))}
          {r.flags.map((f) => (
            <Tag key={f.code} color="red" title={f.explanation}>
              {l.signal(f.code)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('work.signals.returnRate'),
      key: 'rate',
      width: 150,
      responsive: ['md'],
      render: (_, r) => `${r.returned}/${r.received}${r.returnRate !== null ? ` (${Math.round(r.returnRate * 100)}%)` : ''}`,
    },
  ];

  const flags = (agg.data?.rows ?? []).flatMap((r) => r.flags.map((f) => ({ ...f, who: r.orgName ?? r.personName ?? '' })));

  return (
    <>
      <PageHeader title={<span data-testid="signals-title">{t('work.signals.unitTitle', { name: org.data.name })}</span>} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={agg.data?.disclaimer ?? tasks.data?.disclaimer ?? ''} />
      <Card style={{ marginBottom: 16 }}>
        <div className="kc-filters">
          <Select<SignalCode>
            allowClear
            placeholder={t('work.signals.code')}
            aria-label={t('work.signals.code')}
            value={code}
            onChange={(v) => update({ code: v })}
            options={SIGNAL_CODES.map((c) => ({ value: c, label: l.signal(c) }))}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
          />
        </div>
      </Card>
      <Card title={t('work.signals.summary')} style={{ marginBottom: 16 }}>
        {agg.isError && <Alert type="error" showIcon title={agg.error.message} style={{ marginBottom: 12 }} />}
        <Table<AggRow>
          rowKey={(r) => `${r.orgId ?? ''}-${r.personId ?? ''}`}
          size="small"
          columns={aggColumns}
          dataSource={(agg.data?.rows ?? []).filter((r) => r.total > 0 || r.flags.length > 0)}
          loading={agg.isFetching}
          pagination={false}
          locale={{ emptyText: <Empty description={t('work.signals.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
        {flags.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('work.signals.flags')}
            </Typography.Title>
            <List
              size="small"
              dataSource={flags}
              renderItem={(f) => (
                <List.Item key={`${f.code}-${f.who}`}>
                  <Typography.Text className="kc-wrap">
                    <Tag color="red">{l.signal(f.code)}</Tag>
                    {f.who}: {f.explanation}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
      <Card title={t('work.signals.tasks')}>
        {tasks.isError && <Alert type="error" showIcon title={tasks.error.message} style={{ marginBottom: 12 }} />}
        <List<Row>
          loading={tasks.isFetching}
          dataSource={tasks.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('work.signals.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          pagination={
            (tasks.data?.total ?? 0) > 20
              ? {
                  current: page,
                  pageSize: 20,
                  total: tasks.data?.total ?? 0,
                  onChange: (p) => update({ page: String(p) }, true),
                  size: 'small',
                }
              : false
          }
          renderItem={(s) => (
            <List.Item key={`${s.taskId}-${s.code}-${s.subject}`} data-testid="signal-row" data-code={s.code}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={SEVERITY_COLORS[s.severity]} icon={<WarningOutlined />}>
                    {l.signal(s.code)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`work.signals.severities.${s.severity}`)} · {s.subject} · {t('work.signals.detectedOn')} {dmy(s.detectedOn)}
                  </Typography.Text>
                </Space>
                <Link to={`/cong-viec/${s.taskId}`} className="kc-wrap">
                  {s.taskTitle}
                </Link>
                <Typography.Text className="kc-wrap">{s.explanation}</Typography.Text>
                <Space wrap size={4}>
                  <StatusTag status={s.taskStatus} />
                  {s.evidence.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('work.signals.evidence')}: {s.evidence.map((e) => `${l.event(e.type)} ${dmy(e.on)}`).join('; ')}
                    </Typography.Text>
                  )}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
