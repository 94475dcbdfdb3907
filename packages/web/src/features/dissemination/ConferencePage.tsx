/**
 * One dissemination conference (/quan-triet/:id): details, live attendance (refreshed every few
 * seconds while it is open), the signed QR code to project for self check-in, the secretary's
 * check-in list, minutes and files, and closing it (absentees then get their catch-up task).
 */
import { CheckOutlined, DeleteOutlined, EditOutlined, ExpandOutlined, QrcodeOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Attendee, ConferenceDetail } from '@kycuong/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Popconfirm,
  QRCode,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useIsPhone } from '../../components/useIsPhone';
import {
  useAddAttendee,
  useAttendees,
  useCheckIn,
  useCheckinToken,
  useCloseConference,
  useConference,
  usePeopleOptions,
  useRemoveAttendee,
  type AttendeeFilter,
} from './api';
import { ConferenceFilesCard } from './ConferenceFiles';
import './dissemination.css';
import { ackLabel, dmy, formatLabel, timeDmy } from './labels';
import { QuizEditModal } from './QuizEditModal';

const FILTERS: { value: AttendeeFilter; label: string }[] = [
  { value: 'all', label: 'Tất cả' },
  { value: 'attended', label: 'Có mặt' },
  { value: 'absent', label: 'Vắng' },
  { value: 'missing', label: 'Chưa quán triệt' },
];

export default function ConferencePage() {
  const { id = '' } = useParams();
  const conf = useConference(id, true);
  const c = conf.data;
  if (conf.error)
    return (
      <Result
        status="404"
        title="Không tìm thấy hội nghị"
        subTitle={conf.error.message}
        extra={<Link to="/quan-triet">Về danh sách</Link>}
      />
    );
  if (!c) return <Spin />;
  return <ConferenceView c={c} />;
}

