/**
 * Campaigns (/van-dong): the campaigns the user organises, collects for or takes part in, with
 * filters kept in the URL; union officers create new ones here.
 */
import { PlusOutlined, WalletOutlined } from '@ant-design/icons';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, type Campaign, type CampaignKind, type CampaignStatus } from '@kycuong/domain';
import { Alert, Button, Card, Empty, Grid, Input, Progress, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useCurrentUser } from '../auth/api';
import { useCampaigns } from './api';
import { CampaignFormModal } from './CampaignForm';
import { STATUS_COLORS, dmy, dong, percent, useCampaignLabels } from './money';
import { useUrlFilters } from '../../components/useUrlFilters';

const isStatus = (v: string | null): v is CampaignStatus => !!v && (CAMPAIGN_STATUSES as readonly string[]).includes(v);
const isKind = (v: string | null): v is CampaignKind => !!v && (CAMPAIGN_KINDS as readonly string[]).includes(v);

export default function CampaignsPage() {
  const { t } = useTranslation();
  const labels = useCampaignLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const { params, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const [search, setSearch] = useState(q);
  const typed = useDebounced(search.trim(), 350);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (typed !== q) update({ q: typed });
  }, [typed]);

  const campaigns = useCampaigns({ q, status, kind, page, pageSize });

  const columns: TableColumnsType<Campaign> = [
    {
      title: t('campaigns.fields.title'),
      key: 'title',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/van-dong/${c.id}`} className="kc-wrap">
            {c.title}
          </Link>
          <Typography.Text type="secondary" className="kc-wrap" style={{ fontSize: 12 }}>
            {c.orgName} · {dmy(c.startDate)}
            {c.endDate ? ` – ${dmy(c.endDate)}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('campaigns.fields.status'),
      key: 'status',
      width: 150,
      render: (_, c) => <Tag color={STATUS_COLORS[c.status]}>{labels.status(c.status)}</Tag>,
    },
    {
      title: t('campaigns.stats.contributed'),
      key: 'contributed',
      align: 'right',
      responsive: ['md'],
      render: (_, c) =>
        c.kind === 'money' ? (
          <Typography.Text strong>{dong(c.contributed)} đ</Typography.Text>
        ) : (
          t('campaigns.stats.participants', { count: c.contributors })
        ),
    },
    {
      title: t('campaigns.stats.target'),
      key: 'progress',
      width: 180,
      responsive: ['lg'],
      render: (_, c) =>
        c.progress === null ? (
          '—'
        ) : (
          <Progress percent={Math.round(c.progress * 1000) / 10} size="small" format={() => percent(c.progress)} />
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        extra={
          <>
            <Button icon={<WalletOutlined />} onClick={() => void navigate('/van-dong/cua-toi')}>
              {t('campaigns.mine.title')}
            </Button>
            {can(me, 'campaign.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('campaigns.actions.new')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <div className="kc-filters">
          <Input.Search
            allowClear
            placeholder={t('campaigns.searchPlaceholder')}
            aria-label={t('campaigns.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ flexBasis: 280 }}
          />
          <Select<CampaignStatus>
            allowClear
            placeholder={t('campaigns.fields.status')}
            value={status}
            onChange={(v) => update({ status: v })}
            options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          />
          <Select<CampaignKind>
            allowClear
            placeholder={t('campaigns.fields.kind')}
            value={kind}
            onChange={(v) => update({ kind: v })}
            options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
          />
        </div>
        {campaigns.isError && <Alert type="error" showIcon title={campaigns.error.message} style={{ marginBottom: 16 }} />}
        <Table<Campaign>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={campaigns.data?.items ?? []}
          loading={campaigns.isFetching}
          scroll={isPhone ? undefined : { x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('campaigns.empty')} /> }}
          onRow={(c) => ({ onDoubleClick: () => void navigate(`/van-dong/${c.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: campaigns.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p) => update({ page: String(p) }, true),
            size: 'small',
          }}
        />
      </Card>
      <CampaignFormModal open={creating} onClose={() => setCreating(false)} onSaved={(id) => void navigate(`/van-dong/${id}`)} />
    </>
  );
}
