/**
 * Directing documents (/van-ban): accent-insensitive search and filters by type, issuing unit and
 * status, all in the URL (type, issuingOrgId, status, q, page), paginated on the server.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, type DocumentStatus, type DocumentSummary, type DocumentType } from '@kycuong/domain';
import { Alert, Button, Card, Empty, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { apiUrl } from '../../api/client';
import { can } from '../../app/access';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useCurrentUser } from '../auth/api';
import { dmy, useWorkLabels } from '../tasks/labels';
import { useDocuments } from './api';
import { useUrlFilters } from '../../components/useUrlFilters';

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export const DOC_STATUS_COLORS: Record<DocumentStatus, string> = { draft: 'default', issued: 'green', superseded: 'orange' };

export default function DocumentsPage() {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const typed = useDebounced(search.trim(), 350);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const filters = {
    q: q || undefined,
    type: oneOf<DocumentType>(DOCUMENT_TYPES, params.get('type')),
    status: oneOf<DocumentStatus>(DOCUMENT_STATUSES, params.get('status')),
    issuingOrgId: params.get('issuingOrgId') || undefined,
    page,
    pageSize,
  };
  const docs = useDocuments(filters);

  useEffect(() => {
    if (typed !== q) update({ q: typed });
    // Only the debounced text drives the URL.
  }, [typed]);

  const columns: TableColumnsType<DocumentSummary> = [
    {
      title: t('work.documents.fields.number'),
      key: 'number',
      width: 150,
      responsive: ['md'],
      render: (_, d) => <Typography.Text strong>{d.number ?? '—'}</Typography.Text>,
    },
    {
      title: t('work.documents.fields.title'),
      key: 'title',
      render: (_, d) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/van-ban/${d.id}`} className="kc-wrap" data-testid="document-link">
            <span className="kc-show-phone">
              <Typography.Text strong>{d.number ?? ''} </Typography.Text>
            </span>
            {d.title}
          </Link>
          <Typography.Text type="secondary" className="kc-wrap" style={{ fontSize: 12 }}>
            {l.docType(d.type)} · {d.issuingOrgName}
            {d.implementsNumber ? ` · ${t('work.documents.fields.implements')} ${d.implementsNumber}` : ''}
          </Typography.Text>
          <span className="kc-show-phone">
            <Tag color={DOC_STATUS_COLORS[d.status]}>{l.docStatus(d.status)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dmy(d.issuedOn)}
            </Typography.Text>
          </span>
        </Space>
      ),
    },
    { title: t('work.documents.fields.issuedOn'), key: 'issuedOn', width: 120, responsive: ['md'], render: (_, d) => dmy(d.issuedOn) },
    {
      title: t('work.documents.fields.status'),
      key: 'status',
      width: 150,
      responsive: ['md'],
      render: (_, d) => <Tag color={DOC_STATUS_COLORS[d.status]}>{l.docStatus(d.status)}</Tag>,
    },
    { title: t('work.documents.fields.taskCount'), key: 'tasks', width: 110, responsive: ['lg'], render: (_, d) => d.taskCount },
  ];

  return (
    <>
      <PageHeader
        title={t('work.documents.title')}
        extra={
          <>
            <a
              href={apiUrl('/api/v1/documents/export', {
                q: filters.q,
                type: filters.type,
                status: filters.status,
                issuingOrgId: filters.issuingOrgId,
              })}
              download
            >
              <Button icon={<DownloadOutlined />}>{t('common.exportXlsx')}</Button>
            </a>
            {can(me, 'document.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/van-ban/moi')}>
                {t('work.documents.new')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <div className="kc-filters">
          <Input.Search
            allowClear
            placeholder={t('work.documents.searchPlaceholder')}
            aria-label={t('work.documents.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ flexBasis: 280 }}
          />
          <Select<DocumentType>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('work.documents.filters.type')}
            aria-label={t('work.documents.filters.type')}
            value={filters.type}
            onChange={(v) => update({ type: v })}
            options={DOCUMENT_TYPES.map((d) => ({ value: d, label: l.docType(d) }))}
          />
          <OrgTreeSelect
            placeholder={t('work.documents.filters.org')}
            value={filters.issuingOrgId ?? null}
            onChange={(v) => update({ issuingOrgId: v ?? undefined })}
          />
          <Select<DocumentStatus>
            allowClear
            placeholder={t('work.documents.filters.status')}
            aria-label={t('work.documents.filters.status')}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={DOCUMENT_STATUSES.map((s) => ({ value: s, label: l.docStatus(s) }))}
          />
        </div>
        {docs.isError && <Alert type="error" showIcon title={docs.error.message} style={{ marginBottom: 16 }} />}
        <Table<DocumentSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={docs.data?.items ?? []}
          loading={docs.isFetching}
          locale={{ emptyText: <Empty description={t('work.documents.empty')} /> }}
          onRow={(d) => ({ onDoubleClick: () => void navigate(`/van-ban/${d.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: docs.data?.total ?? 0,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (p) => update({ page: String(p) }, true),
            size: 'small',
          }}
        />
      </Card>
    </>
  );
}
