/**
 * The quiz of a conference as form fields (pass mark, questions with 2–6 options and the right
 * one), shared by scheduling a conference and editing its quiz later. The enclosing form holds
 * `passMark` and `questions` at its top level.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConferenceDetail, QuizInput } from '@kycuong/domain';
import { Button, Card, Form, Input, InputNumber, Select, Typography, type FormInstance } from 'antd';
import { ApiError } from '../../api/client';

export interface QuizValues {
  passMark?: number;
  questions?: { text: string; options: string[]; correct: number }[];
}

export const EMPTY_QUESTION = { text: '', options: ['', ''], correct: 0 };

const letter = (k: number) => String.fromCharCode(65 + k);

/** The quiz of a conference as the form's values (the right answers come only to its managers). */
export function quizValues(c: ConferenceDetail): Required<QuizValues> {
  if (!c.quiz) return { passMark: 80, questions: [EMPTY_QUESTION] };
  return {
    passMark: c.quiz.passMark,
    questions: c.quiz.questions.map((q, i) => ({ text: q.text, options: [...q.options], correct: c.quizAnswers?.[i] ?? 0 })),
  };
}

/** The form's values as the API's quiz. */
export function quizInput(v: QuizValues): QuizInput | null {
  if (!v.questions?.length) return null;
  return { passMark: v.passMark ?? 80, questions: v.questions };
}

/**
 * Puts the server's field errors of a quiz under its fields: `quiz.questions.0.correct` lands on
 * the first question's answer, `quiz.questions` under the list, `quiz` on `wholeQuizField`.
 * Answers whether every error found a place.
 */
export function applyQuizErrors(form: FormInstance, err: unknown, wholeQuizField: string): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const quizFields = err.fields.filter((f) => f.path === 'quiz' || f.path.startsWith('quiz.'));
  form.setFields(
    quizFields.map((f) => ({
      name:
        f.path === 'quiz'
          ? [wholeQuizField]
          : f.path
              .replace(/^quiz\./, '')
              .split('.')
              .map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
      errors: [f.message],
    })) as Parameters<typeof form.setFields>[0],
  );
  return quizFields.length === err.fields.length;
}

/**
 * Pass mark and questions. `locked` (someone has attempted the quiz) leaves only the pass mark
 * editable, as the server does.
 */
export function QuizFields({ locked = false }: { locked?: boolean }) {
  const form = Form.useFormInstance<QuizValues>();
  // The right answer is chosen among the options the question has now.
  const questions = Form.useWatch('questions', form);
  return (
    <Card size="small">
      <Form.Item name="passMark" label="Điểm đạt (% số câu đúng)" rules={[{ required: true, message: 'Nhập điểm đạt' }]}>
        <InputNumber min={1} max={100} precision={0} />
      </Form.Item>
      <Form.List name="questions">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                className="kc-quiz-question"
                style={{ marginBottom: 8 }}
                title={`Câu ${i + 1}`}
                extra={
                  fields.length > 1 &&
                  !locked && (
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={`Xóa câu ${i + 1}`}
                    />
                  )
                }
              >
                <Form.Item name={[field.name, 'text']} rules={[{ required: true, message: 'Nhập câu hỏi' }]}>
                  <Input.TextArea autoSize placeholder="Câu hỏi" maxLength={500} disabled={locked} aria-label={`Câu hỏi ${i + 1}`} />
                </Form.Item>
                <Form.List name={[field.name, 'options']}>
                  {(opts, o) => (
                    <>
                      {opts.map((opt, j) => (
                        <div key={opt.key} style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
                          <Form.Item
                            name={[opt.name]}
                            rules={[{ required: true, message: 'Nhập phương án' }]}
                            style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                          >
                            <Input placeholder={`Phương án ${letter(j)}`} maxLength={300} disabled={locked} />
                          </Form.Item>
                          {opts.length > 2 && !locked && (
                            <Button
                              type="text"
                              size="small"
                              icon={<MinusCircleOutlined />}
                              onClick={() => o.remove(opt.name)}
                              aria-label={`Xóa phương án ${letter(j)} của câu ${i + 1}`}
                            />
                          )}
                        </div>
                      ))}
                      {opts.length < 6 && !locked && (
                        <Button type="dashed" size="small" onClick={() => o.add('')} icon={<PlusOutlined />}>
                          Thêm phương án
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
                <Form.Item name={[field.name, 'correct']} label="Đáp án đúng" style={{ marginTop: 8, marginBottom: 0 }}>
                  <Select
                    style={{ width: 160 }}
                    disabled={locked}
                    aria-label={`Đáp án đúng của câu ${i + 1}`}
                    options={Array.from({ length: questions?.[field.name]?.options.length ?? 2 }, (_, k) => ({
                      value: k,
                      label: `Phương án ${letter(k)}`,
                    }))}
                  />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            {fields.length < 20 && !locked && (
              <Button type="dashed" onClick={() => add(EMPTY_QUESTION)} icon={<PlusOutlined />} block>
                Thêm câu hỏi
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        Người vắng mặt đọc văn bản trên hệ thống và làm bài; đạt điểm thì được ghi nhận đã quán triệt.
      </Typography.Paragraph>
    </Card>
  );
}
