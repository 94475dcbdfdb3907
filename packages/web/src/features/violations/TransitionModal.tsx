/**
 * One workflow step of a case: its date, decision maker, documents and note, plus what the step
 * needs (the conclusion, the sanctions — offered only from the regime that applies to the subject
 * on the decision date —, the reason of an extension, the working days given to explain).
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DISCIPLINE_TRACKS,
  SEVERITIES,
  formsFor,
  personCategoryOnTrack,
  regimeFor,
  type CaseAction,
  type CaseDetail,
  type DisciplineTrack,
  type RegimeCategory,
  type SanctionForm,
  type Severity,
} from '@kycuong/domain';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../components/forms';
import { usePerson } from '../people/api';
import { useRegimes, useTransition } from './api';
import { useViolationLabels } from './labels';

interface DocValue {
  title: string;
  number?: string;
  date?: Dayjs;
}
interface SanctionValue {
  track: DisciplineTrack;
  form: SanctionForm;
  decisionNumber?: string;
  effectiveUntil?: Dayjs;
}
interface Values {
  date: Dayjs;
  decisionMaker?: string;
  note?: string;
  documents?: DocValue[];
  workingDays?: number;
  reason?: string;
  outcome?: 'violation' | 'no_violation';
  severity?: Severity;
  violationDate?: Dayjs;
  sanctions?: SanctionValue[];
}

const iso = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

export function TransitionModal({ c, action, onClose }: { c: CaseDetail; action: CaseAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useViolationLabels();
  const [form] = Form.useForm<Values>();
  const transition = useTransition(c.id);
  const regimes = useRegimes();
  const person = usePerson(action === 'decide_sanction' && c.subject.kind === 'person' ? (c.subject.personId ?? undefined) : undefined);
  const date = Form.useWatch('date', form) ?? dayjs();
  const outcome = Form.useWatch('outcome', form);

  // The subject's category on each track, and the forms its regime allows on the decision date.
  const categoryOn = (track: DisciplineTrack): RegimeCategory | undefined =>
    c.subject.kind === 'org' ? (track === 'party' ? 'party_org' : undefined) : personCategoryOnTrack(person.data?.categories ?? [], track);
  const formsOn = (track: DisciplineTrack) => {
    const category = categoryOn(track);
    const regime = category && regimes.data ? regimeFor(regimes.data.regimes, category, date.format('YYYY-MM-DD')) : undefined;
    const holdsPost = person.data?.memberships.some((m) => m.isHead || m.isDeputy) ?? false;
    return { category, regime, forms: regime ? formsFor(regime, c.subject.kind === 'org' || holdsPost) : [] };
  };
  const tracks = DISCIPLINE_TRACKS.filter((tr) => categoryOn(tr));

  const submit = async () => {
    const v = await form.validateFields();
    const common = {
      version: c.version,
      date: iso(v.date),
      ...(v.decisionMaker ? { decisionMaker: v.decisionMaker } : {}),
      ...(v.note ? { note: v.note } : {}),
      documents: (v.documents ?? []).map((d) => ({
        title: d.title,
        ...(d.number ? { number: d.number } : {}),
        ...(d.date ? { date: iso(d.date) } : {}),
      })),
    };
    const body =
      action === 'request_explanation'
        ? { action, ...common, workingDays: v.workingDays ?? 5 }
        : action === 'extend_deadline'
          ? { action, ...common, reason: v.reason ?? '' }
          : action === 'conclude'
            ? {
                action,
                ...common,
                outcome: v.outcome ?? 'violation',
                ...(v.severity ? { severity: v.severity } : {}),
                ...(v.violationDate ? { violationDate: iso(v.violationDate) } : {}),
              }
            : action === 'decide_sanction'
              ? {
                  action,
                  ...common,
                  sanctions: (v.sanctions ?? []).map((s) => ({
                    track: s.track,
                    form: s.form,
                    ...(s.decisionNumber ? { decisionNumber: s.decisionNumber } : {}),
                    ...(s.effectiveUntil ? { effectiveUntil: iso(s.effectiveUntil) } : {}),
                  })),
                }
              : { action, ...common };
    try {
      await transition.mutateAsync(body);
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      reportError(form, err, (text) => void message.error(text));
    }
  };

  return (
    <Modal
      open
      title={labels.action(action)}
      okText={labels.action(action)}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      width={680}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          date: dayjs(),
          workingDays: 5,
          outcome: 'violation',
          severity: c.severity ?? undefined,
          violationDate: c.violationDate ? dayjs(c.violationDate) : undefined,
          sanctions: tracks.length ? [{ track: tracks[0] }] : [{}],
        }}
      >
        <div className="kc-form-row">
          <Form.Item name="date" label={t('violations.fields.stepDate')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="decisionMaker" label={t('violations.fields.decisionMaker')}>
            <Input maxLength={200} placeholder={t('violations.create.decisionMakerPlaceholder')} />
          </Form.Item>
        </div>

        {action === 'request_explanation' && (
          <Form.Item name="workingDays" label={t('violations.transition.workingDays')} extra={t('violations.transition.workingDaysHelp')}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        )}
        {action === 'extend_deadline' && (
          <Form.Item
            name="reason"
            label={t('violations.transition.reason')}
            rules={[{ required: true, min: 5, message: t('common.required') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'conclude' && (
          <>
            <Form.Item name="outcome" label={t('violations.fields.outcome')}>
              <Radio.Group
                options={[
                  { value: 'violation', label: labels.outcome('violation') },
                  { value: 'no_violation', label: labels.outcome('no_violation') },
                ]}
              />
            </Form.Item>
            {outcome !== 'no_violation' && (
              <div className="kc-form-row">
                <Form.Item
                  name="severity"
                  label={t('violations.fields.severity')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select options={SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) }))} />
                </Form.Item>
                <Form.Item
                  name="violationDate"
                  label={t('violations.fields.violationDate')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </div>
            )}
          </>
        )}
        {action === 'decide_sanction' && (
          <>
            {tracks.length === 0 && (person.isSuccess || c.subject.kind === 'org') && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('violations.transition.noTrack')} />
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('violations.transition.sanctionHelp')}
            </Typography.Paragraph>
            <Form.List name="sanctions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <SanctionRow
                      key={field.key}
                      name={field.name}
                      onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                      formsOn={formsOn}
                      tracks={tracks}
                    />
                  ))}
                  {fields.length < tracks.length && (
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ track: tracks.find((tr) => tr !== form.getFieldValue(['sanctions', 0, 'track'])) })}
                    >
                      {t('violations.transition.addTrack')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </>
        )}

        <Form.List name="documents">
          {(fields, { add, remove }) => (
            <Form.Item label={t('violations.fields.documents')} style={{ marginTop: 12 }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true, min: 2, message: t('common.required') }]} noStyle>
                    <Input placeholder={t('violations.fields.documentTitle')} style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'number']} noStyle>
                    <Input placeholder={t('violations.fields.documentNumber')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} noStyle>
                    <DatePicker format="DD/MM/YYYY" placeholder={t('violations.fields.documentDate')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('violations.transition.addDocument')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="note" label={t('violations.fields.note')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SanctionRow({
  name,
  onRemove,
  formsOn,
  tracks,
}: {
  name: number;
  onRemove: (() => void) | undefined;
  formsOn: (track: DisciplineTrack) => {
    category: RegimeCategory | undefined;
    regime: { source: string } | undefined;
    forms: { form: SanctionForm }[];
  };
  tracks: DisciplineTrack[];
}) {
  const { t } = useTranslation();
  const labels = useViolationLabels();
  const form = Form.useFormInstance<Values>();
  const track = Form.useWatch(['sanctions', name, 'track'], form) as DisciplineTrack | undefined;
  const on = track ? formsOn(track) : undefined;
  return (
    <div className="kc-sanction-row">
      <div className="kc-form-row">
        <Form.Item name={[name, 'track']} label={t('violations.fields.track')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            options={tracks.map((tr) => ({ value: tr, label: labels.track(tr) }))}
            onChange={() => form.setFieldValue(['sanctions', name, 'form'], undefined)}
          />
        </Form.Item>
        <Form.Item
          name={[name, 'form']}
          label={t('violations.fields.form')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={on?.regime ? `${on.category ? labels.category(on.category) : ''} — ${on.regime.source}` : undefined}
        >
          <Select options={(on?.forms ?? []).map((f) => ({ value: f.form, label: labels.form(f.form) }))} />
        </Form.Item>
      </div>
      <div className="kc-form-row">
        <Form.Item name={[name, 'decisionNumber']} label={t('violations.fields.decisionNumber')}>
          <Input maxLength={60} placeholder="15-QĐ/ĐU" />
        </Form.Item>
        <Form.Item
          name={[name, 'effectiveUntil']}
          label={t('violations.fields.effectiveUntil')}
          extra={t('violations.transition.effectiveUntilHelp')}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </div>
      {onRemove && (
        <Button size="small" type="link" danger onClick={onRemove}>
          {t('common.remove')}
        </Button>
      )}
    </div>
  );
}
