/**
 * Official reports (/bao-cao): choose the body, the report and the period; the draft comes from
 * live figures with editable sections (and the header: number, superior body, signer); "Tạo báo
 * cáo" renders DOCX (Party or State format), PDF and the XLSX annex as a background job whose
 * progress is shown, then offers the three downloads. Below: the reports already created.
 */
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import type { Report, ReportDraft, ReportKind, ReportSection } from '@kycuong/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../components/forms';
import { useIsPhone } from '../../components/useIsPhone';
import { useCreateReport, useReport, useReportDraft, useReports } from './api';

dayjs.extend(quarterOfYear);

type PeriodKind = 'quarter' | 'month' | 'year';

function periodKey(kind: PeriodKind, d: Dayjs): string {
  if (kind === 'quarter') return `${d.year()}-Q${d.quarter()}`;
  if (kind === 'month') return d.format('YYYY-MM');
  return String(d.year());
}

const fmt = (d: string) => dayjs(d).format('DD/MM/YYYY');
const FORMATS = ['docx', 'pdf', 'xlsx'] as const;

function Downloads({ report, size }: { report: Report; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      {FORMATS.map((f) => {
        const link = report.files[f];
        return link ? (
          <Button key={f} size={size} icon={<DownloadOutlined />} href={link.url} download={link.name} data-format={f}>
            {t('reports.download', { format: f.toUpperCase() })}
          </Button>
        ) : null;
      })}
    </Space>
  );
}

function StatusTag({ status }: { status: Report['status'] }) {
  const { t } = useTranslation();
  const color = { queued: 'default', running: 'processing', done: 'success', failed: 'error' }[status];
  return <Tag color={color}>{t(`reports.status.${status}`)}</Tag>;
}

