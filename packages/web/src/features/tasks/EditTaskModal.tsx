/** The assigner edits a task's title, description, priority and weight (PATCH with its version). */
import { TASK_PRIORITIES, type TaskDetail, type TaskPriority } from '@kycuong/domain';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors, errorText } from '../../components/forms';
import { useUpdateTask } from './api';
import { useWorkLabels } from './labels';

interface Values {
  title: string;
  description?: string;
  priority: TaskPriority;
  weight: number;
}

export function EditTaskModal({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const [form] = Form.useForm<Values>();
  const update = useUpdateTask(task.id);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setError(null);
    try {
      await update.mutateAsync({
        version: task.version,
        title: v.title,
        description: v.description || null,
        priority: v.priority,
        weight: v.weight,
      });
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
      title={l.action('edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />}
      <Form<Values>
        form={form}
        name="task-edit"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ title: task.title, description: task.description ?? '', priority: task.priority, weight: task.weight }}
      >
        <Form.Item
          name="title"
          label={t('work.tasks.fields.title')}
          rules={[{ required: true, whitespace: true, min: 3, message: t('common.required') }]}
        >
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="description" label={t('work.tasks.fields.description')}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Form.Item name="priority" label={t('work.tasks.fields.priority')}>
          <Select options={TASK_PRIORITIES.map((p) => ({ value: p, label: l.priority(p) }))} />
        </Form.Item>
        <Form.Item name="weight" label={t('work.tasks.fields.weight')}>
          <InputNumber min={0.1} max={10} step={0.1} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
