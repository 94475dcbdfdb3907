/**
 * One campaign (/van-dong/:id): description, totals (by unit with drill-down, by day, by
 * method), the ledger with reversals, receipts and confirmation, handovers with documents, and
 * the officer's actions (edit, open/close/settle, export, public page).
 */
import {
  CheckCircleOutlined,
  DownloadOutlined,
  EditOutlined,
  FilePdfOutlined,
  FormOutlined,
  GlobalOutlined,
  PaperClipOutlined,
  RollbackOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  ENTRY_KIND_LABELS,
  type CampaignDetail,
  type CampaignEntry,
  type CampaignStatus,
  type Handover,
  type UnitTotal,
} from '@kycuong/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { errorText, reportError } from '../../components/forms';
import { useCurrentUser } from '../auth/api';
import {
  exportUrl,
  handoverFileUrl,
  publicPath,
  receiptUrl,
  useAddHandover,
  useCampaign,
  useCampaignEntries,
  useConfirm,
  usePledge,
  useReverse,
  useTransition,
  useUploadHandoverFile,
} from './api';
import { CampaignFormModal } from './CampaignForm';
import { MoneyInput } from './MoneyInput';
import { STATUS_COLORS, dmy, dong, percent, useCampaignLabels, words } from './money';

const TRANSITION_KEY: Record<CampaignStatus, 'open' | 'close' | 'settle' | null> = {
  draft: null,
  open: 'open',
  closed: 'close',
  settled: 'settle',
};

export default function CampaignPage() {
  const { id } = useParams<{ id: string }>();
  const [params, setParams] = useSearchParams();
  const unitParentId = params.get('unit') ?? undefined;
  const campaign = useCampaign(id, unitParentId);
  if (campaign.isPending) return <PageSpinner />;
  if (campaign.isError) return <ErrorResult error={campaign.error} onRetry={() => void campaign.refetch()} />;
  return (
    <CampaignView
      c={campaign.data}
      onDrill={(unit) => {
        const next = new URLSearchParams(params);
        if (unit) next.set('unit', unit);
        else next.delete('unit');
        setParams(next, { replace: true });
      }}
    />
  );
}

function CampaignView({ c, onDrill }: { c: CampaignDetail; onDrill: (unit: string | undefined) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCampaignLabels();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [pledging, setPledging] = useState(false);
  const transition = useTransition();
  const money = c.kind === 'money';
  const next = c.nextStatuses[0];
  const nextKey = next ? TRANSITION_KEY[next] : null;

  const move = async () => {
    if (!next) return;
    try {
      await transition.mutateAsync({ id: c.id, status: next, version: c.version });
      void message.success(labels.status(next));
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <>
      <PageHeader
        title={
          <span data-testid="campaign-title">
            {c.title}{' '}
            <Tag color={STATUS_COLORS[c.status]} style={{ verticalAlign: 'middle' }}>
              {labels.status(c.status)}
            </Tag>
          </span>
        }
        extra={
          <>
            {c.canCollect && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => void navigate(`/van-dong/${c.id}/ghi-nhan`)}>
                {t('campaigns.actions.record')}
              </Button>
            )}
            {c.status === 'open' && money && (
              <Button icon={<CheckCircleOutlined />} onClick={() => setPledging(true)}>
                {t('campaigns.actions.pledge')}
              </Button>
            )}
            {c.canManage && nextKey && (
              <Popconfirm
                title={t(`campaigns.confirmTransition.${nextKey}`)}
                onConfirm={() => void move()}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button loading={transition.isPending}>{t(`campaigns.actions.${nextKey}`)}</Button>
              </Popconfirm>
            )}
            {c.canManage && (c.status === 'draft' || c.status === 'open') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {c.entryVisibility !== 'own' && (
              <Button icon={<DownloadOutlined />} href={exportUrl(c.id)} download>
                {t('campaigns.actions.export')}
              </Button>
            )}
            {c.status !== 'draft' && (
              <Link to={publicPath(c.id)} target="_blank">
                <Button icon={<GlobalOutlined />}>{t('campaigns.actions.publicPage')}</Button>
              </Link>
            )}
          </>
        }
      />
      <Stats c={c} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'units', label: t('campaigns.tabs.units'), children: <UnitsTab c={c} onDrill={onDrill} /> },
            ...(money
              ? [
                  { key: 'days', label: t('campaigns.tabs.days'), children: <DaysTab c={c} /> },
                  { key: 'methods', label: t('campaigns.tabs.methods'), children: <MethodsTab c={c} /> },
                ]
              : []),
            { key: 'ledger', label: t('campaigns.tabs.ledger'), children: <LedgerTab c={c} /> },
            ...(money ? [{ key: 'handovers', label: t('campaigns.tabs.handovers'), children: <HandoversTab c={c} /> }] : []),
            { key: 'about', label: t('campaigns.tabs.about'), children: <About c={c} /> },
          ]}
        />
      </Card>
      <CampaignFormModal open={editing} onClose={() => setEditing(false)} campaign={c} />
      <PledgeModal open={pledging} onClose={() => setPledging(false)} c={c} />
    </>
  );
}

