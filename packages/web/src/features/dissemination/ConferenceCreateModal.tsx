/**
 * Scheduling a dissemination conference: the document, the organising unit and who is expected
 * (all Party members, all staff, everyone), when and where, and an optional short quiz for those
 * who catch up by reading.
 */
import { AUDIENCE_PRESETS, CONFERENCE_FORMATS, type ConferenceDetail, type ConferenceFormat, type PersonCategory } from '@kycuong/domain';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useDebounced } from '../../components/useDebounced';
import { useCreateConference, useDocumentOptions } from './api';
import { formatLabel } from './labels';
import { EMPTY_QUESTION, QuizFields, applyQuizErrors, quizInput, type QuizValues } from './QuizFields';

interface Values extends QuizValues {
  documentId: string;
  orgId: string;
  audience: string;
  title?: string;
  heldOn: Dayjs;
  startTime?: Dayjs | null;
  format: ConferenceFormat;
  place?: string;
  onlineLink?: string;
  chair?: string;
  catchUpWorkingDays: number;
  withQuiz: boolean;
}

export function ConferenceCreateModal({
  open,
  onClose,
  onCreated,
  documentId,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: ConferenceDetail) => void;
  documentId?: string | undefined;
}) {
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const docs = useDocumentOptions(useDebounced(search, 300));
  const create = useCreateConference();
  const format = Form.useWatch('format', form) ?? 'in_person';
  const withQuiz = Form.useWatch('withQuiz', form) ?? false;

  const submit = async (v: Values) => {
    const preset = AUDIENCE_PRESETS.find((p) => p.key === v.audience)!;
    try {
      const c = await create.mutateAsync({
        documentId: v.documentId,
        orgId: v.orgId,
        categories: [...preset.categories] as PersonCategory[],
        ...(v.title ? { title: v.title } : {}),
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        startTime: v.startTime ? v.startTime.format('HH:mm') : null,
        format: v.format,
        place: format === 'online' ? null : (v.place ?? null),
        onlineLink: format === 'in_person' ? null : (v.onlineLink ?? null),
        chair: v.chair ?? null,
        catchUpWorkingDays: v.catchUpWorkingDays,
        quiz: v.withQuiz ? quizInput(v) : null,
      });
      form.resetFields();
      onCreated(c);
    } catch (err) {
      // The quiz's fields sit at the top of the form; any other field error lands under its field.
      if (!applyQuizErrors(form, err, 'withQuiz') && err instanceof ApiError)
        form.setFields(
          err.fields
            .filter((f) => f.path !== 'quiz' && !f.path.startsWith('quiz.'))
            .map((f) => ({ name: f.path.split('.'), errors: [f.message] })) as Parameters<typeof form.setFields>[0],
        );
    }
  };

  return (
    <Modal
      open={open}
      title="Lên lịch hội nghị quán triệt"
      okText="Lên lịch"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      {create.error && !(create.error instanceof ApiError && create.error.fields.length) && (
        <Alert type="error" showIcon message={create.error.message} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          documentId,
          audience: 'party',
          format: 'in_person',
          catchUpWorkingDays: 5,
          withQuiz: false,
          passMark: 80,
          heldOn: dayjs(),
          questions: [EMPTY_QUESTION],
        }}
      >
        <Form.Item name="documentId" label="Văn bản quán triệt" rules={[{ required: true, message: 'Chọn văn bản' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="Tìm theo số hoặc trích yếu"
            loading={docs.isFetching}
            options={(docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.number ?? 'Chưa có số'} — ${d.title}` }))}
          />
        </Form.Item>
        <Form.Item name="orgId" label="Đơn vị tổ chức" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <OrgTreeSelect placeholder="Đảng ủy, chi bộ, cơ quan…" />
        </Form.Item>
        <Form.Item
          name="audience"
          label="Đối tượng phải quán triệt"
          extra="Danh sách dự kiến lấy từ thành viên của đơn vị và các đơn vị trực thuộc; sửa được sau khi tạo."
        >
          <Radio.Group options={AUDIENCE_PRESETS.map((p) => ({ value: p.key, label: p.vi }))} />
        </Form.Item>
        <Form.Item name="title" label="Tên hội nghị (để trống: tự đặt theo văn bản)">
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap size="middle">
          <Form.Item name="heldOn" label="Ngày họp" rules={[{ required: true, message: 'Chọn ngày' }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="startTime" label="Giờ bắt đầu">
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="catchUpWorkingDays" label="Hạn học bù (ngày làm việc)">
            <InputNumber min={1} max={60} />
          </Form.Item>
        </Space>
        <Form.Item name="format" label="Hình thức">
          <Radio.Group options={CONFERENCE_FORMATS.map((f) => ({ value: f, label: formatLabel(f) }))} />
        </Form.Item>
        {format !== 'online' && (
          <Form.Item name="place" label="Địa điểm" rules={[{ required: true, message: 'Cần nhập địa điểm' }]}>
            <Input maxLength={300} />
          </Form.Item>
        )}
        {format !== 'in_person' && (
          <Form.Item
            name="onlineLink"
            label="Đường dẫn họp trực tuyến"
            rules={[
              { required: true, message: 'Cần nhập đường dẫn' },
              { type: 'url', message: 'Đường dẫn chưa đúng' },
            ]}
          >
            <Input placeholder="https://…" maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="chair" label="Chủ trì">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="withQuiz" label="Bài kiểm tra cho người nghiên cứu bù" valuePropName="checked">
          <Switch />
        </Form.Item>
        {withQuiz && <QuizFields />}
      </Form>
    </Modal>
  );
}
