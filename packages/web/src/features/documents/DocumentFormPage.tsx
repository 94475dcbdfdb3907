/**
 * Registering (/van-ban/moi) or editing (/van-ban/:id/sua) a directing document. The next official
 * number of the issuing unit for the chosen type is proposed as the user fills the form (Party
 * `24-CT/TU` or State `123/KH-UBND` style, by term or year); groups can be entered at creation.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  type DocumentDetail,
  type DocumentStatus,
  type DocumentType,
  type FileInfo,
} from '@kycuong/domain';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { applyFieldErrors, errorText } from '../../components/forms';
import { useDebounced } from '../../components/useDebounced';
import { FilesInput } from '../tasks/inputs';
import { useWorkLabels } from '../tasks/labels';
import { useCreateDocument, useDocument, useDocuments, useNextNumber, useUpdateDocument } from './api';

interface Values {
  type: DocumentType;
  issuingOrgId: string;
  number?: string;
  autoNumber: boolean;
  issuedOn?: Dayjs | null;
  title: string;
  summary?: string;
  signer?: string;
  status: DocumentStatus;
  implementsId?: string;
  files: FileInfo[];
  groups: { code: string; title: string }[];
}

function DocumentForm({ existing }: { existing?: DocumentDetail }) {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateDocument();
  const update = useUpdateDocument(existing?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [docSearch, setDocSearch] = useState('');
  const docQ = useDebounced(docSearch.trim(), 300);
  const docs = useDocuments({ q: docQ || undefined, page: 1, pageSize: 20 });
  const type = Form.useWatch('type', form);
  const orgId = Form.useWatch('issuingOrgId', form);
  const issuedOn = Form.useWatch('issuedOn', form);
  const autoNumber = Form.useWatch('autoNumber', form);
  const next = useNextNumber({ orgId, type, date: issuedOn ? issuedOn.format('YYYY-MM-DD') : undefined });

  const submit = async (v: Values) => {
    setError(null);
    const common = {
      title: v.title,
      summary: v.summary || null,
      signer: v.signer || null,
      issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
      implementsId: v.implementsId ?? null,
      fileIds: v.files.map((f) => f.id),
    };
    try {
      const saved = existing
        ? await update.mutateAsync({
            version: existing.version,
            ...common,
            type: v.type,
            number: v.number || null,
            status: v.status,
          })
        : await create.mutateAsync({
            ...common,
            type: v.type,
            issuingOrgId: v.issuingOrgId,
            status: v.status === 'issued' ? 'issued' : 'draft',
            autoNumber: v.autoNumber,
            number: v.autoNumber ? null : v.number || null,
            groups: v.groups.filter((g) => g.code && g.title),
          });
      void message.success(t('work.documents.saved'));
      void navigate(`/van-ban/${saved.id}`);
    } catch (err) {
      const unmatched = applyFieldErrors(form, err);
      const allMapped = err instanceof ApiError && err.fields.length > 0 && unmatched.length === 0;
      if (!allMapped) setError(unmatched.length > 0 ? unmatched.join('; ') : errorText(err));
    }
  };

  const docOptions = (docs.data?.items ?? [])
    .filter((d) => d.id !== existing?.id)
    .map((d) => ({ value: d.id, label: `${d.number ?? l.docType(d.type)} — ${d.title}` }));
  if (existing?.implements && !docOptions.some((o) => o.value === existing.implements!.id))
    docOptions.unshift({ value: existing.implements.id, label: `${existing.implements.number ?? ''} — ${existing.implements.title}` });

  return (
    <Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<Values>
        form={form}
        name="document"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          existing
            ? {
                type: existing.type,
                issuingOrgId: existing.issuingOrgId,
                number: existing.number ?? undefined,
                autoNumber: false,
                issuedOn: existing.issuedOn ? dayjs(existing.issuedOn) : null,
                title: existing.title,
                summary: existing.summary ?? undefined,
                signer: existing.signer ?? undefined,
                status: existing.status,
                implementsId: existing.implements?.id,
                files: existing.attachments,
                groups: [],
              }
            : { type: 'ke_hoach', autoNumber: false, status: 'draft', files: [], groups: [], issuedOn: dayjs() }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('work.documents.fields.type')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={DOCUMENT_TYPES.map((d) => ({ value: d, label: l.docType(d) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="issuingOrgId"
              label={t('work.documents.fields.issuingOrg')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <OrgTreeSelect disabled={!!existing} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="issuedOn" label={t('work.documents.fields.issuedOn')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="number"
              label={t('work.documents.fields.number')}
              extra={
                next.data && (
                  <Space wrap size={4} data-testid="number-proposal">
                    <Typography.Text type="secondary">
                      {t('work.documents.proposal', { number: next.data.number, period: next.data.periodLabel })}
                      {next.data.lastNumber ? `; ${t('work.documents.lastNumber', { number: next.data.lastNumber })}` : ''}
                    </Typography.Text>
                    {!autoNumber && (
                      <Button size="small" type="link" onClick={() => form.setFieldValue('number', next.data.number)}>
                        {t('work.documents.useProposal')}
                      </Button>
                    )}
                  </Space>
                )
              }
            >
              <Input maxLength={60} disabled={autoNumber} placeholder="31-KH/ĐU" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            {!existing && (
              <Form.Item name="autoNumber" valuePropName="checked" label=" ">
                <Checkbox>{t('work.documents.fields.autoNumber')}</Checkbox>
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('work.documents.fields.title')}
          rules={[{ required: true, whitespace: true, min: 3, message: t('common.required') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="summary" label={t('work.documents.fields.summary')}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="signer" label={t('work.documents.fields.signer')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('work.documents.fields.status')}>
              <Select
                options={DOCUMENT_STATUSES.filter((s) => existing || s !== 'superseded').map((s) => ({ value: s, label: l.docStatus(s) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="implementsId" label={t('work.documents.fields.implements')}>
              <Select
                allowClear
                showSearch={{ searchValue: docSearch, onSearch: setDocSearch, filterOption: false }}
                options={docOptions}
                loading={docs.isFetching}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="files" label={t('work.documents.fields.attachments')}>
          <FilesInput />
        </Form.Item>
        {!existing && (
          <Form.List name="groups">
            {(fields, { add, remove }) => (
              <Form.Item label={t('work.documents.groups')}>
                {fields.map((f) => (
                  <Space key={f.key} style={{ display: 'flex', flexWrap: 'wrap', marginBottom: 8 }} align="start">
                    <Form.Item name={[f.name, 'code']} noStyle rules={[{ required: true, message: t('common.required') }]}>
                      <Input placeholder={t('work.documents.groupCode')} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} noStyle rules={[{ required: true, message: t('common.required') }]}>
                      <Input placeholder={t('work.documents.groupTitle')} style={{ width: 420, maxWidth: '60vw' }} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: String(fields.length + 1), title: '' })}>
                  {t('work.documents.addGroup')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {t('common.save')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

export default function DocumentFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const doc = useDocument(id);
  if (id && doc.isPending) return <PageSpinner />;
  if (id && doc.isError) return <ErrorResult error={doc.error} onRetry={() => void doc.refetch()} />;
  return (
    <>
      <PageHeader title={id ? t('work.documents.edit') : t('work.documents.new')} />
      <DocumentForm key={doc.data?.id ?? 'new'} existing={id ? doc.data : undefined} />
    </>
  );
}