function Stats({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const money = c.kind === 'money';
  const totals = c.totals;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12} xl={6}>
        <Card>
          {money ? (
            <>
              <Statistic
                title={t('campaigns.stats.contributed')}
                value={dong(totals.contributed)}
                suffix="đ"
                valueStyle={{ color: '#a61d24' }}
              />
              <Typography.Text type="secondary" className="kc-wrap" style={{ fontSize: 12 }} data-testid="contributed-words">
                {words(totals.contributed)}
              </Typography.Text>
            </>
          ) : (
            <Statistic title={t('campaigns.stats.participantsTitle')} value={totals.contributors} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card>
          <Statistic
            title={t('campaigns.stats.target')}
            value={money ? (c.targetAmount === null ? '—' : dong(c.targetAmount)) : (c.targetParticipants ?? '—')}
            suffix={money && c.targetAmount !== null ? 'đ' : undefined}
          />
          {c.progress !== null && <Progress percent={Math.round(c.progress * 1000) / 10} format={() => percent(c.progress)} />}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card>
          <Statistic title={t('campaigns.stats.participation')} value={percent(totals.participationRate)} />
          <Typography.Text type="secondary">
            {t('campaigns.stats.ofMembers', { count: totals.contributors, total: totals.members })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card>
          {money ? (
            <>
              <Statistic title={t('campaigns.stats.handedOver')} value={dong(totals.handedOver)} suffix="đ" />
              <Typography.Text type="secondary">{t('campaigns.stats.pledged', { amount: dong(totals.pledged) })}</Typography.Text>
            </>
          ) : (
            <Statistic title={t('campaigns.fields.period')} value={`${dmy(c.startDate)}${c.endDate ? ` – ${dmy(c.endDate)}` : ''}`} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function About({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const labels = useCampaignLabels();
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label={t('campaigns.fields.purpose')} span={2}>
        <span className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
          {c.purpose}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.fields.beneficiary')}>{c.beneficiary}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.fields.kind')}>{labels.kind(c.kind)}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.fields.org')}>{c.orgName}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.fields.participantOrg')}>{c.participantOrgName}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.fields.period')}>
        {dmy(c.startDate)}
        {c.endDate ? ` – ${dmy(c.endDate)}` : ''}
      </Descriptions.Item>
      {c.suggestedAmount !== null && (
        <Descriptions.Item label={t('campaigns.fields.suggestedAmount')}>{dong(c.suggestedAmount)} đ</Descriptions.Item>
      )}
      {c.bankAccount && (
        <Descriptions.Item label={t('campaigns.fields.bankAccount')} span={2}>
          <span className="kc-wrap">{c.bankAccount}</span>
        </Descriptions.Item>
      )}
      {c.collectionPoints && (
        <Descriptions.Item label={t('campaigns.fields.collectionPoints')} span={2}>
          <span className="kc-wrap">{c.collectionPoints}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('campaigns.fields.publicShowNames')}>
        {c.publicShowNames ? t('common.yes') : t('common.no')}
      </Descriptions.Item>
    </Descriptions>
  );
}

function UnitsTab({ c, onDrill }: { c: CampaignDetail; onDrill: (unit: string | undefined) => void }) {
  const { t } = useTranslation();
  const money = c.kind === 'money';
  const isPhone = Grid.useBreakpoint().md === false;
  const columns: TableColumnsType<UnitTotal> = [
    {
      title: t('campaigns.units.unit'),
      key: 'unit',
      render: (_, u) =>
        u.hasChildren ? (
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => onDrill(u.orgId)}
          >
            {u.orgName}
          </Button>
        ) : (
          <span className="kc-wrap">{u.direct ? t('campaigns.units.direct', { name: u.orgName }) : u.orgName}</span>
        ),
    },
    ...(money
      ? [
          {
            title: t('campaigns.units.contributed'),
            key: 'contributed',
            align: 'right' as const,
            render: (_: unknown, u: UnitTotal) => (
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {dong(u.contributed)}
              </Typography.Text>
            ),
          },
        ]
      : []),
    {
      title: t('campaigns.units.contributors'),
      key: 'contributors',
      align: 'right',
      responsive: ['md'],
      render: (_, u) => `${u.contributors}/${u.members}`,
    },
    {
      title: t('campaigns.units.rate'),
      key: 'rate',
      width: isPhone ? undefined : 200,
      render: (_, u) =>
        isPhone ? (
          // On a phone the count goes under the rate instead of in its own column.
          <div style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
            {percent(u.participationRate)}
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {u.contributors}/{u.members}
            </div>
          </div>
        ) : u.participationRate === null ? (
          '—'
        ) : (
          <Progress percent={Math.round(u.participationRate * 1000) / 10} size="small" format={() => percent(u.participationRate)} />
        ),
    },
  ];
  const drilled = c.totals.unitParentId !== c.participantOrgId;
  return (
    <>
      {drilled && (
        <Button type="link" onClick={() => onDrill(undefined)} style={{ paddingLeft: 0 }}>
          ← {c.participantOrgName}
        </Button>
      )}
      <Table<UnitTotal>
        rowKey={(u) => `${u.orgId}-${u.direct}`}
        size="small"
        columns={columns}
        dataSource={c.totals.byUnit}
        pagination={false}
        locale={{ emptyText: <Empty description={t('common.none')} /> }}
      />
    </>
  );
}

function Bar({ value, max }: { value: number; max: number }) {
  const width = max > 0 ? Math.max(0, Math.round((value / max) * 100)) : 0;
  return (
    <div
      style={{ height: 8, borderRadius: 4, background: value < 0 ? '#faad14' : '#a61d24', width: `${width}%`, minWidth: value ? 2 : 0 }}
    />
  );
}

function DaysTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const max = Math.max(0, ...c.totals.byDay.map((d) => Math.abs(d.amount)));
  return (
    <Table
      rowKey="date"
      size="small"
      pagination={false}
      dataSource={c.totals.byDay}
      locale={{ emptyText: <Empty description={t('common.none')} /> }}
      columns={[
        { title: t('campaigns.entry.date'), dataIndex: 'date', width: 120, render: (d: string) => dmy(d) },
        { title: t('campaigns.units.contributed'), dataIndex: 'amount', align: 'right', width: 140, render: (a: number) => dong(a) },
        { title: '', key: 'bar', render: (_, d) => <Bar value={Math.abs(d.amount)} max={max} /> },
      ]}
    />
  );
}

function MethodsTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const labels = useCampaignLabels();
  const max = Math.max(0, ...c.totals.byMethod.map((d) => d.amount));
  return (
    <Table
      rowKey="method"
      size="small"
      pagination={false}
      dataSource={c.totals.byMethod}
      locale={{ emptyText: <Empty description={t('common.none')} /> }}
      columns={[
        { title: t('campaigns.entry.method'), dataIndex: 'method', width: 160, render: (m: CampaignEntry['method']) => labels.method(m) },
        { title: t('campaigns.units.contributed'), dataIndex: 'amount', align: 'right', width: 140, render: (a: number) => dong(a) },
        { title: '', key: 'bar', render: (_, d) => <Bar value={d.amount} max={max} /> },
      ]}
    />
  );
}

