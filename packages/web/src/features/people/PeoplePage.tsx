/**
 * People directory (/can-bo): server-side search (accent-insensitive), filters by org subtree
 * and category, paginated; every filter lives in the URL so a link or a reload keeps it.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PERSON_CATEGORIES, type Person, type PersonCategory } from '@kycuong/domain';
import { Alert, Button, Card, Checkbox, Empty, Grid, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../app/access';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useLabels } from '../../components/labels';
import { useDebounced } from '../../components/useDebounced';
import { useCurrentUser } from '../auth/api';
import { ExportButtons } from '../imports/ExportButtons';
import { usePeople } from './api';
import { CreatePersonModal } from './PersonForms';
import { useUrlFilters } from '../../components/useUrlFilters';

const isCategory = (v: string | null): v is PersonCategory => !!v && (PERSON_CATEGORIES as readonly string[]).includes(v);

export default function PeoplePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const { params, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const orgId = params.get('orgId') ?? undefined;
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : undefined;
  const includeInactive = params.get('inactive') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const [search, setSearch] = useState(q);
  const typed = useDebounced(search.trim(), 350);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (typed !== q) update({ q: typed });
    // Only the debounced text drives the URL.
  }, [typed]);

  const people = usePeople({ q, orgId, category, includeInactive, page, pageSize });

  const columns: TableColumnsType<Person> = [
    {
      title: t('people.fields.fullName'),
      key: 'name',
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/can-bo/${p.id}`}>{p.fullName}</Link>
          {/* On a phone the other columns are hidden: their essentials go under the name. */}
          <Typography.Text type="secondary" className="kc-show-phone kc-wrap" style={{ fontSize: 12 }}>
            {[p.position, p.primaryOrgName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    // Long positions ("Bí thư Chi bộ…, Chánh Văn phòng Sở") are cut with a tooltip so the table fits.
    {
      title: t('people.fields.position'),
      dataIndex: 'position',
      key: 'position',
      responsive: ['md'],
      width: 260,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('people.fields.primaryOrg'),
      dataIndex: 'primaryOrgName',
      key: 'org',
      responsive: ['md'],
      width: 200,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('people.fields.categories'),
      key: 'categories',
      responsive: ['lg'],
      render: (_, p) => (
        <Space size={[0, 4]} wrap>
          {p.categories.map((c) => (
            <Tag key={c}>{labels.category(c)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('people.fields.account'),
      dataIndex: 'username',
      key: 'username',
      responsive: ['xl'],
      render: (v: string | null) =>
        v ? <Typography.Text code>{v}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('people.fields.active'),
      key: 'active',
      responsive: ['lg'],
      render: (_, p) => (p.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('people.title')}
        extra={
          <>
            {can(me, 'data.export') && <ExportButtons kind="people" orgId={orgId} />}
            {can(me, 'person.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('people.actions.add')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <div className="kc-filters">
          <Input.Search
            allowClear
            placeholder={t('people.searchPlaceholder')}
            aria-label={t('people.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ flexBasis: 280 }}
          />
          <OrgTreeSelect value={orgId ?? null} onChange={(v) => update({ orgId: v ?? undefined })} placeholder={t('people.filters.org')} />
          <Select<PersonCategory>
            allowClear
            placeholder={t('people.filters.category')}
            value={category}
            onChange={(v) => update({ category: v })}
            options={PERSON_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
          />
          <Checkbox
            checked={includeInactive}
            onChange={(e) => update({ inactive: e.target.checked ? '1' : undefined })}
            style={{ flex: '0 0 auto', alignSelf: 'center' }}
          >
            {t('common.inactive')}
          </Checkbox>
        </div>
        {people.isError && <Alert type="error" showIcon title={people.error.message} style={{ marginBottom: 16 }} />}
        <Table<Person>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={people.data?.items ?? []}
          loading={people.isFetching}
          // On a phone only the name column shows (it carries position and unit), so it wraps instead of scrolling.
          scroll={isPhone ? undefined : { x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('people.empty')} /> }}
          onRow={(p) => ({ onDoubleClick: () => void navigate(`/can-bo/${p.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: people.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p, size) => update({ page: String(p), pageSize: String(size) }, size === pageSize),
            size: 'small',
          }}
        />
      </Card>
      <CreatePersonModal
        open={creating}
        onClose={() => setCreating(false)}
        orgId={orgId}
        onCreated={(id) => void navigate(`/can-bo/${id}`)}
      />
    </>
  );
}
