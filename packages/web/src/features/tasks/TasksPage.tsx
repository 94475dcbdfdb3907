/**
 * Task lists (/cong-viec): "Việc của tôi", "Việc tôi giao" and the tasks of a unit's subtree. The
 * query string mirrors the API's TaskListQuery (view, orgId, outcome, status, q, documentId,
 * groupId, deadlineFrom, deadlineTo, signal, notUpdated, escalated, sort, page) so any list is a
 * link; every filter runs on the server.
 */
import { DownloadOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  OUTCOME_CLASSES,
  SIGNAL_CODES,
  TASK_STATUSES,
  type OutcomeClass,
  type SignalCode,
  type TaskStatus,
  type TaskSummary,
} from '@kycuong/domain';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Input,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../app/access';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useIsPhone } from '../../components/useIsPhone';
import { apiUrl } from '../../api/client';
import { useCurrentUser } from '../auth/api';
import { useTasks, type TaskFilters, type TaskSort, type TaskView } from './api';
import { OutcomeTag, StatusTag, dmy, useWorkLabels } from './labels';
import './tasks.css';
import { useUrlFilters } from '../../components/useUrlFilters';

const VIEWS: readonly TaskView[] = ['mine', 'assigned', 'unit'];
const SORTS: readonly TaskSort[] = ['deadline', '-deadline', 'created', '-created', 'priority', '-updated'];
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const isDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** The deadline cell: due day, overdue days, pending extension and original deadline. */
export function DeadlineText({ t: task }: { t: TaskSummary }) {
  const { t } = useTranslation();
  if (!task.dueDate) return <Typography.Text type="secondary">{t('work.common.noDeadline')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {task.overdueDays > 0 ? (
        <Tooltip title={t('work.common.overdueDays', { count: task.overdueDays })}>
          <Typography.Text type="danger">
            <WarningOutlined /> {dmy(task.dueDate)}
          </Typography.Text>
        </Tooltip>
      ) : (
        <span>{dmy(task.dueDate)}</span>
      )}
      {task.delayCount > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('work.common.delays', { count: task.delayCount })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Flags of a task: not updated, escalated, pending extension, reminders, signals. */
export function TaskFlags({ t: task }: { t: TaskSummary }) {
  const { t } = useTranslation();
  const l = useWorkLabels();
  return (
    <>
      {task.notUpdated && <Tag color="magenta">{t('work.common.notUpdated')}</Tag>}
      {task.escalated && <Tag color="red">{t('work.common.escalated')}</Tag>}
      {task.pendingExtension && <Tag color="gold">{t('work.common.pendingExtension')}</Tag>}
      {task.reminderCount > 0 && <Tag>{t('work.common.reminders', { count: task.reminderCount })}</Tag>}
      {task.signalCodes.map((c) => (
        <Tag key={c} color="orange" icon={<WarningOutlined />}>
          {l.signal(c)}
        </Tag>
      ))}
    </>
  );
}

export default function TasksPage() {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const { params, update } = useUrlFilters();
  const get = (k: string) => params.get(k) || undefined;
  const view = oneOf(VIEWS, params.get('view')) ?? 'mine';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const typed = useDebounced(search.trim(), 350);

  const filters: TaskFilters = {
    view,
    orgId: view === 'unit' ? get('orgId') : undefined,
    outcome: oneOf<OutcomeClass>(OUTCOME_CLASSES, params.get('outcome')),
    status: oneOf<TaskStatus>(TASK_STATUSES, params.get('status')),
    q: q || undefined,
    documentId: get('documentId'),
    groupId: get('groupId'),
    leadPersonId: get('leadPersonId'),
    deadlineFrom: isDate(params.get('deadlineFrom')),
    deadlineTo: isDate(params.get('deadlineTo')),
    signal: oneOf<SignalCode>(SIGNAL_CODES, params.get('signal')),
    notUpdated: params.get('notUpdated') === 'true' ? 'true' : undefined,
    escalated: params.get('escalated') === 'true' ? 'true' : undefined,
    sort: oneOf(SORTS, params.get('sort')),
    page,
    pageSize,
  };
  const tasks = useTasks(filters);
  // Every filter but the paging (all of them are strings or unset).
  const exportQuery = Object.fromEntries(Object.entries(filters).filter(([k]) => k !== 'page' && k !== 'pageSize')) as Record<
    string,
    string | undefined
  >;

  useEffect(() => {
    if (typed !== q) update({ q: typed });
    // Only the debounced text drives the URL.
  }, [typed]);

  const columns: TableColumnsType<TaskSummary> = [
    {
      title: t('work.tasks.fields.title'),
      key: 'title',
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
          <Link to={`/cong-viec/${r.id}`} className="kc-wrap" data-testid="task-link">
            {r.title}
          </Link>
          <Typography.Text type="secondary" className="kc-wrap" style={{ fontSize: 12 }}>
            {[r.documentNumber, r.periodLabel].filter(Boolean).join(' · ')}
            {r.documentNumber || r.periodLabel ? ' · ' : ''}
            {t('work.tasks.fields.lead')}: {r.lead.personName ? `${r.lead.personName} (${r.lead.orgName})` : r.lead.orgName}
          </Typography.Text>
          <span className="kc-show-phone">
            <StatusTag status={r.status} />
            <OutcomeTag outcome={r.outcome} />
            <Typography.Text type={r.overdueDays > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {r.dueDate ? t('work.common.dueOn', { date: dmy(r.dueDate) }) : t('work.common.noDeadline')}
            </Typography.Text>
          </span>
          <span>
            <TaskFlags t={r} />
          </span>
        </Space>
      ),
    },
    {
      title: t('work.tasks.fields.status'),
      key: 'status',
      width: 190,
      responsive: ['md'],
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          <StatusTag status={r.status} />
          <OutcomeTag outcome={r.outcome} />
        </Space>
      ),
    },
    {
      title: t('work.tasks.fields.deadline'),
      key: 'deadline',
      width: 140,
      responsive: ['md'],
      render: (_, r) => <DeadlineText t={r} />,
    },
    {
      title: t('work.tasks.fields.progress'),
      key: 'progress',
      width: 130,
      responsive: ['lg'],
      render: (_, r) => <Progress percent={r.progressPercent} size="small" status={r.status === 'done' ? 'success' : 'normal'} />,
    },
    {
      title: t('work.tasks.fields.assigner'),
      key: 'assigner',
      width: 200,
      responsive: ['xl'],
      render: (_, r) => (
        <Typography.Text className="kc-wrap" style={{ fontSize: 13 }}>
          {r.assigner.personName ?? r.assigner.orgName}
        </Typography.Text>
      ),
    },
  ];

  const total = tasks.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('work.tasks.title')}
        extra={
          <>
            {/* The same filters, every page, as a spreadsheet (GET /tasks/export). */}
            <a href={apiUrl('/api/v1/tasks/export', exportQuery)} download>
              <Button icon={<DownloadOutlined />}>{t('common.exportXlsx')}</Button>
            </a>
            {can(me, 'task.assign') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cong-viec/moi')}>
                {t('work.tasks.new')}
              </Button>
            )}
          </>
        }
      />
      <Segmented<TaskView>
        className="kc-task-views"
        block={isPhone}
        value={view}
        onChange={(v) => update({ view: v, orgId: undefined })}
        options={VIEWS.map((v) => ({ value: v, label: t(`work.tasks.views.${v}`) }))}
        style={{ marginBottom: 12 }}
      />
      <Card>
        <div className="kc-filters">
          <Input.Search
            allowClear
            placeholder={t('work.tasks.searchPlaceholder')}
            aria-label={t('work.tasks.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ flexBasis: 280 }}
          />
          {view === 'unit' && (
            <OrgTreeSelect
              value={filters.orgId ?? null}
              onChange={(v) => update({ orgId: v ?? undefined })}
              placeholder={t('work.tasks.filters.org')}
            />
          )}
          <Select<TaskStatus>
            allowClear
            placeholder={t('work.tasks.filters.status')}
            aria-label={t('work.tasks.filters.status')}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={TASK_STATUSES.map((s) => ({ value: s, label: l.status(s) }))}
          />
          <Select<OutcomeClass>
            allowClear
            placeholder={t('work.tasks.filters.outcome')}
            aria-label={t('work.tasks.filters.outcome')}
            value={filters.outcome}
            onChange={(v) => update({ outcome: v })}
            options={OUTCOME_CLASSES.map((o) => ({ value: o, label: l.outcome(o) }))}
          />
          <Select<SignalCode>
            allowClear
            placeholder={t('work.tasks.filters.signal')}
            aria-label={t('work.tasks.filters.signal')}
            value={filters.signal}
            onChange={(v) => update({ signal: v })}
            options={SIGNAL_CODES.map((c) => ({ value: c, label: l.signal(c) }))}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            placeholder={[t('work.tasks.filters.from'), t('work.tasks.filters.to')]}
            value={[filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null, filters.deadlineTo ? dayjs(filters.deadlineTo) : null]}
            onChange={(r) => update({ deadlineFrom: r?.[0]?.format('YYYY-MM-DD'), deadlineTo: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
          />
          <Select<TaskSort>
            placeholder={t('work.tasks.filters.sort')}
            aria-label={t('work.tasks.filters.sort')}
            value={filters.sort ?? 'deadline'}
            onChange={(v) => update({ sort: v === 'deadline' ? undefined : v })}
            options={SORTS.map((s) => ({ value: s, label: t(`work.tasks.sorts.${s}`) }))}
          />
          <Space wrap style={{ flex: '0 0 auto', alignSelf: 'center' }}>
            <Checkbox
              checked={filters.notUpdated === 'true'}
              onChange={(e) => update({ notUpdated: e.target.checked ? 'true' : undefined })}
            >
              {t('work.tasks.filters.notUpdated')}
            </Checkbox>
            <Checkbox checked={filters.escalated === 'true'} onChange={(e) => update({ escalated: e.target.checked ? 'true' : undefined })}>
              {t('work.tasks.filters.escalated')}
            </Checkbox>
          </Space>
        </div>
        {(filters.documentId || filters.groupId || filters.leadPersonId) && (
          <Space style={{ marginBottom: 12 }} wrap>
            {filters.documentId && (
              <Link to={`/van-ban/${filters.documentId}`}>
                <Tag color="geekblue">{t('work.tasks.filters.document')}</Tag>
              </Link>
            )}
            <Button size="small" onClick={() => update({ documentId: undefined, groupId: undefined, leadPersonId: undefined })}>
              {t('work.tasks.filters.clearDocument')}
            </Button>
          </Space>
        )}
        {tasks.isError && <Alert type="error" showIcon title={tasks.error.message} style={{ marginBottom: 16 }} />}
        <Table<TaskSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tasks.data?.items ?? []}
          loading={tasks.isFetching}
          locale={{ emptyText: <Empty description={t('work.tasks.empty')} /> }}
          onRow={(r) => ({ onDoubleClick: () => void navigate(`/cong-viec/${r.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total,
            showSizeChanger: !isPhone,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => (tasks.data?.totalCapped ? t('common.total', { count: n }) + '+' : t('common.total', { count: n })),
            onChange: (p, size) => update({ page: String(p), pageSize: size === 20 ? undefined : String(size) }, size === pageSize),
            size: 'small',
          }}
        />
      </Card>
    </>
  );
}