function ConferenceView({ c }: { c: ConferenceDetail }) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const open = c.status === 'scheduled';
  const [projecting, setProjecting] = useState(false);
  const [editingQuiz, setEditingQuiz] = useState(false);
  const token = useCheckinToken(c.id, c.canManage && open);
  const close = useCloseConference(c.id);
  const qrUrl = token.data ? `${window.location.origin}${token.data.path}` : '';

  return (
    <div className="kc-dissemination">
      <PageHeader
        title={c.title}
        extra={
          <>
            {c.canManage && open && (
              <Button icon={<ExpandOutlined />} onClick={() => setProjecting(true)} disabled={!token.data}>
                Trình chiếu mã QR
              </Button>
            )}
            {c.canManage && open && (
              <Popconfirm
                title="Kết thúc hội nghị?"
                description="Người vắng mặt chưa quán triệt sẽ được giao nhiệm vụ học bù."
                okText="Kết thúc"
                cancelText="Hủy"
                onConfirm={async () => {
                  const r = await close.mutateAsync(c.version);
                  void message.success(`Đã kết thúc hội nghị; giao ${r.catchUpTasksCreated} nhiệm vụ học bù`);
                }}
              >
                <Button type="primary" danger loading={close.isPending}>
                  Kết thúc hội nghị
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      {close.error && <Alert type="error" showIcon message={close.error.message} style={{ marginBottom: 12 }} />}
      {c.me && !c.me.acknowledgedAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="Bạn có tên trong danh sách hội nghị này và chưa xác nhận quán triệt."
          action={<Link to="/quan-triet/cua-toi">Nghiên cứu văn bản</Link>}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={c.canManage && open ? 16 : 24}>
          <Card>
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title="Dự kiến" value={c.expected} />
              </Col>
              <Col span={8}>
                <Statistic title="Có mặt" value={c.attended} valueStyle={{ color: '#1677ff' }} />
              </Col>
              <Col span={8}>
                <Statistic
                  title="Đã quán triệt"
                  value={c.acknowledged}
                  suffix={`/ ${c.expected}`}
                  valueStyle={{ color: c.acknowledged === c.expected && c.expected > 0 ? '#389e0d' : undefined }}
                />
              </Col>
            </Row>
          </Card>
          <Card style={{ marginTop: 16 }}>
            <Descriptions column={phone ? 1 : 2} size="small">
              <Descriptions.Item label="Văn bản" span={phone ? 1 : 2}>
                <span className="kc-wrap">
                  <Link to={`/van-ban/${c.documentId}`} style={{ whiteSpace: 'nowrap' }}>
                    {c.documentNumber ?? 'Văn bản'}
                  </Link>{' '}
                  — {c.documentTitle}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="Đơn vị tổ chức">{c.orgName}</Descriptions.Item>
              <Descriptions.Item label="Thời gian">
                {c.startTime ? `${c.startTime} ` : ''}
                {dmy(c.heldOn)}
              </Descriptions.Item>
              <Descriptions.Item label="Hình thức">{formatLabel(c.format)}</Descriptions.Item>
              {c.place && <Descriptions.Item label="Địa điểm">{c.place}</Descriptions.Item>}
              {c.onlineLink && (
                <Descriptions.Item label="Họp trực tuyến">
                  <a href={c.onlineLink} target="_blank" rel="noreferrer" className="kc-wrap">
                    {c.onlineLink}
                  </a>
                </Descriptions.Item>
              )}
              {c.chair && <Descriptions.Item label="Chủ trì">{c.chair}</Descriptions.Item>}
              <Descriptions.Item label="Trạng thái">
                {open ? <Tag color="processing">Đang điểm danh</Tag> : <Tag>Đã kết thúc {c.closedAt ? timeDmy(c.closedAt) : ''}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="Học bù">
                trong {c.catchUpWorkingDays} ngày làm việc{c.catchUpTasks ? ` · ${c.catchUpTasks} nhiệm vụ đã giao` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="Bài kiểm tra">
                <Space wrap size={[8, 0]}>
                  <span>{c.quiz ? `${c.quiz.questions.length} câu, đạt từ ${c.quiz.passMark}%` : 'Không có'}</span>
                  {c.canManage && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditingQuiz(true)}>
                      {c.quiz ? 'Sửa bài kiểm tra' : 'Thêm bài kiểm tra'}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {c.canManage && open && (
          <Col xs={24} lg={8}>
            <Card
              title={
                <>
                  <QrcodeOutlined /> Quét để điểm danh
                </>
              }
            >
              <Space direction="vertical" align="center" style={{ width: '100%' }}>
                {token.data ? <QRCode value={qrUrl} size={200} /> : <Spin />}
                <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
                  Đảng viên mở camera điện thoại, quét mã, đăng nhập là được điểm danh. Mã đổi định kỳ; hết hạn{' '}
                  {token.data ? timeDmy(token.data.expiresAt) : ''}.
                </Typography.Text>
                {token.data && (
                  <Typography.Text copyable={{ text: qrUrl }} type="secondary">
                    Sao chép đường dẫn
                  </Typography.Text>
                )}
              </Space>
            </Card>
          </Col>
        )}
      </Row>
      <AttendeesCard c={c} />
      <ConferenceFilesCard c={c} />
      {c.canManage && editingQuiz && <QuizEditModal c={c} onClose={() => setEditingQuiz(false)} />}
      <Modal
        open={projecting}
        onCancel={() => setProjecting(false)}
        footer={null}
        width="100vw"
        style={{ top: 0, maxWidth: '100vw', padding: 0 }}
        title={c.title}
      >
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 16 }}>
          {token.data && <QRCode value={qrUrl} size={Math.min(window.innerHeight - 260, window.innerWidth - 80, 640)} />}
          <Typography.Title level={2} style={{ margin: 0 }}>
            Quét mã QR để điểm danh
          </Typography.Title>
          <Typography.Title level={3} style={{ margin: 0 }} type="secondary">
            Có mặt: {c.attended}/{c.expected}
          </Typography.Title>
        </div>
      </Modal>
    </div>
  );
}

function AttendeesCard({ c }: { c: ConferenceDetail }) {
  const phone = useIsPhone();
  const open = c.status === 'scheduled';
  const [status, setStatus] = useState<AttendeeFilter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const term = useDebounced(q, 300);
  // Attendee names are for readers of the organising unit; someone only expected there gets 404: no card.
  const list = useAttendees(c.id, { status, q: term || undefined, page, pageSize: 50 }, open);
  const checkIn = useCheckIn(c.id);
  const remove = useRemoveAttendee(c.id);
  const add = useAddAttendee(c.id);
  const [personQ, setPersonQ] = useState('');
  const people = usePeopleOptions(useDebounced(personQ, 300));
  if (list.error) return null;

  const columns: TableColumnsType<Attendee> = [
    {
      title: 'Họ và tên',
      key: 'name',
      render: (_, a) => (
        <div className="kc-wrap">
          <Typography.Text strong>{a.fullName}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{a.orgName}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: 'Điểm danh',
      key: 'attended',
      width: phone ? 120 : 200,
      render: (_, a) =>
        a.attendedAt ? (
          <Tag color="blue">
            {a.checkinMethod === 'qr' ? 'Quét QR' : 'Thư ký'} {timeDmy(a.attendedAt).slice(0, 5)}
          </Tag>
        ) : c.canManage && open ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={checkIn.isPending && checkIn.variables === a.personId}
            onClick={() => checkIn.mutate(a.personId)}
            aria-label={`Điểm danh ${a.fullName}`}
          >
            Có mặt
          </Button>
        ) : (
          <Tag>Vắng</Tag>
        ),
    },
    {
      title: 'Quán triệt',
      key: 'ack',
      width: phone ? 110 : 220,
      render: (_, a) =>
        a.acknowledgedAt ? (
          <Tag color="green">{phone ? 'Đã quán triệt' : ackLabel(a.ackMethod)}</Tag>
        ) : a.catchUpTaskId ? (
          <Link to={`/cong-viec/${a.catchUpTaskId}`}>
            <Tag color="orange">Đang học bù</Tag>
          </Link>
        ) : (
          <Tag>Chưa</Tag>
        ),
    },
    ...(c.canManage && open
      ? ([
          {
            title: '',
            key: 'remove',
            width: 48,
            render: (_, a) =>
              !a.attendedAt && (
                <Popconfirm
                  title={`Bỏ ${a.fullName} khỏi danh sách?`}
                  okText="Bỏ"
                  cancelText="Hủy"
                  onConfirm={() => remove.mutate(a.personId)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`Bỏ ${a.fullName}`} />
                </Popconfirm>
              ),
          },
        ] as TableColumnsType<Attendee>)
      : []),
  ];

  return (
    <Card title="Danh sách dự kiến" style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<AttendeeFilter>
          options={FILTERS}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
        <Input.Search allowClear placeholder="Tìm tên" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
        {c.canManage && open && (
          <Select
            showSearch
            filterOption={false}
            style={{ width: phone ? 260 : 320 }}
            placeholder={
              <>
                <UserAddOutlined /> Thêm người vào danh sách
              </>
            }
            onSearch={setPersonQ}
            value={null}
            notFoundContent={personQ.length < 2 ? 'Gõ ít nhất 2 ký tự' : 'Không tìm thấy'}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.fullName }))}
            onChange={(v: string | null) => v && add.mutate(v)}
          />
        )}
      </Space>
      {(checkIn.error ?? add.error ?? remove.error) && (
        <Alert type="error" showIcon message={(checkIn.error ?? add.error ?? remove.error)!.message} style={{ marginBottom: 12 }} />
      )}
      <Table<Attendee>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        locale={{ emptyText: 'Không có ai' }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      />
    </Card>
  );
}
