/**
 * The dashboard (/bang-dieu-hanh): for any subtree and period, the task figures by official outcome
 * class, on-time rate, overdue, "chưa cập nhật", reminders and escalations, shirking signals, cases,
 * ratings, a ranking of sub-units and a 12-month trend. Every number links to the list behind it
 * (tasks: /cong-viec?view=unit&orgId=…&deadlineFrom=…&deadlineTo=…, the same population the
 * server counts). The period and org live in the URL. ECharts from its core, tree-shaken.
 */
import { OUTCOME_CLASSES, OUTCOME_LABELS, RATING_LEVELS, RATING_LEVEL_LABELS, type Dashboard, type OutcomeClass } from '@kycuong/domain';
import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { useIsPhone } from '../../components/useIsPhone';
import { useDashboard } from './api';
import './dashboard.css';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
dayjs.extend(quarterOfYear);

const OUTCOME_COLORS: Record<OutcomeClass, string> = {
  done_on_time: '#389e0d',
  done_late: '#d48806',
  open_in_time: '#1677ff',
  open_overdue: '#cf1322',
};

type Kind = 'quarter' | 'month' | 'year' | 'custom';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
const fmt = (d: string) => dayjs(d).format('DD/MM/YYYY');

/** The list of tasks behind a number: the unit view over the period, plus filters. */
export function taskListLink(orgId: string, from: string, to: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ view: 'unit', orgId, deadlineFrom: from, deadlineTo: to, ...extra });
  return `/cong-viec?${q.toString()}`;
}

function periodOf(kind: Exclude<Kind, 'custom'>, d: Dayjs): { from: string; to: string } {
  return { from: d.startOf(kind).format('YYYY-MM-DD'), to: d.endOf(kind).format('YYYY-MM-DD') };
}

