/**
 * Import wizard (/nhap-du-lieu): pick orgs or people, upload an XLSX or CSV file, read the
 * row-by-row report (nothing is written yet), then import everything (only when every row is
 * valid) or only the valid rows; the server writes them in one transaction.
 */
import { CheckCircleOutlined, CloseCircleOutlined, InboxOutlined } from '@ant-design/icons';
import {
  IMPORT_LIMITS,
  ORG_IMPORT_COLUMNS,
  PERSON_IMPORT_COLUMNS,
  type ImportCommitResult,
  type ImportKind,
  type ImportReport,
  type ImportRowReport,
} from '@kycuong/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Popconfirm,
  Radio,
  Result,
  Space,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../components/forms';
import { useCurrentUser } from '../auth/api';
import { useCommitImport, usePreviewImport } from './api';
import { ExportButtons } from './ExportButtons';

const COLUMNS: Record<ImportKind, Record<string, { vi: string; en: string; required?: boolean }>> = {
  orgs: ORG_IMPORT_COLUMNS,
  people: PERSON_IMPORT_COLUMNS,
};

export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [kind, setKind] = useState<ImportKind>('people');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const step = result ? 3 : report ? 2 : 1;

  const restart = () => {
    setFile(null);
    setReport(null);
    setResult(null);
    setOnlyErrors(false);
    preview.reset();
    commit.reset();
  };

  const check = (f: File) => {
    setFile(f);
    setReport(null);
    preview.mutate({ kind, file: f }, { onSuccess: setReport });
  };

  const doCommit = (onlyValid: boolean) => {
    if (!file) return;
    commit.mutate(
      { kind, file, onlyValid },
      {
        onSuccess: setResult,
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  const rowColumns: TableColumnsType<ImportRowReport> = [
    { title: t('imports.row'), dataIndex: 'rowNumber', key: 'row', width: 70 },
    {
      title: t('imports.status'),
      key: 'status',
      width: 120,
      render: (_, r) =>
        r.status === 'valid' ? (
          <Tag icon={<CheckCircleOutlined />} color="success">
            {t('imports.valid')}
          </Tag>
        ) : (
          <Tag icon={<CloseCircleOutlined />} color="error">
            {t('imports.invalid')}
          </Tag>
        ),
    },
    // A row with errors is not written, whatever it would have done.
    {
      title: t('imports.willDo'),
      key: 'action',
      width: 110,
      responsive: ['md'],
      render: (_, r) => (r.status === 'error' ? '—' : t(`imports.action.${r.action}`)),
    },
    // Fixed widths so long summaries and messages wrap instead of running off the table.
    {
      title: t('imports.data'),
      dataIndex: 'summary',
      key: 'summary',
      width: 360,
      render: (v: string) => <span className="kc-wrap">{v}</span>,
    },
    {
      title: t('imports.messages'),
      key: 'errors',
      width: 340,
      render: (_, r) =>
        r.errors.length === 0 ? null : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {r.errors.map((e, i) => (
              <li key={i} className="kc-wrap">
                <Typography.Text type="danger">
                  <strong>{e.column}</strong>: {e.message}
                </Typography.Text>
              </li>
            ))}
          </ul>
        ),
    },
  ];

  const columns = Object.values(COLUMNS[kind]);

  return (
    <>
      <PageHeader title={t('imports.title')} />
      <Card>
        <Steps
          current={step}
          status={step === 3 ? 'finish' : 'process'}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('imports.steps.kind') },
            { title: t('imports.steps.upload') },
            { title: t('imports.steps.review') },
            { title: t('imports.steps.done') },
          ]}
        />

        {step === 1 && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                restart();
              }}
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'people', label: t('imports.kind.people') },
                { value: 'orgs', label: t('imports.kind.orgs') },
              ]}
            />
            <div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('imports.kindHint')}{' '}
                {t('imports.limits', {
                  mb: IMPORT_LIMITS.maxFileBytes / 1024 / 1024,
                  rows: IMPORT_LIMITS.maxRows.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN'),
                })}
              </Typography.Paragraph>
              <Typography.Text strong>{t('imports.columns')}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <Space size={[4, 8]} wrap>
                  {columns.map((c) => (
                    <Tag key={c.vi} color={c.required ? 'red' : 'default'}>
                      {c[lang]}
                      {c.required ? ' *' : ''}
                    </Tag>
                  ))}
                </Space>
              </div>
              {can(me, 'data.export') && (
                <div style={{ marginTop: 12 }}>
                  <ExportButtons kind={kind} label={t('imports.template')} />
                </div>
              )}
            </div>
            <Upload.Dragger
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              multiple={false}
              showUploadList={false}
              disabled={preview.isPending}
              beforeUpload={(f) => {
                check(f);
                // The file is sent by the wizard itself, not by the Upload component.
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{preview.isPending ? t('imports.validating') : t('imports.upload')}</p>
              <p className="ant-upload-hint">{file ? file.name : t('imports.uploadHint')}</p>
            </Upload.Dragger>
            {preview.isError && <Alert type="error" showIcon title={errorText(preview.error)} />}
          </Space>
        )}

        {step === 2 && report && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Alert
              type={report.errorRows === 0 ? 'success' : report.validRows === 0 ? 'error' : 'warning'}
              showIcon
              title={`${file?.name ?? ''} — ${t('imports.summary', { total: report.totalRows, valid: report.validRows, invalid: report.errorRows })}`}
            />
            <Space wrap>
              <Switch checked={onlyErrors} onChange={setOnlyErrors} disabled={report.errorRows === 0} id="only-errors" />
              <label htmlFor="only-errors">{t('imports.onlyErrors')}</label>
            </Space>
            <Table<ImportRowReport>
              rowKey="rowNumber"
              size="small"
              columns={rowColumns}
              dataSource={onlyErrors ? report.rows.filter((r) => r.status === 'error') : report.rows}
              pagination={{ pageSize: 50, showSizeChanger: false, size: 'small' }}
              scroll={{ x: 'max-content' }}
              rowClassName={(r) => (r.status === 'error' ? 'kc-row-error' : '')}
            />
            {report.validRows === 0 && <Alert type="error" showIcon title={t('imports.nothingValid')} />}
            <Space wrap>
              <Button onClick={restart}>{t('common.back')}</Button>
              <Button
                type="primary"
                disabled={report.errorRows > 0 || report.validRows === 0}
                loading={commit.isPending}
                onClick={() => doCommit(false)}
              >
                {t('imports.importAll')}
              </Button>
              {report.errorRows > 0 && report.validRows > 0 && (
                <Popconfirm
                  title={t('imports.confirmValidOnly')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => doCommit(true)}
                >
                  <Button loading={commit.isPending}>{t('imports.importValid', { count: report.validRows })}</Button>
                </Popconfirm>
              )}
            </Space>
          </Space>
        )}

        {step === 3 && result && (
          <Result
            status="success"
            title={t('imports.done', { count: result.created + result.updated })}
            subTitle={t('imports.result', { created: result.created, updated: result.updated, skipped: result.skipped })}
            extra={
              <Button type="primary" onClick={restart}>
                {t('imports.again')}
              </Button>
            }
          />
        )}
      </Card>
    </>
  );
}
