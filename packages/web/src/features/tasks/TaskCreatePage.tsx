/**
 * Assigning a task (/cong-viec/moi?documentId=&groupId=): from a document and its task group, or
 * ad hoc / from a meeting; one lead unit (or a person of it), any coordinators, a deadline as a
 * date or "N ngày làm việc" with the computed day shown as it is typed, priority and weight.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { TASK_PRIORITIES, type TaskPriority } from '@kycuong/domain';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { applyFieldErrors, errorText } from '../../components/forms';
import { useDebounced } from '../../components/useDebounced';
import { ApiError } from '../../api/client';
import { useCurrentUser } from '../auth/api';
import { useDocument, useDocuments } from '../documents/api';
import { usePeople } from '../people/api';
import { useCreateTask } from './api';
import { DeadlineInput, deadlineRule, toDeadlineSpec, type DeadlineValue } from './inputs';
import { useWorkLabels } from './labels';

interface Values {
  title: string;
  description?: string;
  assignerOrgId: string;
  leadOrgId: string;
  leadPersonId?: string;
  coordinators?: { orgId: string; part?: string }[];
  deadline: DeadlineValue;
  priority: TaskPriority;
  weight: number;
  documentId?: string;
  groupId?: string;
  source: 'ad_hoc' | 'meeting';
}

function PersonSelect({ orgId, value, onChange, id }: { orgId?: string; value?: string; onChange?: (v?: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const people = usePeople({ orgId: orgId ?? '', direct: true, q, pageSize: 50 }, !!orgId);
  return (
    <Select
      id={id}
      allowClear
      disabled={!orgId}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      placeholder={t('work.tasks.create.leadPerson')}
      loading={people.isFetching}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.fullName}${p.position ? ` — ${p.position}` : ''}` }))}
    />
  );
}

export default function TaskCreatePage() {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const create = useCreateTask();
  const [error, setError] = useState<string | null>(null);
  const [docSearch, setDocSearch] = useState('');
  const docQ = useDebounced(docSearch.trim(), 300);
  const documentId = Form.useWatch('documentId', form) ?? undefined;
  const leadOrgId = Form.useWatch('leadOrgId', form) ?? undefined;
  const docs = useDocuments({ q: docQ || undefined, page: 1, pageSize: 20 });
  const doc = useDocument(documentId);
  // The unit the user assigns for by default: the first org a leader/monitor grant names.
  const defaultAssigner = me.grants.find((g) => (g.role === 'leader' || g.role === 'monitor') && g.orgId)?.orgId ?? undefined;

  const submit = async (v: Values) => {
    setError(null);
    try {
      const task = await create.mutateAsync({
        title: v.title,
        description: v.description || null,
        assignerOrgId: v.assignerOrgId,
        lead: { orgId: v.leadOrgId, personId: v.leadPersonId ?? null },
        coordinators: (v.coordinators ?? []).filter((c) => c.orgId).map((c) => ({ orgId: c.orgId, part: c.part || null })),
        deadline: toDeadlineSpec(v.deadline) ?? null,
        priority: v.priority,
        weight: v.weight,
        documentId: v.documentId ?? null,
        groupId: v.groupId ?? null,
        ...(v.documentId ? {} : { source: v.source }),
      });
      void message.success(t('work.tasks.create.created'));
      void navigate(`/cong-viec/${task.id}`);
    } catch (err) {
      // The API names lead.orgId / lead.personId; the form has flat fields for them.
      if (err instanceof ApiError)
        for (const f of err.fields) f.path = f.path.replace(/^lead\.orgId$/, 'leadOrgId').replace(/^lead\.personId$/, 'leadPersonId');
      const unmatched = applyFieldErrors(form, err);
      const allMapped = err instanceof ApiError && err.fields.length > 0 && unmatched.length === 0;
      if (!allMapped) setError(unmatched.length > 0 ? unmatched.join('; ') : errorText(err));
    }
  };

  const docOptions = (docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.number ?? l.docType(d.type)} — ${d.title}` }));
  if (doc.data && !docOptions.some((o) => o.value === doc.data.id))
    docOptions.unshift({ value: doc.data.id, label: `${doc.data.number ?? l.docType(doc.data.type)} — ${doc.data.title}` });

  return (
    <>
      <PageHeader title={t('work.tasks.create.title')} />
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form<Values>
          form={form}
          name="task-create"
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            assignerOrgId: defaultAssigner,
            documentId: params.get('documentId') ?? undefined,
            groupId: params.get('groupId') ?? undefined,
            deadline: { mode: 'days' },
            priority: 'normal',
            weight: 1,
            source: 'ad_hoc',
            coordinators: [],
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="documentId" label={t('work.tasks.create.fromDocument')}>
                <Select
                  allowClear
                  showSearch={{ searchValue: docSearch, onSearch: setDocSearch, filterOption: false }}
                  options={docOptions}
                  loading={docs.isFetching}
                  onChange={() => form.setFieldValue('groupId', undefined)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              {documentId ? (
                <Form.Item name="groupId" label={t('work.tasks.fields.group')}>
                  <Select
                    allowClear
                    options={(doc.data?.groups ?? []).map((g) => ({ value: g.id, label: `${g.code}. ${g.title}` }))}
                    loading={doc.isFetching}
                  />
                </Form.Item>
              ) : (
                <Form.Item name="source" label={t('work.tasks.create.source')}>
                  <Select
                    options={(['ad_hoc', 'meeting'] as const).map((s) => ({ value: s, label: t(`work.tasks.create.sources.${s}`) }))}
                  />
                </Form.Item>
              )}
            </Col>
          </Row>
          <Form.Item
            name="title"
            label={t('work.tasks.fields.title')}
            rules={[{ required: true, whitespace: true, min: 3, message: t('common.required') }]}
          >
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="description" label={t('work.tasks.fields.description')}>
            <Input.TextArea rows={3} maxLength={20000} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="assignerOrgId"
                label={t('work.tasks.create.assignerOrg')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <OrgTreeSelect allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="deadline" label={t('work.common.deadline')} rules={[deadlineRule(t('common.required'))]}>
                <DeadlineInput modes={['days', 'date', 'none']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="leadOrgId"
                label={t('work.tasks.create.leadOrg')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <OrgTreeSelect onChange={() => form.setFieldValue('leadPersonId', undefined)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="leadPersonId" label={t('work.tasks.create.leadPerson')}>
                <PersonSelect orgId={leadOrgId} />
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="coordinators">
            {(fields, { add, remove }) => (
              <Form.Item label={t('work.tasks.create.coordinators')}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex', flexWrap: 'wrap', marginBottom: 8 }}>
                    <Form.Item name={[f.name, 'orgId']} noStyle rules={[{ required: true, message: t('common.required') }]}>
                      <OrgTreeSelect style={{ width: 280 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'part']} noStyle>
                      <Input placeholder={t('work.tasks.create.part')} style={{ width: 260 }} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('work.tasks.create.addCoordinator')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="priority" label={t('work.tasks.fields.priority')}>
                <Select options={TASK_PRIORITIES.map((p) => ({ value: p, label: l.priority(p) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="weight" label={t('work.tasks.fields.weight')}>
                <InputNumber min={0.1} max={10} step={0.1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('work.tasks.create.title')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
