/**
 * Violation cases (/vi-pham): the cases the user may read, with filters by unit subtree, catalogue
 * group and item, source, status and period kept in the URL; inspectors open new cases here
 * (also straight from a task's shirking signals: `?new=1&taskId=…`).
 */
import { BarChartOutlined, OrderedListOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { CASE_SOURCES, CASE_STATUSES, type CaseSource, type CaseStatus, type z, type CaseListItem } from '@kycuong/domain';
import { Alert, Button, Card, DatePicker, Empty, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../app/access';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ExportXlsxButton } from '../reports/ExportXlsxButton';
import { useCurrentUser } from '../auth/api';
import { useCases, useCatalogues } from './api';
import { CaseCreateModal } from './CaseCreateModal';
import { STATUS_COLORS, dmy, useViolationLabels } from './labels';
import './violations.css';
import { useUrlFilters } from '../../components/useUrlFilters';

type Row = z.infer<typeof CaseListItem>;

const isStatus = (v: string | null): v is CaseStatus => !!v && (CASE_STATUSES as readonly string[]).includes(v);
const isSource = (v: string | null): v is CaseSource => !!v && (CASE_SOURCES as readonly string[]).includes(v);

export default function CasesPage() {
  const { t } = useTranslation();
  const labels = useViolationLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  const get = (k: string) => params.get(k) ?? undefined;
  const status = isStatus(params.get('status')) ? (params.get('status') as CaseStatus) : undefined;
  const source = isSource(params.get('source')) ? (params.get('source') as CaseSource) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const filters = {
    orgId: get('orgId'),
    item: get('item'),
    group: get('group'),
    source,
    status,
    from: get('from'),
    to: get('to'),
    page,
    pageSize,
  };
  const cases = useCases(filters);
  const catalogues = useCatalogues(can(me, 'catalogue.read'));
  const creating = params.get('new') === '1';

  // Group and item codes of every catalogue (codes are stable across versions).
  const { groupOptions, itemOptions } = useMemo(() => {
    const groups = new Map<string, string>();
    const items = new Map<string, { title: string; group: string }>();
    for (const c of catalogues.data?.items ?? [])
      for (const g of c.groups) {
        groups.set(g.code, g.title);
        for (const i of g.items) items.set(i.code, { title: i.title, group: g.code });
      }
    return {
      groupOptions: [...groups].map(([code, title]) => ({ value: code, label: `${code} — ${title}` })),
      itemOptions: [...items]
        .filter(([, v]) => !filters.group || v.group === filters.group)
        .map(([code, v]) => ({ value: code, label: `${code} — ${v.title}` })),
    };
  }, [catalogues.data, filters.group]);

  const columns: TableColumnsType<Row> = [
    {
      title: t('violations.fields.title'),
      key: 'title',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/vi-pham/${c.id}`} className="kc-wrap">
            {c.title}
          </Link>
          <Typography.Text type="secondary" className="kc-wrap" style={{ fontSize: 12 }}>
            {c.subject.name}
            {c.subject.kind === 'person' ? ` · ${c.subject.orgName}` : ''} · {labels.source(c.source)}
          </Typography.Text>
          <span className="kc-show-phone">
            <Tag color={STATUS_COLORS[c.status]}>{labels.status(c.status)}</Tag>
            {c.items.map((i) => (
              <Tag key={i.code}>{i.code}</Tag>
            ))}
          </span>
        </Space>
      ),
    },
    {
      title: t('violations.fields.items'),
      key: 'items',
      responsive: ['md'],
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.items.map((i) => (
            <Tag key={i.code}>{i.code}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('violations.fields.status'),
      key: 'status',
      width: 170,
      responsive: ['md'],
      render: (_, c) => <Tag color={STATUS_COLORS[c.status]}>{labels.status(c.status)}</Tag>,
    },
    { title: t('violations.fields.receivedDate'), key: 'received', width: 120, responsive: ['lg'], render: (_, c) => dmy(c.receivedDate) },
    {
      title: t('violations.fields.dueDate'),
      key: 'due',
      width: 130,
      responsive: ['lg'],
      render: (_, c) => {
        if (!c.decisionDueDate) return '—';
        const late = c.decisionDueDate < dayjs().format('YYYY-MM-DD');
        return late ? (
          <Tooltip title={t('violations.warnings.overdue')}>
            <Typography.Text type="danger">
              <WarningOutlined /> {dmy(c.decisionDueDate)}
            </Typography.Text>
          </Tooltip>
        ) : (
          dmy(c.decisionDueDate)
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('violations.cases.title')}
        extra={
          <>
            {can(me, 'case.read') && (
              <ExportXlsxButton
                path="/api/v1/cases/export"
                query={{
                  orgId: filters.orgId,
                  item: filters.item,
                  group: filters.group,
                  source,
                  status,
                  from: filters.from,
                  to: filters.to,
                }}
              />
            )}
            {can(me, 'case.read') && (
              <Button icon={<BarChartOutlined />} onClick={() => void navigate('/vi-pham/thong-ke')}>
                {t('violations.stats.title')}
              </Button>
            )}
            {can(me, 'catalogue.read') && (
              <Button icon={<OrderedListOutlined />} onClick={() => void navigate('/vi-pham/danh-muc')}>
                {t('violations.catalogue.title')}
              </Button>
            )}
            {can(me, 'case.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => update({ new: '1' }, true)}>
                {t('violations.cases.new')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <div className="kc-filters">
          <OrgTreeSelect
            allowClear
            placeholder={t('violations.filters.org')}
            value={filters.orgId ?? null}
            onChange={(v) => update({ orgId: v ?? undefined })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('violations.filters.group')}
            value={filters.group}
            onChange={(v: string | undefined) => update({ group: v, item: undefined })}
            options={groupOptions}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('violations.filters.item')}
            value={filters.item}
            onChange={(v: string | undefined) => update({ item: v })}
            options={itemOptions}
          />
          <Select<CaseSource>
            allowClear
            placeholder={t('violations.fields.source')}
            value={source}
            onChange={(v) => update({ source: v })}
            options={CASE_SOURCES.map((s) => ({ value: s, label: labels.source(s) }))}
          />
          <Select<CaseStatus>
            allowClear
            placeholder={t('violations.fields.status')}
            value={status}
            onChange={(v) => update({ status: v })}
            options={CASE_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            placeholder={[t('violations.filters.from'), t('violations.filters.to')]}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
          />
        </div>
        {cases.isError && <Alert type="error" showIcon title={cases.error.message} style={{ marginBottom: 16 }} />}
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={cases.data?.items ?? []}
          loading={cases.isFetching}
          locale={{ emptyText: <Empty description={t('violations.cases.empty')} /> }}
          onRow={(c) => ({ onDoubleClick: () => void navigate(`/vi-pham/${c.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: cases.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p) => update({ page: String(p) }, true),
            size: 'small',
          }}
        />
      </Card>
      {creating && (
        <CaseCreateModal
          taskId={get('taskId')}
          onClose={() => update({ new: undefined, taskId: undefined }, true)}
          onCreated={(id) => void navigate(`/vi-pham/${id}`)}
        />
      )}
    </>
  );
}