function LedgerTab({ c }: { c: CampaignDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useCampaignLabels();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const entries = useCampaignEntries(c.id, { page, pageSize: 50 });
  const confirm = useConfirm();
  const [reversing, setReversing] = useState<CampaignEntry | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const mayReverse = (e: CampaignEntry) =>
    (c.canManage || c.entryVisibility === 'units') &&
    (c.status === 'open' || c.status === 'closed') &&
    e.kind !== 'reversal' &&
    !e.reversedByEntryId;

  const columns: TableColumnsType<CampaignEntry> = [
    { title: t('campaigns.entry.date'), dataIndex: 'date', width: 100, responsive: ['md'], render: (d: string) => dmy(d) },
    {
      title: t('campaigns.entry.person'),
      key: 'person',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span className="kc-wrap">{e.personName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} className="kc-wrap">
            {e.orgName}
            {isPhone ? ` · ${dmy(e.date)}` : ''}
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
          {e.confirmedAt && e.kind !== 'pledge' && <Tag icon={<CheckCircleOutlined />}>{t('campaigns.entry.confirmed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('campaigns.entry.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (a: number, e) => (
        <Typography.Text delete={!!e.reversedByEntryId} type={a < 0 ? 'warning' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {dong(a)}
        </Typography.Text>
      ),
    },
    {
      title: t('campaigns.entry.method'),
      key: 'method',
      responsive: ['lg'],
      render: (_, e) => (
        <span className="kc-wrap">
          {labels.method(e.method)}
          {e.reference ? ` · ${e.reference}` : ''}
          {e.reason ? ` · ${e.reason}` : ''}
        </span>
      ),
    },
    { title: t('campaigns.entry.collector'), dataIndex: 'collectedByName', responsive: ['xl'], render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space size={4} wrap>
          {e.kind === 'contribution' && (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              href={receiptUrl(c.id, e.id)}
              target="_blank"
              aria-label={t('campaigns.actions.receipt')}
            >
              {isPhone ? null : e.receiptNo}
            </Button>
          )}
          {e.personId === me.user.personId && !e.confirmedAt && e.kind !== 'reversal' && !e.reversedByEntryId && (
            <Button
              size="small"
              loading={confirm.isPending}
              onClick={() => confirm.mutate({ id: c.id, entryId: e.id }, { onError: (err) => void message.error(errorText(err)) })}
            >
              {t('campaigns.actions.confirm')}
            </Button>
          )}
          {mayReverse(e) && (
            <Button
              size="small"
              danger
              icon={<RollbackOutlined />}
              onClick={() => setReversing(e)}
              aria-label={t('campaigns.actions.reverse')}
            >
              {isPhone ? null : t('campaigns.actions.reverse')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      {c.entryVisibility !== 'all' && (
        <Alert type="info" showIcon title={t(`campaigns.ledger.${c.entryVisibility}`)} style={{ marginBottom: 12 }} />
      )}
      <Table<CampaignEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={entries.data?.items ?? []}
        loading={entries.isFetching}
        locale={{ emptyText: <Empty description={t('common.none')} /> }}
        pagination={{
          current: page,
          pageSize: 50,
          total: entries.data?.total ?? 0,
          onChange: setPage,
          size: 'small',
          showTotal: (n) => t('common.total', { count: n }),
        }}
      />
      <ReverseModal c={c} entry={reversing} onClose={() => setReversing(null)} />
    </>
  );
}

function ReverseModal({ c, entry, onClose }: { c: CampaignDetail; entry: CampaignEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reverse = useReverse();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={!!entry}
      title={t('campaigns.reverse.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('campaigns.actions.reverse')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={reverse.isPending}
      destroyOnHidden
    >
      {entry && (
        <Typography.Paragraph>
          {t('campaigns.reverse.what', { name: entry.personName, amount: dong(entry.amount), date: dmy(entry.date) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('campaigns.reverse.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          reverse.mutate(
            { id: c.id, entryId: entry!.id, reason: v.reason },
            {
              onSuccess: () => {
                void message.success(t('campaigns.reverse.done'));
                onClose();
              },
              onError: (err) => reportError(form, err, (text) => void message.error(text)),
            },
          )
        }
      >
        <Form.Item name="reason" label={t('campaigns.entry.reason')} rules={[{ required: true, min: 3, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PledgeModal({ c, open, onClose }: { c: CampaignDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pledge = usePledge();
  const [amount, setAmount] = useState<number | null>(c.suggestedAmount);
  return (
    <Modal
      open={open}
      title={t('campaigns.actions.pledge')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pledge.isPending}
      okButtonProps={{ disabled: !amount }}
      onOk={() =>
        pledge.mutate(
          { id: c.id, amount: amount! },
          {
            onSuccess: () => {
              void message.success(t('common.saved'));
              onClose();
            },
            onError: (err) => void message.error(errorText(err)),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('campaigns.pledge.hint')}</Typography.Paragraph>
      <MoneyInput value={amount} onChange={setAmount} aria-label={t('campaigns.entry.amount')} />
    </Modal>
  );
}

function HandoversTab({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddHandover();
  const upload = useUploadHandoverFile();
  const [form] = Form.useForm<{ amount: number | null; date: Dayjs; recipient: string; note: string }>();
  const mayAdd = c.canManage && (c.status === 'open' || c.status === 'closed');
  const remaining = c.totals.contributed - c.totals.handedOver;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {c.handovers.length === 0 && <Empty description={t('campaigns.handover.none')} />}
      {c.handovers.map((h: Handover) => (
        <Card key={h.id} size="small" title={`${dmy(h.date)} — ${dong(h.amount)} đ`}>
          <Typography.Paragraph className="kc-wrap" style={{ marginBottom: 4 }}>
            {t('campaigns.handover.recipient')}: <strong>{h.recipient}</strong>
          </Typography.Paragraph>
          {h.note && <Typography.Paragraph type="secondary">{h.note}</Typography.Paragraph>}
          <Space wrap>
            {h.files.map((f) => (
              <a key={f.id} href={handoverFileUrl(c.id, h.id, f.id)} download={f.name}>
                <PaperClipOutlined /> {f.name}
              </a>
            ))}
            {c.canManage && (
              <Upload
                showUploadList={false}
                accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"
                customRequest={({ file, onSuccess, onError }) =>
                  upload.mutate(
                    { id: c.id, handoverId: h.id, file: file as File },
                    {
                      onSuccess: () => {
                        void message.success(t('campaigns.handover.uploaded'));
                        onSuccess?.({});
                      },
                      onError: (err) => {
                        void message.error(errorText(err));
                        onError?.(err);
                      },
                    },
                  )
                }
              >
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                  {t('campaigns.actions.attach')}
                </Button>
              </Upload>
            )}
          </Space>
        </Card>
      ))}
      {mayAdd && (
        <Card size="small" title={t('campaigns.actions.addHandover')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ amount: remaining > 0 ? remaining : null, date: dayjs() }}
            onFinish={(v) =>
              add.mutate(
                { id: c.id, amount: v.amount ?? 0, date: v.date.format('YYYY-MM-DD'), recipient: v.recipient, note: v.note || null },
                {
                  onSuccess: () => {
                    void message.success(t('common.saved'));
                    form.resetFields();
                  },
                  onError: (err) => reportError(form, err, (text) => void message.error(text)),
                },
              )
            }
          >
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item
                name="amount"
                label={t('campaigns.handover.amount')}
                rules={[{ required: true, message: t('common.required') }]}
                style={{ flex: '1 1 220px' }}
              >
                <MoneyInput />
              </Form.Item>
              <Form.Item
                name="date"
                label={t('campaigns.handover.date')}
                rules={[{ required: true, message: t('common.required') }]}
                style={{ flex: '0 1 180px' }}
              >
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item
              name="recipient"
              label={t('campaigns.handover.recipient')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="note" label={t('campaigns.handover.note')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
