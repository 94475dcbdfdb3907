/**
 * One form per workflow action of a task. The task page offers only the actions the server lists
 * in `allowedActions`; the form checks what it can, sends the task's version, and shows the
 * server's refusals (400 under the field it names, 409 and others above the form) as the server
 * words them, in the user's language.
 */
import type { FileInfo, TaskAction, TaskDetail } from '@kycuong/domain';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../components/forms';
import { ApiError } from '../../api/client';
import { useTaskAction, type TaskRoute } from './api';
import { DeadlineInput, FilesInput, HolderPicker, deadlineRule, toDeadlineSpec, type DeadlineValue, type HolderValue } from './inputs';
import { dmy, useWorkLabels } from './labels';

/** The route of each action that has a form here ('edit' and 'comment' live elsewhere on the page). */
export const ACTION_ROUTES: Partial<Record<TaskAction, TaskRoute>> = {
  accept: 'accept',
  report_progress: 'progress',
  report_completion: 'complete',
  accept_completion: 'accept-completion',
  send_back: 'send-back',
  return: 'return',
  transfer: 'transfer',
  forward: 'forward',
  request_extension: 'extension-request',
  approve_extension: 'extension-approve',
  refuse_extension: 'extension-refuse',
  change_deadline: 'deadline',
  remind: 'remind',
  cancel: 'cancel',
};

const REASON_ACTIONS: readonly TaskAction[] = [
  'send_back',
  'return',
  'transfer',
  'refuse_extension',
  'change_deadline',
  'cancel',
  'request_extension',
];

interface Values {
  comment?: string;
  reason?: string;
  text?: string;
  percent?: number;
  files?: FileInfo[];
  qualityAccepted?: boolean;
  objectiveCause?: boolean;
  newDeadline?: Dayjs;
  message?: string;
  lead?: HolderValue | null;
  title?: string;
  description?: string;
  deadline?: DeadlineValue;
}

function bodyOf(action: TaskAction, v: Values, version: number): Record<string, unknown> {
  const fileIds = (v.files ?? []).map((f) => f.id);
  const lead = v.lead ? { orgId: v.lead.orgId, personId: v.lead.personId } : undefined;
  switch (action) {
    case 'accept':
      return { version, comment: v.comment || null };
    case 'report_progress':
      return { version, text: v.text, fileIds, ...(v.percent !== undefined && v.percent !== null ? { percent: v.percent } : {}) };
    case 'report_completion':
      return { version, text: v.text, fileIds };
    case 'accept_completion':
      return { version, qualityAccepted: v.qualityAccepted ?? true, comment: v.comment || null };
    case 'approve_extension':
      return { version, objectiveCause: v.objectiveCause ?? false, comment: v.comment || null };
    case 'request_extension':
      return { version, newDeadline: v.newDeadline?.format('YYYY-MM-DD'), reason: v.reason };
    case 'transfer': {
      const deadline = toDeadlineSpec(v.deadline);
      return { version, reason: v.reason, lead, ...(deadline !== undefined ? { deadline } : {}) };
    }
    case 'forward': {
      const deadline = toDeadlineSpec(v.deadline);
      return {
        version,
        lead,
        coordinators: [],
        ...(v.title ? { title: v.title } : {}),
        ...(v.description ? { description: v.description } : {}),
        ...(deadline !== undefined ? { deadline } : {}),
      };
    }
    case 'change_deadline':
      return { version, reason: v.reason, deadline: toDeadlineSpec(v.deadline) ?? null };
    case 'remind':
      return { version, message: v.message || null };
    case 'send_back':
    case 'return':
    case 'refuse_extension':
    case 'cancel':
      return { version, reason: v.reason };
    case 'edit':
    case 'comment':
      // Not offered in this modal (the page has its own forms for them).
      return { version };
  }
}

interface Props {
  task: TaskDetail;
  action: TaskAction | null;
  onClose: () => void;
}

