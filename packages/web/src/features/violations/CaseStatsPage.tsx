/**
 * Statistics of manifestations (/vi-pham/thong-ke): cases by catalogue group and unit (stacked
 * bars), by item, and by status, for a subtree and a period. ECharts is imported from its core
 * with only the parts used, so the chart adds little to the page (STACK.md).
 */
import { Alert, Card, DatePicker, Empty, Grid, Radio, Space, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { useCaseStats } from './api';
import { STATUS_COLORS, useViolationLabels } from './labels';
import './violations.css';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// One colour per catalogue group, in the app's palette (red first, as the directive's own colour).
const GROUP_COLORS = ['#a61d24', '#d48806', '#1677ff', '#389e0d', '#722ed1', '#08979c'];

export default function CaseStatsPage() {
  const { t } = useTranslation();
  const labels = useViolationLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const outcome = params.get('outcome') === 'violation' ? 'violation' : 'any';
  const stats = useCaseStats({ orgId, from, to, outcome });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const s = stats.data;
  const groups = s?.byGroup ?? [];
  const units = s?.byUnit ?? [];
  // Bars run horizontally so long Vietnamese unit names stay readable, even on a phone.
  const unitOption = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => u.orgName),
      axisLabel: { width: isPhone ? 110 : 260, overflow: 'truncate' },
    },
    series: groups.map((g, i) => ({
      name: `${g.code} — ${g.title}`,
      type: 'bar',
      stack: 'cases',
      color: GROUP_COLORS[i % GROUP_COLORS.length],
      data: units.map((u) => u.byGroup.find((x) => x.code === g.code)?.count ?? 0),
    })),
  };
  const items = [...(s?.byItem ?? [])].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const itemOption = {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: { dataIndex: number }[]) =>
        `${items[p[0]!.dataIndex]!.code}: ${items[p[0]!.dataIndex]!.title}<br/>${items[p[0]!.dataIndex]!.count}`,
    },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.code) },
    series: [
      {
        type: 'bar',
        data: items.map((i) => ({
          value: i.count,
          itemStyle: {
            color:
              GROUP_COLORS[
                Math.max(
                  0,
                  groups.findIndex((g) => g.code === i.groupCode),
                ) % GROUP_COLORS.length
              ],
          },
        })),
      },
    ],
  };

  return (
    <>
      <PageHeader title={t('violations.stats.title')} />
      <Card style={{ marginBottom: 16 }}>
        <div className="kc-filters" style={{ marginBottom: 0 }}>
          <OrgTreeSelect
            allowClear
            placeholder={t('violations.filters.org')}
            value={orgId ?? null}
            onChange={(v) => set({ orgId: v ?? undefined })}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            placeholder={[t('violations.filters.from'), t('violations.filters.to')]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
          />
          <Radio.Group
            optionType="button"
            value={outcome}
            onChange={(e) => set({ outcome: e.target.value === 'violation' ? 'violation' : undefined })}
            options={[
              { value: 'any', label: t('violations.stats.all') },
              { value: 'violation', label: t('violations.stats.established') },
            ]}
          />
        </div>
      </Card>
      {stats.isError && <ErrorResult error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.isPending && <Alert type="info" title={t('app.loading')} />}
      {s && (
        <>
          <div className="kc-stats-row">
            <Card size="small">
              <Statistic title={s.org ? t('violations.stats.totalIn', { org: s.org.name }) : t('violations.stats.total')} value={s.total} />
            </Card>
            {groups.map((g, i) => (
              <Card size="small" key={g.code}>
                <Statistic
                  title={
                    <span className="kc-wrap">
                      <Tag color={GROUP_COLORS[i % GROUP_COLORS.length]}>{g.code}</Tag>
                      {g.title}
                    </span>
                  }
                  value={g.count}
                />
              </Card>
            ))}
          </div>
          <Card size="small" title={t('violations.stats.byStatus')} style={{ marginBottom: 16 }}>
            <Space wrap>
              {s.byStatus.map((x) => (
                <Tag key={x.status} color={STATUS_COLORS[x.status]}>
                  {labels.status(x.status)}: {x.count}
                </Tag>
              ))}
              {s.byStatus.length === 0 && t('common.none')}
            </Space>
          </Card>
          <div className="kc-case-grid">
            <Card size="small" title={t('violations.stats.byUnit')}>
              {units.length === 0 ? (
                <Empty description={t('common.none')} />
              ) : (
                <ReactEChartsCore
                  echarts={echarts}
                  option={unitOption}
                  notMerge
                  style={{ height: Math.max(220, 60 + units.length * 34) }}
                  data-testid="chart-units"
                />
              )}
            </Card>
            <Card size="small" title={t('violations.stats.byItem')}>
              {items.length === 0 ? (
                <Empty description={t('common.none')} />
              ) : (
                <ReactEChartsCore
                  echarts={echarts}
                  option={itemOption}
                  notMerge
                  style={{ height: Math.max(220, 40 + items.length * 26) }}
                />
              )}
            </Card>
          </div>
        </>
      )}
    </>
  );
}
