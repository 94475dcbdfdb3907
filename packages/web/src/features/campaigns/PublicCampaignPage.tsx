/**
 * The public transparency page of a campaign (/cong-khai/van-dong/:id), without sign-in and
 * made for phones: the total in figures and words, progress, per-unit totals and participation,
 * handovers to the beneficiary, and the contributors' names only when the organiser allows it.
 */
import type { PublicCampaign } from '@kycuong/domain';
import { Alert, Card, Descriptions, Empty, Grid, Progress, Result, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePublicCampaign } from './api';
import { dmy, dong, percent, useCampaignLabels } from './money';
import './campaigns.css';

export default function PublicCampaignPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const campaign = usePublicCampaign(id);
  return (
    <div className="kc-public">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 8 }}>
        <Typography.Text strong style={{ color: '#a61d24', fontSize: 16 }}>
          {t('app.name')} · {t('campaigns.public.heading')}
        </Typography.Text>
        <LanguageSwitch signedIn={false} />
      </div>
      {campaign.isPending && (
        <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {campaign.isError &&
        (campaign.error instanceof ApiError && campaign.error.status === 404 ? (
          <Result status="404" title="404" subTitle={t('campaigns.public.notFound')} />
        ) : (
          <Alert type="error" showIcon title={campaign.error.message} />
        ))}
      {campaign.data && <PublicView c={campaign.data} />}
    </div>
  );
}

function PublicView({ c }: { c: PublicCampaign }) {
  const { t } = useTranslation();
  const labels = useCampaignLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  const money = c.kind === 'money';
  return (
    <>
      <div className="kc-public-hero">
        <div style={{ opacity: 0.85 }}>{c.orgName}</div>
        <h1 data-testid="public-title">{c.title}</h1>
        {money ? (
          <>
            <div style={{ opacity: 0.85 }}>{t('campaigns.public.received')}</div>
            <div className="kc-public-amount" data-testid="public-total">
              {dong(c.contributed)} đồng
            </div>
            <div style={{ opacity: 0.9, fontStyle: 'italic' }} className="kc-wrap" data-testid="public-words">
              {c.contributedInWords}
            </div>
          </>
        ) : (
          <div className="kc-public-amount">{t('campaigns.stats.participants', { count: c.contributors })}</div>
        )}
        <div style={{ marginTop: 8 }}>
          {t('campaigns.public.contributors', { count: c.contributors })} · {labels.status(c.status)}
        </div>
        {c.progress !== null && (
          <Progress
            percent={Math.round(c.progress * 1000) / 10}
            format={() => percent(c.progress)}
            strokeColor="#fff"
            railColor="rgba(255,255,255,0.3)"
            style={{ marginTop: 8 }}
            styles={{ indicator: { color: '#fff' } }}
          />
        )}
        {c.progress !== null && (
          <div style={{ opacity: 0.85, fontSize: 13 }}>
            {t('campaigns.stats.target')}: {money ? `${dong(c.targetAmount ?? 0)} đồng` : c.targetParticipants}
          </div>
        )}
      </div>

      <Card title={t('campaigns.public.about')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small" layout={isPhone ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label={t('campaigns.fields.purpose')}>
            <span className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
              {c.purpose}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.beneficiary')}>
            <span className="kc-wrap">{c.beneficiary}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.fields.period')}>
            {dmy(c.startDate)}
            {c.endDate ? ` – ${dmy(c.endDate)}` : ''}
          </Descriptions.Item>
          {c.bankAccount && (
            <Descriptions.Item label={t('campaigns.fields.bankAccount')}>
              <span className="kc-wrap">{c.bankAccount}</span>
            </Descriptions.Item>
          )}
          {c.collectionPoints && (
            <Descriptions.Item label={t('campaigns.fields.collectionPoints')}>
              <span className="kc-wrap">{c.collectionPoints}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title={t('campaigns.tabs.units')} size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="orgName"
          size="small"
          pagination={false}
          dataSource={c.byUnit}
          data-testid="public-units"
          locale={{ emptyText: <Empty description={t('common.none')} /> }}
          columns={[
            { title: t('campaigns.units.unit'), dataIndex: 'orgName', render: (v: string) => <span className="kc-wrap">{v}</span> },
            ...(money
              ? [
                  {
                    title: t('campaigns.units.contributed'),
                    dataIndex: 'contributed',
                    align: 'right' as const,
                    render: (v: number) => dong(v),
                  },
                ]
              : []),
            {
              title: t('campaigns.units.rate'),
              key: 'rate',
              align: 'right' as const,
              render: (_: unknown, u: PublicCampaign['byUnit'][number]) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {percent(u.participationRate)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    ({u.contributors}/{u.members})
                  </Typography.Text>
                </span>
              ),
            },
          ]}
        />
      </Card>

      {money && (
        <Card title={t('campaigns.tabs.handovers')} size="small" style={{ marginBottom: 16 }}>
          {c.handovers.length === 0 ? (
            <Typography.Text type="secondary">{t('campaigns.handover.none')}</Typography.Text>
          ) : (
            c.handovers.map((h, i) => (
              <Typography.Paragraph key={i} className="kc-wrap" style={{ marginBottom: 6 }}>
                {dmy(h.date)}: <strong>{dong(h.amount)} đồng</strong> — {h.recipient}
              </Typography.Paragraph>
            ))
          )}
        </Card>
      )}

      <Card title={t('campaigns.public.names')} size="small">
        {c.names === null ? (
          <Typography.Text type="secondary">{t('campaigns.public.namesHidden')}</Typography.Text>
        ) : (
          <Table
            rowKey={(r) => `${r.fullName}-${r.orgName}`}
            size="small"
            dataSource={c.names}
            pagination={{ pageSize: isPhone ? 20 : 50, size: 'small', hideOnSinglePage: true }}
            columns={[
              {
                title: t('campaigns.entry.person'),
                key: 'name',
                render: (_, r) => (
                  <span className="kc-wrap">
                    {r.fullName}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      · {r.orgName}
                    </Typography.Text>
                  </span>
                ),
              },
              ...(money
                ? [{ title: t('campaigns.entry.amount'), dataIndex: 'amount', align: 'right' as const, render: (v: number) => dong(v) }]
                : []),
            ]}
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
        {t('campaigns.public.updated', { date: dmy(c.updatedAt) })}
      </Typography.Paragraph>
    </>
  );
}
