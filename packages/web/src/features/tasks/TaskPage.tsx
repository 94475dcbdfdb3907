/**
 * A task (/cong-viec/:id): who assigned it, who leads and coordinates it, its deadline with the
 * original and every adjusted one, outcome class, progress, signals, forwarded sub-tasks, the
 * timeline of events with their files, comments with mentions, and the buttons of exactly the
 * actions the server allows the user now.
 */
import { AlertOutlined, FileOutlined, WarningOutlined } from '@ant-design/icons';
import type { FileInfo, TaskAction, TaskDetail, TaskEvent } from '@kycuong/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Progress,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { reportError } from '../../components/forms';
import { useCurrentUser } from '../auth/api';
import { ActionModal, ACTION_ROUTES } from './ActionModal';
import { EditTaskModal } from './EditTaskModal';
import { taskFileUrl, useCandidates, useTask, useTaskAction } from './api';
import { FilesInput } from './inputs';
import { OutcomeTag, SEVERITY_COLORS, StatusTag, dmy, dmyTime, useWorkLabels } from './labels';
import { TaskFlags } from './TasksPage';

const holderText = (h: { orgName: string; personName: string | null }) => (h.personName ? `${h.personName} (${h.orgName})` : h.orgName);

// Actions in the order a user meets them; the primary one of the moment is highlighted.
const ORDER: readonly TaskAction[] = [
  'accept',
  'report_progress',
  'report_completion',
  'accept_completion',
  'send_back',
  'forward',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'remind',
  'change_deadline',
  'return',
  'transfer',
  'edit',
  'cancel',
];
const PRIMARY: readonly TaskAction[] = ['accept', 'report_completion', 'accept_completion', 'approve_extension'];
const DANGER: readonly TaskAction[] = ['cancel', 'return'];

function FileLinks({ taskId, files }: { taskId: string; files: readonly FileInfo[] }) {
  if (files.length === 0) return null;
  return (
    <Space wrap size={[8, 0]}>
      {files.map((f) => (
        <a key={f.id} href={taskFileUrl(taskId, f.id)} target="_blank" rel="noreferrer" className="kc-wrap">
          <FileOutlined /> {f.name}
        </a>
      ))}
    </Space>
  );
}

function EventItem({ e, taskId }: { e: TaskEvent; taskId: string }) {
  const l = useWorkLabels();
  const { t } = useTranslation();
  return (
    <div data-testid="timeline-event" data-type={e.type}>
      <Typography.Text strong>{l.event(e.type)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        · {dmyTime(e.at)}
        {e.actor ? ` · ${e.actor.name}` : ''}
      </Typography.Text>
      <div className="kc-wrap">{e.summary}</div>
      {e.reason && (
        <div className="kc-wrap">
          <Typography.Text type="secondary">{t('work.common.reason')}: </Typography.Text>
          {e.reason}
        </div>
      )}
      <FileLinks taskId={taskId} files={e.files} />
    </div>
  );
}

function CommentForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; mentions: string[]; files: FileInfo[] }>();
  const action = useTaskAction(task.id);
  const [q, setQ] = useState('');
  // People who may be mentioned: those of the units around the task.
  const people = useCandidates(task.id, 'coordinator', q);
  return (
    <Form
      form={form}
      name="task-comment"
      layout="vertical"
      initialValues={{ mentions: [], files: [] }}
      onFinish={(v) =>
        void action
          .mutateAsync({
            route: 'comments',
            body: { text: v.text, mentionPersonIds: v.mentions, fileIds: v.files.map((f) => f.id) },
          })
          .then(() => form.resetFields())
          .catch((err: unknown) => reportError(form, err, (text) => void message.error(text)))
      }
    >
      <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={3} placeholder={t('work.tasks.detail.commentPlaceholder')} aria-label={t('work.tasks.detail.comments')} />
      </Form.Item>
      <Form.Item name="mentions" label={t('work.tasks.detail.mention')}>
        <Select
          mode="multiple"
          showSearch={{ onSearch: setQ, filterOption: false }}
          placeholder={t('work.tasks.detail.mentionPlaceholder')}
          options={(people.data?.people ?? []).map((p) => ({ value: p.id, label: `${p.fullName} (${p.orgName})` }))}
        />
      </Form.Item>
      <Form.Item name="files">
        <FilesInput />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.isPending}>
        {t('work.tasks.detail.send')}
      </Button>
    </Form>
  );
}