export default function ReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const kind: ReportKind = params.get('kind') === 'task-followup' ? 'task-followup' : 'ct24';
  const [periodKind, setPeriodKind] = useState<PeriodKind>('quarter');
  const [periodDate, setPeriodDate] = useState<Dayjs>(dayjs());
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [sections, setSections] = useState<ReportSection[]>([]);
  const [numberSeq, setNumberSeq] = useState<number | null>(null);
  const [superior, setSuperior] = useState('');
  const [signerName, setSignerName] = useState('');
  const [signerPosition, setSignerPosition] = useState('');
  const [reportId, setReportId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const drafting = useReportDraft();
  const creating = useCreateReport();
  const current = useReport(reportId);
  const history = useReports(orgId, page);
  const period = periodKey(periodKind, periodDate);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setDraft(null);
    setReportId(null);
  };

  const makeDraft = () => {
    if (!orgId) return;
    setReportId(null);
    drafting.mutate(
      { kind, orgId, period },
      {
        onSuccess: (d) => {
          setDraft(d);
          setSections(d.sections);
          setSuperior(d.header.superior ?? '');
          setSignerName(d.signer.name ?? '');
          setSignerPosition(d.signer.position);
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  const create = () => {
    if (!orgId || !draft) return;
    creating.mutate(
      {
        kind,
        orgId,
        period,
        sections,
        numberSeq,
        superior: superior.trim() || null,
        signerName: signerName.trim() || null,
        ...(signerPosition.trim() ? { signerPosition: signerPosition.trim() } : {}),
      },
      {
        onSuccess: (r) => setReportId(r.id),
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  const report = current.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('reports.title')} />
      <Card size="small">
        <Space wrap style={{ width: '100%' }} align="center">
          <OrgTreeSelect
            value={orgId ?? null}
            onChange={(v) => set({ orgId: v ?? undefined })}
            placeholder={t('reports.org')}
            style={{ width: isPhone ? '100%' : 360 }}
            id="report-org"
          />
          <Segmented<ReportKind>
            value={kind}
            onChange={(k) => set({ kind: k === 'ct24' ? undefined : k })}
            options={[
              { value: 'ct24', label: t('reports.kindCt24') },
              { value: 'task-followup', label: t('reports.kindFollowup') },
            ]}
          />
          <Segmented<PeriodKind>
            value={periodKind}
            onChange={(k) => {
              setPeriodKind(k);
              setDraft(null);
            }}
            options={[
              { value: 'month', label: t('reports.month') },
              { value: 'quarter', label: t('reports.quarter') },
              { value: 'year', label: t('reports.year') },
            ]}
          />
          <DatePicker
            picker={periodKind}
            allowClear={false}
            value={periodDate}
            format={periodKind === 'quarter' ? '[Quý] Q/YYYY' : periodKind === 'month' ? 'MM/YYYY' : 'YYYY'}
            onChange={(v) => {
              if (v) setPeriodDate(v);
              setDraft(null);
            }}
            aria-label={t('reports.period')}
          />
          <Button type="primary" icon={<FileTextOutlined />} disabled={!orgId} loading={drafting.isPending} onClick={makeDraft}>
            {draft ? t('reports.redraft') : t('reports.draft')}
          </Button>
        </Space>
      </Card>

      {!orgId && <Empty description={t('reports.chooseOrg')} />}

      {draft && (
        <Card
          size="small"
          title={`${draft.docType} ${draft.subject}`}
          extra={
            <Tag color={draft.format === 'party' ? 'red' : 'blue'}>
              {draft.format === 'party' ? t('reports.formatParty') : t('reports.formatState')}
            </Tag>
          }
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Alert type="info" showIcon title={t('reports.draftHint')} description={t('reports.asOf', { date: fmt(draft.asOf) })} />
            <Form layout="vertical" component="div">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item label={t('reports.superior')} help={draft.header.superior ? undefined : t('reports.superiorHint')}>
                    <Input value={superior} onChange={(e) => setSuperior(e.target.value)} id="report-superior" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('reports.number')}>
                    <Space.Compact style={{ width: '100%' }}>
                      <InputNumber min={1} max={99999} value={numberSeq} onChange={(v) => setNumberSeq(v ?? null)} style={{ width: 120 }} />
                      <Input value={draft.header.numberLine.replace(/^Số:?\s*/, '').replace(/^\s*/, '')} disabled />
                    </Space.Compact>
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('reports.signerPosition')}>
                    <Input value={signerPosition} onChange={(e) => setSignerPosition(e.target.value)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('reports.signerName')}>
                    <Input value={signerName} onChange={(e) => setSignerName(e.target.value)} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Title level={5}>{t('reports.sections')}</Typography.Title>
              {sections.map((s, i) => (
                <Form.Item key={s.key} label={<strong>{s.heading}</strong>} htmlFor={`section-${s.key}`}>
                  <Input.TextArea
                    id={`section-${s.key}`}
                    autoSize={{ minRows: 2, maxRows: 12 }}
                    value={s.text}
                    onChange={(e) => setSections(sections.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
                  />
                </Form.Item>
              ))}
            </Form>
            <Typography.Title level={5}>{t('reports.tables')}</Typography.Title>
            {draft.tables.map((tb, i) => (
              <div key={tb.key}>
                <Typography.Text strong>{`Biểu ${i + 1}. ${tb.title}`}</Typography.Text>
                <Table
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  rowKey={(_, k) => String(k)}
                  locale={{ emptyText: t('reports.noRows') }}
                  dataSource={tb.rows.map((r) => Object.fromEntries(r.map((v, k) => [String(k), v])))}
                  columns={tb.columns.map((c, k) => ({
                    title: c,
                    dataIndex: String(k),
                    align: typeof tb.rows[0]?.[k] === 'number' ? ('right' as const) : ('left' as const),
                  }))}
                />
                {tb.note && <Typography.Text type="secondary">{tb.note}</Typography.Text>}
              </div>
            ))}
            <Space wrap align="center">
              <Button
                type="primary"
                size="large"
                onClick={create}
                loading={creating.isPending}
                disabled={!!report && report.status !== 'done' && report.status !== 'failed'}
              >
                {t('reports.create')}
              </Button>
              {report && (
                <Space wrap align="center" data-testid="report-progress">
                  <StatusTag status={report.status} />
                  {report.status !== 'done' && report.status !== 'failed' && (
                    <Progress percent={report.progress} size="small" style={{ width: 160 }} />
                  )}
                  {report.status === 'failed' && <Typography.Text type="danger">{report.error}</Typography.Text>}
                  {report.status === 'done' && <Downloads report={report} />}
                </Space>
              )}
              {current.error && <ErrorResult error={current.error} />}
            </Space>
          </Space>
        </Card>
      )}

      <Card size="small" title={t('reports.history')}>
        {history.error ? (
          <ErrorResult error={history.error} />
        ) : (
          <Table<Report>
            size="small"
            rowKey="id"
            loading={history.isLoading}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('reports.empty') }}
            dataSource={history.data?.items ?? []}
            pagination={{ current: page, pageSize: 10, total: history.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
            columns={[
              {
                title: t('reports.kind'),
                dataIndex: 'title',
                render: (v: string, r) => (
                  <span>
                    {v}
                    <br />
                    <Typography.Text type="secondary">{r.orgName}</Typography.Text>
                  </span>
                ),
              },
              { title: t('reports.created'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('DD/MM/YYYY HH:mm') },
              { title: t('reports.createdBy'), dataIndex: 'createdBy' },
              { title: t('reports.statusColumn'), dataIndex: 'status', render: (_: unknown, r) => <StatusTag status={r.status} /> },
              { title: t('reports.files'), key: 'files', render: (_: unknown, r) => <Downloads report={r} size="small" /> },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
