/** My pledges and contributions across campaigns (/van-dong/cua-toi): receipts and confirmation. */
import { CheckCircleOutlined, FilePdfOutlined } from '@ant-design/icons';
import { ENTRY_KIND_LABELS, type z, type MyCampaignEntry } from '@kycuong/domain';
import { App, Button, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../components/forms';
import { receiptUrl, useConfirm, useMyEntries } from './api';
import { dmy, dong, useCampaignLabels } from './money';

type Mine = z.infer<typeof MyCampaignEntry>;

export default function MyContributionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useCampaignLabels();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [page, setPage] = useState(1);
  const mine = useMyEntries(page);
  const confirm = useConfirm();
  const columns: TableColumnsType<Mine> = [
    {
      title: t('campaigns.fields.title'),
      key: 'campaign',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/van-dong/${e.campaignId}`} className="kc-wrap">
            {e.campaignTitle}
          </Link>
          {/* On a phone the amount column is hidden: the amount goes under the title. */}
          <Typography.Text strong className="kc-show-phone" delete={!!e.reversedByEntryId}>
            {dong(e.amount)} đ
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dmy(e.date)} · {labels.method(e.method)}
            {e.collectedByName ? ` · ${t('campaigns.entry.collector')}: ${e.collectedByName}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('campaigns.entry.kind'),
      key: 'kind',
      responsive: ['md'],
      render: (_, e) => (
        <Space size={[0, 4]} wrap>
          <Tag color={e.kind === 'reversal' ? 'orange' : e.kind === 'pledge' ? 'blue' : 'green'}>{ENTRY_KIND_LABELS[e.kind][lang]}</Tag>
          {e.reversedByEntryId && <Tag color="red">{t('campaigns.entry.reversed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('campaigns.entry.amount'),
      dataIndex: 'amount',
      align: 'right',
      responsive: ['md'],
      render: (a: number, e) => (
        <Typography.Text strong delete={!!e.reversedByEntryId} style={{ whiteSpace: 'nowrap' }}>
          {dong(a)} đ
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space size={4} wrap>
          {e.kind === 'contribution' && (
            <Button size="small" icon={<FilePdfOutlined />} href={receiptUrl(e.campaignId, e.id)} target="_blank">
              {t('campaigns.actions.receipt')}
            </Button>
          )}
          {e.kind !== 'reversal' &&
            !e.reversedByEntryId &&
            (e.confirmedAt ? (
              <Tag icon={<CheckCircleOutlined />} color="success">
                {t('campaigns.entry.confirmed')}
              </Tag>
            ) : (
              <Button
                size="small"
                type="primary"
                loading={confirm.isPending}
                onClick={() =>
                  confirm.mutate(
                    { id: e.campaignId, entryId: e.id },
                    {
                      onSuccess: () => void message.success(t('campaigns.entry.confirmed')),
                      onError: (err) => void message.error(errorText(err)),
                    },
                  )
                }
              >
                {t('campaigns.actions.confirm')}
              </Button>
            ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('campaigns.mine.title')}
        extra={
          <Link to="/van-dong">
            <Button>{t('campaigns.title')}</Button>
          </Link>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('campaigns.mine.hint')}</Typography.Paragraph>
        <Table<Mine>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={mine.data?.items ?? []}
          loading={mine.isFetching}
          locale={{ emptyText: <Empty description={t('campaigns.mine.empty')} /> }}
          pagination={{ current: page, pageSize: 20, total: mine.data?.total ?? 0, onChange: setPage, size: 'small' }}
        />
      </Card>
    </>
  );
}