export function ActionModal({ task, action, onClose }: Props) {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const [form] = Form.useForm<Values>();
  const mutation = useTaskAction(task.id);
  const [error, setError] = useState<string | null>(null);
  if (!action) return null;
  const route = ACTION_ROUTES[action]!;
  const isLead = task.sides.includes('lead');
  const isAssigner = task.sides.includes('assigner');
  const required = { required: true, message: t('common.required') };
  const reasonRule = { required: true, whitespace: true, min: 3, message: t('work.common.reasonHint') };

  const submit = async (values: Values) => {
    setError(null);
    try {
      await mutation.mutateAsync({ route, body: bodyOf(action, values, task.version) });
      form.resetFields();
      onClose();
    } catch (err) {
      const unmatched = applyFieldErrors(form, err);
      const allMapped = err instanceof ApiError && err.fields.length > 0 && unmatched.length === 0;
      if (!allMapped) setError(unmatched.length > 0 ? unmatched.join('; ') : errorText(err));
    }
  };

  return (
    <Modal
      open
      title={l.action(action)}
      okText={l.action(action)}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary" className="kc-wrap">
        {task.title}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />}
      <Form<Values>
        form={form}
        name={`task-${action}`}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          qualityAccepted: true,
          objectiveCause: false,
          percent: action === 'report_progress' && isLead ? task.progressPercent : undefined,
          deadline: { mode: action === 'change_deadline' ? 'date' : 'keep' },
          files: [],
        }}
      >
        {(action === 'accept' || action === 'accept_completion' || action === 'approve_extension') && (
          <>
            {action === 'accept_completion' && (
              <Form.Item name="qualityAccepted" valuePropName="checked">
                <Checkbox>{t('work.tasks.forms.qualityAccepted')}</Checkbox>
              </Form.Item>
            )}
            {action === 'approve_extension' && task.extensionRequest && (
              <Alert
                type="info"
                style={{ marginBottom: 16 }}
                title={t('work.tasks.detail.extensionPending', {
                  date: dmy(task.extensionRequest.newDeadline),
                  reason: task.extensionRequest.reason,
                })}
              />
            )}
            {action === 'approve_extension' && (
              <Form.Item name="objectiveCause" valuePropName="checked">
                <Checkbox>{t('work.tasks.forms.objectiveCause')}</Checkbox>
              </Form.Item>
            )}
            <Form.Item name="comment" label={t('work.common.comment')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {action === 'report_progress' && (
          <>
            <Form.Item name="percent" label={t('work.tasks.forms.percent')} rules={isLead ? [required] : []}>
              <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="text" label={t('work.tasks.forms.progressText')} rules={[{ ...required, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
          </>
        )}
        {action === 'report_completion' && (
          <Form.Item name="text" label={t('work.tasks.forms.completionText')} rules={[{ ...required, whitespace: true }]}>
            <Input.TextArea rows={4} maxLength={20000} />
          </Form.Item>
        )}
        {(action === 'report_progress' || action === 'report_completion') && (
          <Form.Item name="files" label={t('work.tasks.detail.evidence')}>
            <FilesInput />
          </Form.Item>
        )}
        {(action === 'transfer' || action === 'forward') && (
          <Form.Item name="lead" label={t('work.tasks.forms.newLead')} rules={[required]}>
            <HolderPicker taskId={task.id} purpose={action === 'forward' ? 'forward' : 'transfer'} />
          </Form.Item>
        )}
        {action === 'forward' && (
          <>
            <Form.Item name="title" label={t('work.tasks.forms.forwardTitle')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item name="description" label={t('work.tasks.fields.description')}>
              <Input.TextArea rows={3} maxLength={20000} />
            </Form.Item>
          </>
        )}
        {(action === 'forward' || (action === 'transfer' && isAssigner)) && (
          <Form.Item
            name="deadline"
            label={t('work.common.deadline')}
            extra={action === 'forward' ? t('work.tasks.forms.forwardDeadlineHint') : undefined}
            rules={[deadlineRule(t('common.required'))]}
          >
            <DeadlineInput modes={['keep', 'date', 'days']} />
          </Form.Item>
        )}
        {action === 'change_deadline' && (
          <Form.Item name="deadline" label={t('work.common.deadline')} rules={[deadlineRule(t('common.required'))]}>
            <DeadlineInput modes={['date', 'days', 'none']} />
          </Form.Item>
        )}
        {action === 'request_extension' && (
          <Form.Item name="newDeadline" label={t('work.tasks.forms.newDeadline')} rules={[required]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: 200 }} />
          </Form.Item>
        )}
        {action === 'remind' && (
          <Form.Item name="message" label={t('work.tasks.forms.message')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
        {REASON_ACTIONS.includes(action) && (
          <Form.Item name="reason" label={t('work.common.reason')} rules={[reasonRule]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
