/**
 * Intake of a case: the subject (a person — filed under one of their units — or an org), the
 * catalogue items it concerns, the source and dates. Opened from a task (`taskId`), it cites the
 * task and carries the task's shirking signals as evidence.
 */
import { CASE_SOURCES, SEVERITIES, type CaseSource, type Severity } from '@kycuong/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { reportError } from '../../components/forms';
import { useDebounced } from '../../components/useDebounced';
import { usePeople, usePerson } from '../people/api';
import { useCatalogues, useCreateCase } from './api';
import { useViolationLabels } from './labels';

interface Values {
  kind: 'person' | 'org';
  personId?: string;
  unitId?: string;
  orgId?: string;
  title: string;
  description?: string;
  source: CaseSource;
  sourceDetail?: string;
  receivedDate: Dayjs;
  violationDate?: Dayjs;
  severity?: Severity;
  catalogueId?: string;
  codes: string[];
  decisionMaker?: string;
  note?: string;
}

export function CaseCreateModal({
  taskId,
  onClose,
  onCreated,
}: {
  taskId?: string | undefined;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useViolationLabels();
  const [form] = Form.useForm<Values>();
  const create = useCreateCase();
  const catalogues = useCatalogues();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const personId = Form.useWatch('personId', form);
  const catalogueId = Form.useWatch('catalogueId', form);
  const [search, setSearch] = useState('');
  const typed = useDebounced(search.trim(), 300);
  const people = usePeople({ q: typed, pageSize: 20 }, kind === 'person');
  const person = usePerson(personId);
  const task = useQuery({
    queryKey: ['tasks', 'detail', taskId ?? ''],
    queryFn: async () => data(api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId! } } })),
    enabled: !!taskId,
    retry: false,
  });

  const catalogue = catalogues.data?.items.find((c) => c.id === catalogueId) ?? catalogues.data?.items[0];
  useEffect(() => {
    if (catalogue && !catalogueId) form.setFieldValue('catalogueId', catalogue.id);
  }, [catalogue?.id]);

  // Opened from a task: cite it, with its signals, against the person the signals point at.
  useEffect(() => {
    const tk = task.data;
    if (!tk) return;
    const target = tk.signals.find((s) => s.personId)?.personId ?? tk.lead.personId;
    form.setFieldsValue({
      source: 'shirking_signals',
      title: t('violations.create.fromTaskTitle', { title: tk.title }),
      ...(target ? { kind: 'person', personId: target } : {}),
    });
  }, [task.data]);

  const personOptions = useMemo(() => {
    const list = people.data?.items ?? [];
    const opts = list.map((p) => ({ value: p.id, label: `${p.fullName}${p.primaryOrgName ? ` — ${p.primaryOrgName}` : ''}` }));
    if (person.data && !opts.some((o) => o.value === person.data.id)) opts.unshift({ value: person.data.id, label: person.data.fullName });
    return opts;
  }, [people.data, person.data]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const created = await create.mutateAsync({
        subject:
          v.kind === 'person'
            ? { kind: 'person', personId: v.personId!, ...(v.unitId ? { orgId: v.unitId } : {}) }
            : { kind: 'org', orgId: v.orgId! },
        title: v.title,
        ...(v.description ? { description: v.description } : {}),
        source: v.source,
        ...(v.sourceDetail ? { sourceDetail: v.sourceDetail } : {}),
        receivedDate: v.receivedDate.format('YYYY-MM-DD'),
        ...(v.violationDate ? { violationDate: v.violationDate.format('YYYY-MM-DD') } : {}),
        ...(v.severity ? { severity: v.severity } : {}),
        items: v.codes.map((code) => ({ catalogueId: catalogue!.id, code })),
        ...(taskId ? { taskIds: [taskId], signalEvidence: task.data?.signals ?? [] } : {}),
        ...(v.decisionMaker ? { decisionMaker: v.decisionMaker } : {}),
        ...(v.note ? { note: v.note } : {}),
      });
      void message.success(t('violations.create.done'));
      onCreated(created.id);
    } catch (err) {
      reportError(form, err, (text) => void message.error(text));
    }
  };

  return (
    <Modal
      open
      title={t('violations.cases.new')}
      okText={t('violations.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      {taskId && task.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('violations.create.fromTask', { title: task.data.title, count: task.data.signals.length })}
          description={task.data.signalDisclaimer}
        />
      )}
      {!catalogue && catalogues.isSuccess && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('violations.create.noCatalogue')} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'person', source: 'inspection', receivedDate: dayjs(), codes: [] }}
        requiredMark="optional"
      >
        <Form.Item name="kind" label={t('violations.fields.subject')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: t('violations.subjectKinds.person') },
              { value: 'org', label: t('violations.subjectKinds.org') },
            ]}
          />
        </Form.Item>
        {kind === 'person' ? (
          <>
            <Form.Item name="personId" label={t('violations.fields.person')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
                placeholder={t('violations.create.searchPerson')}
                options={personOptions}
                loading={people.isFetching}
                onChange={() => form.setFieldValue('unitId', undefined)}
              />
            </Form.Item>
            {person.data && person.data.memberships.length > 1 && (
              <Form.Item name="unitId" label={t('violations.fields.unit')} extra={t('violations.create.unitHelp')}>
                <Select allowClear options={person.data.memberships.map((m) => ({ value: m.orgId, label: m.orgName }))} />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item name="orgId" label={t('violations.subjectKinds.org')} rules={[{ required: true, message: t('common.required') }]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('violations.fields.title')} rules={[{ required: true, min: 3, message: t('common.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        {catalogues.data && catalogues.data.items.length > 1 && (
          <Form.Item name="catalogueId" label={t('violations.catalogue.title')}>
            <Select
              options={catalogues.data.items.map((c) => ({ value: c.id, label: c.title }))}
              onChange={() => form.setFieldValue('codes', [])}
            />
          </Form.Item>
        )}
        <Form.Item
          name="codes"
          label={t('violations.fields.items')}
          rules={[{ required: true, type: 'array', min: 1, message: t('violations.create.itemsRequired') }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('violations.create.pickItems')}
            options={(catalogue?.groups ?? []).map((g) => ({
              label: `${g.code} — ${g.title}`,
              title: g.title,
              options: g.items.map((i) => ({ value: i.code, label: `${i.code} ${i.title}` })),
            }))}
          />
        </Form.Item>
        <div className="kc-form-row">
          <Form.Item name="source" label={t('violations.fields.source')} rules={[{ required: true }]}>
            <Select options={CASE_SOURCES.map((s) => ({ value: s, label: labels.source(s) }))} disabled={!!taskId} />
          </Form.Item>
          <Form.Item
            name="receivedDate"
            label={t('violations.fields.receivedDate')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="violationDate" label={t('violations.fields.violationDate')}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="severity" label={t('violations.create.estimatedSeverity')}>
            <Select allowClear options={SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) }))} />
          </Form.Item>
        </div>
        <Form.Item name="sourceDetail" label={t('violations.fields.sourceDetail')} extra={t('violations.create.sourceDetailHelp')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="description" label={t('violations.fields.description')}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <div className="kc-form-row">
          <Form.Item name="decisionMaker" label={t('violations.fields.decisionMaker')}>
            <Input maxLength={200} placeholder={t('violations.create.decisionMakerPlaceholder')} />
          </Form.Item>
          <Form.Item name="note" label={t('violations.fields.note')}>
            <Input maxLength={5000} />
          </Form.Item>
        </div>
        {taskId && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('violations.create.citesTask')}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