export default function TaskPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useWorkLabels();
  const me = useCurrentUser();
  const task = useTask(id);
  const [action, setAction] = useState<TaskAction | null>(null);

  if (task.isPending) return <PageSpinner />;
  if (task.isError) return <ErrorResult error={task.error} onRetry={() => void task.refetch()} />;
  const d = task.data;
  const actions = ORDER.filter((a) => d.allowedActions.includes(a) && (ACTION_ROUTES[a] || a === 'edit'));
  const comments = d.events.filter((e) => e.type === 'comment');
  const history = d.events.filter((e) => e.type !== 'comment').reverse();
  const canComment = d.allowedActions.includes('comment');

  return (
    <>
      <PageHeader
        title={<span data-testid="task-title">{d.title}</span>}
        extra={
          can(me, 'case.manage') && (
            <Link to={`/vi-pham?new=1&taskId=${d.id}`}>
              <Button icon={<AlertOutlined />}>{t('work.tasks.detail.openCase')}</Button>
            </Link>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={d.status} />
        <OutcomeTag outcome={d.outcome} />
        <TaskFlags t={d} />
        {d.sides.length > 0 && (
          <Typography.Text type="secondary">
            {t('work.tasks.detail.you')} {d.sides.map((s) => t(`work.tasks.detail.sides.${s}`)).join(', ')}
          </Typography.Text>
        )}
      </Space>
      {d.escalated && d.escalatedTo && (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          data-testid="escalated-banner"
          title={t('work.tasks.detail.escalatedBanner', {
            name: d.escalatedTo.personName ?? d.escalatedTo.orgName,
            org: d.escalatedTo.orgName,
            count: d.reminderCount,
          })}
        />
      )}
      {d.extensionRequest && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('work.tasks.detail.extensionPending', { date: dmy(d.extensionRequest.newDeadline), reason: d.extensionRequest.reason })}
        />
      )}
      <Card size="small" title={t('work.tasks.detail.actions')} style={{ marginBottom: 16 }}>
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('work.tasks.detail.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setAction(a)}>
                {l.action(a)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('work.tasks.detail.timeline')} style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('work.tasks.fields.assigner')}>{holderText(d.assigner)}</Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.lead')}>
                <span data-testid="task-lead">{holderText(d.lead)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.coordinators')} span={2}>
                {d.coordinators.length === 0
                  ? '—'
                  : d.coordinators.map((c) => (
                      <div key={`${c.orgId}-${c.personId ?? ''}`} className="kc-wrap">
                        {holderText(c)}
                        {c.part ? ` — ${c.part}` : ''}
                      </div>
                    ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.deadline')}>
                <span data-testid="task-deadline">
                  {d.deadline ? dmy(d.deadline) : t('work.common.noDeadline')}
                  {d.dueDate && d.dueDate !== d.deadline ? ` → ${dmy(d.dueDate)}` : ''}
                </span>
                {d.overdueDays > 0 && (
                  <div>
                    <Typography.Text type="danger">{t('work.common.overdueDays', { count: d.overdueDays })}</Typography.Text>
                  </div>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.originalDeadline')}>
                {dmy(d.originalDeadline)}
                {d.delayCount > 0 && (
                  <div>
                    <Typography.Text type="warning">{t('work.common.delays', { count: d.delayCount })}</Typography.Text>
                  </div>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.progress')} span={2}>
                <Progress percent={d.progressPercent} status={d.status === 'done' ? 'success' : 'normal'} data-testid="task-progress" />
              </Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.assignedOn')}>{dmy(d.assignedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('work.tasks.fields.priority')}>{l.priority(d.priority)}</Descriptions.Item>
              {d.document && (
                <Descriptions.Item label={t('work.tasks.fields.document')} span={2}>
                  <Link to={`/van-ban/${d.document.id}`} className="kc-wrap">
                    {d.document.number ?? l.docType(d.document.type)} — {d.document.title}
                  </Link>
                  {d.group && (
                    <div className="kc-wrap">
                      <Typography.Text type="secondary">
                        {t('work.tasks.fields.group')} {d.group.code}: {d.group.title}
                      </Typography.Text>
                    </div>
                  )}
                </Descriptions.Item>
              )}
              {d.parent && (
                <Descriptions.Item label={t('work.tasks.fields.parent')} span={2}>
                  <Link to={`/cong-viec/${d.parent.id}`} className="kc-wrap">
                    {d.parent.title}
                  </Link>
                </Descriptions.Item>
              )}
              {d.qualityAccepted !== null && (
                <Descriptions.Item label={t('work.tasks.fields.quality')}>
                  {d.qualityAccepted ? (
                    <Tag color="green">{t('work.tasks.qualityAccepted')}</Tag>
                  ) : (
                    <Tag color="red">{t('work.tasks.qualityRejected')}</Tag>
                  )}
                </Descriptions.Item>
              )}
              {d.completedOn && <Descriptions.Item label={t('work.tasks.fields.completedOn')}>{dmy(d.completedOn)}</Descriptions.Item>}
              {d.description && (
                <Descriptions.Item label={t('work.tasks.fields.description')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} className="kc-wrap">
                    {d.description}
                  </Typography.Paragraph>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Timeline items={history.map((e) => ({ key: e.id, content: <EventItem e={e} taskId={d.id} /> }))} />
          </Card>
          <Card title={`${t('work.tasks.detail.comments')} (${comments.length})`}>
            <List
              dataSource={comments}
              locale={{ emptyText: <Empty description={t('common.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              renderItem={(e) => (
                <List.Item key={e.id}>
                  <EventItem e={e} taskId={d.id} />
                </List.Item>
              )}
            />
            {canComment && <CommentForm task={d} />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('work.tasks.detail.signals')} style={{ marginBottom: 16 }} data-testid="task-signals">
            {d.signals.length === 0 ? (
              <Typography.Text type="secondary">{t('work.tasks.detail.noSignals')}</Typography.Text>
            ) : (
              <>
                <List
                  dataSource={d.signals}
                  renderItem={(s) => (
                    <List.Item key={`${s.code}-${s.subject}`}>
                      <Space orientation="vertical" size={2}>
                        <Space wrap>
                          <Tag color={SEVERITY_COLORS[s.severity]}>{l.signal(s.code)}</Tag>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {s.subject} · {dmy(s.detectedOn)}
                          </Typography.Text>
                        </Space>
                        <Typography.Text className="kc-wrap">{s.explanation}</Typography.Text>
                        {s.orgId && (
                          <Link to={`/to-chuc/${s.orgId}/tin-hieu`} style={{ fontSize: 12 }}>
                            {t('work.signals.orgLink')}
                          </Link>
                        )}
                      </Space>
                    </List.Item>
                  )}
                />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                  {d.signalDisclaimer}
                </Typography.Paragraph>
              </>
            )}
          </Card>
          {d.deadlineHistory.length > 0 && (
            <Card title={t('work.tasks.detail.deadlines')} style={{ marginBottom: 16 }}>
              <List
                size="small"
                dataSource={d.deadlineHistory}
                renderItem={(h) => (
                  <List.Item key={h.at}>
                    <Space orientation="vertical" size={0}>
                      <span>
                        <Tag>{t(`work.tasks.detail.deadlineKinds.${h.kind}`)}</Tag>
                        {h.deadline ? dmy(h.deadline) : t('work.common.noDeadline')}
                        {h.kind !== 'original' && !h.countsAsDelay && (
                          <Typography.Text type="secondary"> ({t('work.tasks.detail.notCountedAsDelay')})</Typography.Text>
                        )}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} className="kc-wrap">
                        {dmyTime(h.at)}
                        {h.reason ? ` · ${h.reason}` : ''}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {d.children.length > 0 && (
            <Card title={t('work.tasks.fields.children')} style={{ marginBottom: 16 }}>
              <List
                size="small"
                dataSource={d.children}
                renderItem={(c) => (
                  <List.Item key={c.id}>
                    <Space orientation="vertical" size={2}>
                      <Link to={`/cong-viec/${c.id}`} className="kc-wrap">
                        {c.title}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {holderText(c.lead)} · {dmy(c.dueDate)}
                      </Typography.Text>
                      <span>
                        <StatusTag status={c.status} />
                        <OutcomeTag outcome={c.outcome} />
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Col>
      </Row>
      {action === 'edit' ? (
        <EditTaskModal task={d} onClose={() => setAction(null)} />
      ) : (
        <ActionModal key={action ?? 'none'} task={d} action={action} onClose={() => setAction(null)} />
      )}
    </>
  );
}
