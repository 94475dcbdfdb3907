/**
 * "Văn bản cần quán triệt của tôi" (/quan-triet/cua-toi): the documents the user is expected to
 * study, each with its text (summary and files) and either the confirmation "đã nghiên cứu, quán
 * triệt" or the organiser's quiz; passing acknowledges and completes the catch-up task.
 */
import { CheckCircleOutlined, DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import type { MyAcknowledgement } from '@kycuong/domain';
import { Alert, Button, Card, Checkbox, Collapse, Empty, List, Radio, Result, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { apiUrl } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useAcknowledge, useConference, useMyAcknowledgements, useQuizAttempt } from './api';
import { ackLabel, dmy, timeDmy } from './labels';
import './dissemination.css';

export default function MyAcknowledgementsPage() {
  const [status, setStatus] = useState<'pending' | 'done' | 'all'>('pending');
  const mine = useMyAcknowledgements(status);
  const items = mine.data?.items ?? [];
  return (
    <div className="kc-dissemination">
      <PageHeader title="Văn bản cần quán triệt của tôi" />
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'pending', label: 'Chưa quán triệt' },
          { value: 'done', label: 'Đã quán triệt' },
          { value: 'all', label: 'Tất cả' },
        ]}
      />
      {mine.isLoading ? (
        <Spin />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={status === 'pending' ? 'Không còn văn bản nào cần quán triệt' : 'Chưa có'} />
        </Card>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {items.map((a) => (
            <AckCard key={a.conferenceId} a={a} />
          ))}
        </Space>
      )}
    </div>
  );
}

function AckCard({ a }: { a: MyAcknowledgement }) {
  const done = !!a.acknowledgedAt;
  return (
    <Card
      title={
        <span className="kc-wrap">
          <FileTextOutlined /> {a.documentNumber ?? 'Văn bản'} — {a.documentTitle}
        </span>
      }
      extra={done ? <Tag color="green">Đã quán triệt</Tag> : <Tag color="orange">Chưa quán triệt</Tag>}
    >
      <Typography.Paragraph type="secondary" className="kc-wrap">
        {a.conferenceTitle} · {a.orgName} · {dmy(a.heldOn)}
        {a.attendedAt ? ` · có mặt ${timeDmy(a.attendedAt)}` : ' · vắng mặt'}
      </Typography.Paragraph>
      {a.catchUpTaskId && !done && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={<>Nhiệm vụ học bù{a.catchUpDeadline ? `, hạn ${dmy(a.catchUpDeadline)}` : ''} — tự hoàn thành khi bạn xác nhận.</>}
          action={<Link to={`/cong-viec/${a.catchUpTaskId}`}>Xem nhiệm vụ</Link>}
        />
      )}
      {done ? (
        <Typography.Text>
          <CheckCircleOutlined style={{ color: '#389e0d' }} /> {ackLabel(a.ackMethod)} — {timeDmy(a.acknowledgedAt)}
        </Typography.Text>
      ) : (
        <Study a={a} />
      )}
    </Card>
  );
}

/** Reading the document, then the confirmation or the quiz. */
function Study({ a }: { a: MyAcknowledgement }) {
  const conf = useConference(a.conferenceId);
  const [read, setRead] = useState(false);
  const ack = useAcknowledge(a.conferenceId);
  const attempt = useQuizAttempt(a.conferenceId);
  const [answers, setAnswers] = useState<(number | null)[]>([]);
  const c = conf.data;
  if (!c) return <Spin />;
  const quiz = c.quiz;
  const result = attempt.data;
  return (
    <Collapse
      defaultActiveKey={['read']}
      items={[
        {
          key: 'read',
          label: 'Nội dung văn bản',
          children: (
            <>
              <Typography.Paragraph className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
                {a.documentSummary ?? a.documentTitle}
              </Typography.Paragraph>
              <List
                size="small"
                dataSource={c.files.filter((f) => f.kind === 'material')}
                locale={{ emptyText: 'Không có tài liệu kèm theo' }}
                renderItem={(f) => (
                  <List.Item>
                    <a href={apiUrl(`/api/v1/conferences/${c.id}/files/${f.id}`)} className="kc-wrap">
                      <DownloadOutlined /> {f.name}
                    </a>
                  </List.Item>
                )}
              />
              <Link to={`/van-ban/${a.documentId}`}>Mở văn bản đầy đủ</Link>
            </>
          ),
        },
        {
          key: 'confirm',
          label: quiz ? `Bài kiểm tra (${quiz.questions.length} câu, đạt từ ${quiz.passMark}%)` : 'Xác nhận',
          children: quiz ? (
            result?.passed ? (
              <Result status="success" title={`Đạt ${result.percent}% — đã ghi nhận quán triệt`} />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                {quiz.questions.map((q, i) => (
                  <div key={i}>
                    <Typography.Text strong className="kc-wrap">
                      Câu {i + 1}. {q.text}
                    </Typography.Text>
                    <Radio.Group
                      style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}
                      value={answers[i] ?? null}
                      onChange={(e) => {
                        const next = [...answers];
                        next[i] = e.target.value as number;
                        setAnswers(next);
                      }}
                      options={q.options.map((o, j) => ({ value: j, label: <span className="kc-wrap">{o}</span> }))}
                    />
                  </div>
                ))}
                {result && !result.passed && (
                  <Alert
                    type="warning"
                    showIcon
                    message={`Đúng ${result.correct}/${result.total} câu (${result.percent}%), chưa đạt ${result.passMark}%. Hãy đọc lại văn bản và làm lại.`}
                  />
                )}
                {attempt.error && <Alert type="error" showIcon message={attempt.error.message} />}
                <Button
                  type="primary"
                  loading={attempt.isPending}
                  disabled={quiz.questions.some((_, i) => answers[i] === undefined || answers[i] === null)}
                  onClick={() => attempt.mutate(quiz.questions.map((_, i) => answers[i] ?? null))}
                >
                  Nộp bài
                </Button>
              </Space>
            )
          ) : (
            <Space direction="vertical">
              <Checkbox checked={read} onChange={(e) => setRead(e.target.checked)}>
                Tôi đã đọc toàn văn văn bản
              </Checkbox>
              {ack.error && <Alert type="error" showIcon message={ack.error.message} />}
              <Button type="primary" disabled={!read} loading={ack.isPending} onClick={() => ack.mutate()}>
                Đã nghiên cứu, quán triệt
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