function kindOf(from: string | undefined, to: string | undefined): Kind {
  if (!from || !to) return 'quarter';
  for (const k of ['month', 'quarter', 'year'] as const) {
    const p = periodOf(k, dayjs(from));
    if (p.from === from && p.to === to) return k;
  }
  return 'custom';
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const q = useDashboard({ orgId, from, to });
  const d = q.data;
  const kind = kindOf(d?.from ?? from, d?.to ?? to);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const filters = (
    <Space wrap style={{ width: '100%' }} className="kc-dashboard-filters">
      <OrgTreeSelect
        value={orgId ?? d?.org.id ?? null}
        onChange={(v) => set({ orgId: v ?? undefined })}
        placeholder={t('insight.dashboard.org')}
        style={{ width: isPhone ? '100%' : 340 }}
        id="dashboard-org"
      />
      <Segmented<Kind>
        value={kind}
        onChange={(k) => {
          if (k === 'custom') return;
          const p = periodOf(k, dayjs(d?.from ?? from ?? undefined));
          set({ from: p.from, to: p.to });
        }}
        options={[
          { value: 'month', label: t('insight.dashboard.month') },
          { value: 'quarter', label: t('insight.dashboard.quarter') },
          { value: 'year', label: t('insight.dashboard.year') },
          { value: 'custom', label: t('insight.dashboard.custom') },
        ]}
      />
      {kind === 'custom' ? (
        <DatePicker.RangePicker
          value={d ? [dayjs(d.from), dayjs(d.to)] : null}
          format="DD/MM/YYYY"
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
        />
      ) : (
        <DatePicker
          picker={kind}
          allowClear={false}
          value={d ? dayjs(d.from) : null}
          format={kind === 'quarter' ? '[Quý] Q/YYYY' : kind === 'month' ? 'MM/YYYY' : 'YYYY'}
          onChange={(v) => {
            if (!v) return;
            const p = periodOf(kind, v);
            set({ from: p.from, to: p.to });
          }}
          aria-label={t('insight.dashboard.period')}
        />
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="kc-dashboard">
      <PageHeader title={d ? `${t('insight.dashboard.title')} — ${d.org.name}` : t('insight.dashboard.title')} />
      {filters}
      {q.isPending && <PageSpinner />}
      {q.error && <ErrorResult error={q.error} />}
      {d && (
        <>
          <Typography.Text type="secondary">
            {fmt(d.from)} – {fmt(d.to)}. {t('insight.dashboard.periodNote', { today: fmt(d.today) })}
          </Typography.Text>
          <Figures d={d} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={t('insight.dashboard.outcomes')} size="small">
                <Outcomes d={d} onPick={(c) => void navigate(taskListLink(d.org.id, d.from, d.to, { outcome: c }))} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('insight.dashboard.trend')} size="small">
                <Trend d={d} isPhone={isPhone} onPick={(month, c) => void navigate(monthLink(d, month, c))} />
              </Card>
            </Col>
          </Row>
          <Card title={t('insight.dashboard.units')} size="small">
            <Units d={d} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Signals d={d} />
            </Col>
            <Col xs={24} lg={8}>
              <Cases d={d} />
            </Col>
            <Col xs={24} lg={8}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Evaluations d={d} />
                <Dissemination d={d} />
              </Space>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

function monthLink(d: Dashboard, month: string, c: OutcomeClass | undefined): string {
  const start = dayjs(`${month}-01`);
  return taskListLink(d.org.id, start.format('YYYY-MM-DD'), start.endOf('month').format('YYYY-MM-DD'), c ? { outcome: c } : {});
}

function Figures({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const link = (extra: Record<string, string> = {}) => taskListLink(d.org.id, d.from, d.to, extra);
  const cards: { key: string; title: string; value: string | number; to: string; tone?: 'bad' | 'good'; hint?: string; sub?: string }[] = [
    { key: 'total', title: t('insight.dashboard.total'), value: d.tasks.total, to: link() },
    {
      key: 'rate',
      title: t('insight.dashboard.onTimeRate'),
      value: pct(d.tasks.onTimeRate),
      to: link({ outcome: 'done_on_time' }),
      hint: t('insight.dashboard.onTimeHint'),
      tone: 'good',
    },
    { key: 'overdue', title: t('insight.dashboard.overdue'), value: d.tasks.overdue, to: link({ outcome: 'open_overdue' }), tone: 'bad' },
    {
      key: 'notUpdated',
      title: t('insight.dashboard.notUpdated'),
      value: d.tasks.notUpdated,
      to: link({ notUpdated: 'true' }),
      tone: 'bad',
    },
    {
      key: 'reminders',
      title: t('insight.dashboard.reminders'),
      value: d.tasks.reminders,
      to: link({ outcome: 'open_overdue' }),
      sub: t('insight.dashboard.remindedTasks', { count: d.tasks.remindedTasks }),
    },
    { key: 'escalated', title: t('insight.dashboard.escalated'), value: d.tasks.escalated, to: link({ escalated: 'true' }) },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col xs={12} md={8} xl={4} key={c.key}>
          <Link to={c.to} className="kc-kpi-link" data-testid={`kpi-${c.key}`}>
            <Card size="small" hoverable className={`kc-kpi ${c.tone ? `kc-kpi-${c.tone}` : ''}`}>
              <Statistic
                title={c.hint ? <Tooltip title={c.hint}>{c.title}</Tooltip> : c.title}
                value={c.value}
                valueStyle={{ color: c.tone === 'bad' && Number(c.value) > 0 ? '#cf1322' : undefined }}
              />
              {c.sub && <Typography.Text type="secondary">{c.sub}</Typography.Text>}
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function Outcomes({ d, onPick }: { d: Dashboard; onPick: (c: OutcomeClass) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (d.tasks.total === 0) return <Empty description={t('insight.dashboard.noTasks')} />;
  const option = {
    animation: false,
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['45%', '75%'],
        label: { show: false },
        data: OUTCOME_CLASSES.map((c) => ({
          name: OUTCOME_LABELS[c][lang],
          value: d.tasks.byOutcome[c],
          itemStyle: { color: OUTCOME_COLORS[c] },
          c,
        })),
      },
    ],
  };
  return (
    <Row gutter={8} align="middle">
      <Col xs={24} sm={12}>
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          style={{ height: 200 }}
          onEvents={{ click: (e: { data?: { c?: OutcomeClass } }) => e.data?.c && onPick(e.data.c) }}
        />
      </Col>
      <Col xs={24} sm={12}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {OUTCOME_CLASSES.map((c) => (
            <Link key={c} to={taskListLink(d.org.id, d.from, d.to, { outcome: c })} className="kc-outcome-row" data-testid={`outcome-${c}`}>
              <Tag color={OUTCOME_COLORS[c]} style={{ minWidth: 44, textAlign: 'center' }}>
                {d.tasks.byOutcome[c]}
              </Tag>
              <span>{OUTCOME_LABELS[c][lang]}</span>
            </Link>
          ))}
        </Space>
      </Col>
    </Row>
  );
}

function Trend({ d, isPhone, onPick }: { d: Dashboard; isPhone: boolean; onPick: (month: string, c: OutcomeClass | undefined) => void }) {
  const { t } = useTranslation();
  const months = d.trend.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`);
  const series: { key: OutcomeClass; name: string; data: number[] }[] = [
    { key: 'done_on_time', name: t('insight.dashboard.doneOnTime'), data: d.trend.map((m) => m.doneOnTime) },
    { key: 'done_late', name: t('insight.dashboard.doneLate'), data: d.trend.map((m) => m.doneLate) },
    { key: 'open_in_time', name: t('insight.dashboard.openInTime'), data: d.trend.map((m) => m.openInTime) },
    { key: 'open_overdue', name: t('insight.dashboard.openOverdue'), data: d.trend.map((m) => m.openOverdue) },
  ];
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 4, right: 4, top: 36, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { interval: isPhone ? 2 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      ...series.map((s) => ({ name: s.name, type: 'bar', stack: 'tasks', data: s.data, itemStyle: { color: OUTCOME_COLORS[s.key] } })),
      {
        name: t('insight.dashboard.rate'),
        type: 'line',
        yAxisIndex: 1,
        data: d.trend.map((m) => (m.onTimeRate === null ? null : Math.round(m.onTimeRate * 1000) / 10)),
        itemStyle: { color: '#262626' },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: 260 }}
      onEvents={{
        click: (e: { dataIndex: number; seriesIndex: number }) =>
          onPick(d.trend[e.dataIndex]!.month, e.seriesIndex < series.length ? series[e.seriesIndex]!.key : undefined),
      }}
    />
  );
}

function Units({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const num = (orgId: string, n: number, extra: Record<string, string> = {}) =>
    n > 0 ? <Link to={taskListLink(orgId, d.from, d.to, extra)}>{n}</Link> : <span className="kc-muted">0</span>;
  return (
    <Table
      size="small"
      rowKey="orgId"
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={d.units}
      locale={{ emptyText: t('insight.dashboard.noTasks') }}
      columns={[
        { title: '#', width: 40, render: (_v, _r, i) => i + 1 },
        {
          title: t('insight.dashboard.unit'),
          width: 220,
          render: (_v, u) =>
            u.own ? (
              <span>
                {u.orgName} <Typography.Text type="secondary">{t('insight.dashboard.own')}</Typography.Text>
              </span>
            ) : (
              <Link to={`/bang-dieu-hanh?orgId=${u.orgId}&from=${d.from}&to=${d.to}`}>{u.orgName}</Link>
            ),
        },
        { title: t('insight.dashboard.rate'), width: 90, align: 'right', render: (_v, u) => pct(u.onTimeRate) },
        { title: t('insight.dashboard.total'), width: 80, align: 'right', render: (_v, u) => num(u.orgId, u.total) },
        {
          title: t('insight.dashboard.doneLate'),
          width: 80,
          align: 'right',
          render: (_v, u) => num(u.orgId, u.doneLate, { outcome: 'done_late' }),
        },
        {
          title: t('insight.dashboard.openOverdue'),
          width: 80,
          align: 'right',
          render: (_v, u) => num(u.orgId, u.openOverdue, { outcome: 'open_overdue' }),
        },
        {
          title: t('insight.dashboard.notUpdated'),
          width: 100,
          align: 'right',
          render: (_v, u) => num(u.orgId, u.notUpdated, { notUpdated: 'true' }),
        },
        {
          title: t('insight.dashboard.signalCount'),
          width: 90,
          align: 'right',
          render: (_v, u) => (u.signals > 0 ? <Link to={`/to-chuc/${u.orgId}/tin-hieu?from=${d.from}&to=${d.to}`}>{u.signals}</Link> : 0),
        },
      ]}
    />
  );
}

function Signals({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Card title={t('insight.dashboard.signals')} size="small">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('insight.dashboard.signalsNote')}
      </Typography.Paragraph>
      {d.signals.length === 0 ? (
        <Typography.Text type="secondary">{t('insight.dashboard.noSignals')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {d.signals.map((s) => (
            <Link key={s.code} to={taskListLink(d.org.id, d.from, d.to, { signal: s.code })} className="kc-outcome-row">
              <Tag color="volcano" style={{ minWidth: 40, textAlign: 'center' }}>
                {s.tasks}
              </Tag>
              <span>{s.label}</span>
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}

function Cases({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Card title={t('insight.dashboard.cases')} size="small">
      {!d.cases ? (
        <Typography.Text type="secondary">{t('insight.dashboard.casesHidden')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Link to={`/vi-pham?orgId=${d.org.id}&from=${d.from}&to=${d.to}`}>
            {t('insight.dashboard.casesTotal', { count: d.cases.total })}
          </Link>
          {d.cases.byGroup.map((g) => (
            <Link key={g.code} to={`/vi-pham?orgId=${d.org.id}&group=${g.code}&from=${d.from}&to=${d.to}`} className="kc-outcome-row">
              <Tag color="red" style={{ minWidth: 40, textAlign: 'center' }}>
                {g.count}
              </Tag>
              <span>
                {g.code}. {g.title}
              </span>
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}

function Evaluations({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (!d.evaluations)
    return (
      <Card title={t('insight.dashboard.evaluations', { period: '' })} size="small">
        <Typography.Text type="secondary">{t('insight.dashboard.evaluationsHidden')}</Typography.Text>
      </Card>
    );
  const e = d.evaluations;
  return (
    <Card
      title={t('insight.dashboard.evaluations', { period: e.period })}
      size="small"
      extra={<Link to={`/danh-gia/don-vi?orgId=${d.org.id}&period=${e.period}`}>{t('insight.evaluations.unit')}</Link>}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {RATING_LEVELS.map((l) => (
          <div key={l} className="kc-outcome-row">
            <Tag
              color={l === 'khong_hoan_thanh' ? 'red' : l === 'xuat_sac' ? 'gold' : 'blue'}
              style={{ minWidth: 40, textAlign: 'center' }}
            >
              {e.byLevel[l]}
            </Tag>
            <span>{RATING_LEVEL_LABELS[l][lang]}</span>
          </div>
        ))}
        <Typography.Text type="secondary">
          {t('insight.dashboard.approved', { count: e.approved })} · {t('insight.dashboard.pending', { count: e.pending })}
        </Typography.Text>
        {e.approved + e.pending === 0 && <Alert type="info" showIcon title={t('insight.evaluations.empty')} />}
      </Space>
    </Card>
  );
}

function Dissemination({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const x = d.dissemination;
  return (
    <Card title={t('insight.dashboard.dissemination')} size="small">
      {!x ? (
        <Typography.Text type="secondary">{t('insight.dashboard.disseminationNone')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Statistic value={pct(x.rate)} suffix={<span className="kc-stat-suffix">{t('insight.dashboard.reached', x)}</span>} />
          {x.documents.map((doc) => (
            <Link key={doc.documentId} to={`/van-ban/${doc.documentId}`} className="kc-outcome-row">
              <Tag color={doc.rate === 1 ? 'green' : 'orange'} style={{ minWidth: 52, textAlign: 'center' }}>
                {pct(doc.rate)}
              </Tag>
              <span>
                {doc.number ?? doc.title} — {t('insight.dashboard.reached', doc)}
              </span>
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}
