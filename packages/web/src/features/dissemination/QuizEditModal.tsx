/**
 * Adding, changing or removing the quiz of a scheduled or past conference. Once someone has
 * attempted it the server keeps its questions (only the pass mark changes); the form says so and
 * shows the server's refusal under the field it names when the page was behind. Mounted only
 * while open, so each opening starts from the conference as it is then.
 */
import type { ConferenceDetail } from '@kycuong/domain';
import { Alert, Form, Modal, Switch } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useUpdateConference } from './api';
import { QuizFields, applyQuizErrors, quizInput, quizValues, type QuizValues } from './QuizFields';

interface Values extends QuizValues {
  withQuiz: boolean;
}

export function QuizEditModal({ c, onClose }: { c: ConferenceDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  // The version the form was filled from: a change saved meanwhile by someone else answers 409.
  const [version] = useState(c.version);
  const update = useUpdateConference(c.id);
  const withQuiz = Form.useWatch('withQuiz', form) ?? !!c.quiz;
  const locked = c.quizAttempted;

  const submit = async (v: Values) => {
    try {
      await update.mutateAsync({ version, quiz: v.withQuiz ? quizInput(v) : null });
      onClose();
    } catch (err) {
      applyQuizErrors(form, err, 'withQuiz');
    }
  };
  const err = update.error;
  const placed =
    err instanceof ApiError && err.fields.length > 0 && err.fields.every((f) => f.path === 'quiz' || f.path.startsWith('quiz.'));

  return (
    <Modal
      open
      title="Bài kiểm tra của hội nghị"
      okText="Lưu bài kiểm tra"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      width={720}
    >
      {locked && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="Đã có người làm bài kiểm tra: chỉ sửa được điểm đạt; câu hỏi, phương án và đáp án được giữ nguyên."
        />
      )}
      {err && !placed && <Alert type="error" showIcon message={err.message} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ withQuiz: !!c.quiz, ...quizValues(c) }}>
        <Form.Item name="withQuiz" label="Có bài kiểm tra cho người nghiên cứu bù" valuePropName="checked">
          <Switch disabled={locked} />
        </Form.Item>
        {withQuiz && <QuizFields locked={locked} />}
      </Form>
    </Modal>
  );
}
