/**
 * A directing document (/van-ban/:id): its number, dates, attachments, the document it implements
 * and those implementing it, its task groups (each with "Giao nhiệm vụ"), the cascade — which
 * units it was issued to and whether each responded, on time or late — and its tasks.
 */
import { EditOutlined, FileOutlined, MinusCircleOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { DocumentRecipient, ResponseState, TaskSummary } from '@kycuong/domain';
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
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../app/access';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { reportError } from '../../components/forms';
import { useCurrentUser } from '../auth/api';
import { useTasks, type TaskFilters } from '../tasks/api';
import { OutcomeTag, StatusTag, dmy, useWorkLabels } from '../tasks/labels';
import { DeadlineText } from '../tasks/TasksPage';
import { documentFileUrl, useAddGroup, useDocument, useIssueDocument } from './api';
import { DOC_STATUS_COLORS } from './DocumentsPage';

const STATE_COLORS: Record<ResponseState, string> = { pending: 'blue', overdue: 'red', on_time: 'green', late: 'orange' };

function IssueModal({ id, version, onClose }: { id: string; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ recipients: { orgId?: string }[]; responseKind: 'plan' | 'report'; days: number; taskTitle?: string }>();
  const issue = useIssueDocument(id);
  return (
    <Modal
      open
      title={t('work.documents.issueTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      okText={t('work.documents.issue')}
      cancelText={t('common.cancel')}
      width={640}
    >
      <Form
        form={form}
        name="document-issue"
        layout="vertical"
        initialValues={{ recipients: [{}], responseKind: 'plan', days: 15 }}
        onFinish={(v) =>
          void issue
            .mutateAsync({
              version,
              recipientOrgIds: v.recipients.map((r) => r.orgId).filter((x): x is string => !!x),
              responseKind: v.responseKind,
              responseWorkingDays: v.days,
              ...(v.taskTitle ? { taskTitle: v.taskTitle } : {}),
            })
            .then(() => {
              void message.success(t('work.documents.issued'));
              onClose();
            })
            .catch((err: unknown) => reportError(form, err, (text) => void message.error(text)))
        }
      >
        <Form.List name="recipients">
          {(fields, { add, remove }) => (
            <Form.Item label={t('work.documents.recipients')}>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }} align="start">
                  <Form.Item name={[f.name, 'orgId']} noStyle rules={[{ required: true, message: t('common.required') }]}>
                    <OrgTreeSelect style={{ width: 420, maxWidth: '70vw' }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})}>
                {t('common.add')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="responseKind" label={t('work.documents.responseKind')}>
          <Select options={(['plan', 'report'] as const).map((k) => ({ value: k, label: t(`work.documents.responseKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="days" label={t('work.documents.responseWorkingDays')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={250} precision={0} />
        </Form.Item>
        <Form.Item name="taskTitle" label={t('work.tasks.fields.title')}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddGroupForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string; title: string }>();
  const add = useAddGroup(id);
  return (
    <Form
      form={form}
      name="task-group"
      layout="inline"
      style={{ rowGap: 8, marginTop: 12 }}
      onFinish={(v) =>
        void add
          .mutateAsync(v)
          .then(() => form.resetFields())
          .catch((err: unknown) => reportError(form, err, (text) => void message.error(text)))
      }
    >
      <Form.Item name="code" rules={[{ required: true, message: t('common.required') }]}>
        <Input placeholder={t('work.documents.groupCode')} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="title" rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1, minWidth: 200 }}>
        <Input placeholder={t('work.documents.groupTitle')} />
      </Form.Item>
      <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
        {t('work.documents.addGroup')}
      </Button>
    </Form>
  );
}

export default function DocumentPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useWorkLabels();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const doc = useDocument(id);
  const [issuing, setIssuing] = useState(false);
  const [page, setPage] = useState(1);
  // No single list holds every task of a document: the user picks how to follow them — what they
  // assigned, their own, or the subtree of a unit they read tasks of (default: the first of these).
  const unitGrants = me.grants.filter(
    (g, i, all) => g.orgId && ['leader', 'monitor', 'inspector'].includes(g.role) && all.findIndex((x) => x.orgId === g.orgId) === i,
  );
  const scopes = [
    ...(can(me, 'task.assign') ? [{ key: 'assigned', label: t('work.tasks.views.assigned'), query: 'view=assigned' }] : []),
    ...unitGrants.map((g) => ({ key: g.orgId!, label: g.orgName ?? g.orgId!, query: `view=unit&orgId=${g.orgId}` })),
    { key: 'mine', label: t('work.tasks.views.mine'), query: 'view=mine' },
  ];
  const [scopeKey, setScopeKey] = useState<string>(scopes[0]!.key);
  const scope = scopes.find((s) => s.key === scopeKey) ?? scopes[0]!;
  const taskFilters: TaskFilters =
    scope.key === 'assigned' || scope.key === 'mine'
      ? { view: scope.key, documentId: id, page, pageSize: 10 }
      : { view: 'unit', orgId: scope.key, documentId: id, page, pageSize: 10 };
  const tasks = useTasks(taskFilters, !!id);

  if (doc.isPending) return <PageSpinner />;
  if (doc.isError) return <ErrorResult error={doc.error} onRetry={() => void doc.refetch()} />;
  const d = doc.data;
  const may = (a: (typeof d.allowedActions)[number]) => d.allowedActions.includes(a);
  const listLink = `/cong-viec?${scope.query}&documentId=${d.id}`;

  const recipientColumns: TableColumnsType<DocumentRecipient> = [
    {
      title: t('work.documents.recipients'),
      key: 'org',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text className="kc-wrap">{r.orgName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`work.documents.responseKinds.${r.responseKind}`)} · {t('work.documents.responseDue')} {dmy(r.responseDue)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Tag color={STATE_COLORS[r.state]} data-testid="response-state">
            {t(`work.documents.responseStates.${r.state}`)}
          </Tag>
          {r.respondedOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('work.documents.respondedOn', { date: dmy(r.respondedOn) })}
            </Typography.Text>
          )}
          {r.plan && (
            <Link to={`/van-ban/${r.plan.id}`} className="kc-wrap" style={{ fontSize: 12 }}>
              {r.plan.number ?? r.plan.title}
            </Link>
          )}
        </Space>
      ),
    },
    {
      title: t('work.tasks.fields.title'),
      key: 'task',
      responsive: ['md'],
      render: (_, r) => (r.taskId ? <Link to={`/cong-viec/${r.taskId}`}>{t('work.common.open')}</Link> : '—'),
    },
  ];

  const taskColumns: TableColumnsType<TaskSummary> = [
    {
      title: t('work.tasks.fields.title'),
      key: 'title',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/cong-viec/${r.id}`} className="kc-wrap">
            {r.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} className="kc-wrap">
            {r.lead.personName ? `${r.lead.personName} (${r.lead.orgName})` : r.lead.orgName}
          </Typography.Text>
          <span className="kc-show-phone">
            <StatusTag status={r.status} />
            <OutcomeTag outcome={r.outcome} />
          </span>
        </Space>
      ),
    },
    {
      title: t('work.tasks.fields.status'),
      key: 'status',
      width: 180,
      responsive: ['md'],
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <StatusTag status={r.status} />
          <OutcomeTag outcome={r.outcome} />
        </Space>
      ),
    },
    { title: t('work.tasks.fields.deadline'), key: 'deadline', width: 130, responsive: ['md'], render: (_, r) => <DeadlineText t={r} /> },
  ];

  return (
    <>
      <PageHeader
        title={
          <span data-testid="document-title">
            {d.number ? `${d.number} — ` : ''}
            {d.title}
          </span>
        }
        extra={
          <>
            {may('edit') && (
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/van-ban/${d.id}/sua`)}>
                {t('common.edit')}
              </Button>
            )}
            {may('issue') && (
              <Button icon={<SendOutlined />} onClick={() => setIssuing(true)}>
                {t('work.documents.issue')}
              </Button>
            )}
            {may('create_task') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`/cong-viec/moi?documentId=${d.id}`)}>
                {t('work.tasks.new')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={t('work.documents.fields.type')}>{l.docType(d.type)}</Descriptions.Item>
              <Descriptions.Item label={t('work.documents.fields.status')}>
                <Tag color={DOC_STATUS_COLORS[d.status]}>{l.docStatus(d.status)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('work.documents.fields.number')}>{d.number ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('work.documents.fields.issuedOn')}>{dmy(d.issuedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('work.documents.fields.issuingOrg')} span={2}>
                {d.issuingOrgName}
              </Descriptions.Item>
              {d.signer && (
                <Descriptions.Item label={t('work.documents.fields.signer')} span={2}>
                  {d.signer}
                </Descriptions.Item>
              )}
              {d.implements && (
                <Descriptions.Item label={t('work.documents.fields.implements')} span={2}>
                  <Link to={`/van-ban/${d.implements.id}`} className="kc-wrap">
                    {d.implements.number} — {d.implements.title}
                  </Link>
                </Descriptions.Item>
              )}
              {d.implementedBy.length > 0 && (
                <Descriptions.Item label={t('work.documents.fields.implementedBy')} span={2}>
                  {d.implementedBy.map((x) => (
                    <div key={x.id}>
                      <Link to={`/van-ban/${x.id}`} className="kc-wrap">
                        {x.number ?? l.docType(x.type)} — {x.issuingOrgName}
                      </Link>
                    </div>
                  ))}
                </Descriptions.Item>
              )}
              {d.summary && (
                <Descriptions.Item label={t('work.documents.fields.summary')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} className="kc-wrap">
                    {d.summary}
                  </Typography.Paragraph>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('work.documents.fields.attachments')} span={2}>
                {d.attachments.length === 0
                  ? '—'
                  : d.attachments.map((f) => (
                      <div key={f.id}>
                        <a href={documentFileUrl(d.id, f.id)} target="_blank" rel="noreferrer" className="kc-wrap">
                          <FileOutlined /> {f.name}
                        </a>
                      </div>
                    ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('work.documents.groups')} style={{ marginBottom: 16 }}>
            <List
              dataSource={d.groups}
              locale={{ emptyText: <Empty description={t('work.documents.noGroups')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              renderItem={(g) => (
                <List.Item
                  key={g.id}
                  data-testid="task-group"
                  actions={
                    may('create_task')
                      ? [
                          <Link key="assign" to={`/cong-viec/moi?documentId=${d.id}&groupId=${g.id}`}>
                            {t('work.documents.assignFromGroup')}
                          </Link>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <span className="kc-wrap">
                        {g.code}. {g.title}
                      </span>
                    }
                    description={
                      <Space size={8} wrap>
                        {g.note && <Typography.Text type="secondary">{g.note}</Typography.Text>}
                        {g.taskCount > 0 && (
                          <Link to={`${listLink}&groupId=${g.id}`}>
                            {t('work.documents.fields.taskCount')}: {g.taskCount}
                          </Link>
                        )}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
            {may('manage_groups') && <AddGroupForm id={d.id} />}
          </Card>
          <Card
            title={t('work.documents.tasks')}
            extra={<Link to={listLink}>{t('work.documents.allTasks')}</Link>}
            style={{ marginBottom: 16 }}
          >
            {scopes.length > 1 && (
              <Select
                aria-label={t('work.documents.tasks')}
                value={scope.key}
                onChange={(v: string) => {
                  setScopeKey(v);
                  setPage(1);
                }}
                options={scopes.map((s) => ({ value: s.key, label: s.label }))}
                style={{ minWidth: 220, maxWidth: '100%', marginBottom: 12 }}
              />
            )}
            {tasks.isError && <Alert type="error" showIcon title={tasks.error.message} style={{ marginBottom: 12 }} />}
            <Table<TaskSummary>
              rowKey="id"
              size="small"
              columns={taskColumns}
              dataSource={tasks.data?.items ?? []}
              loading={tasks.isFetching}
              locale={{ emptyText: <Empty description={t('work.tasks.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              pagination={{ current: page, pageSize: 10, total: tasks.data?.total ?? 0, onChange: setPage, size: 'small' }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('work.documents.stats')} style={{ marginBottom: 16 }}>
            <Row gutter={[8, 8]}>
              {(['done_on_time', 'done_late', 'open_in_time', 'open_overdue'] as const).map((o) => (
                <Col span={12} key={o}>
                  <Link to={`${listLink}&outcome=${o}`}>
                    <Statistic title={l.outcome(o)} value={d.taskStats[o]} />
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
          <Card title={t('work.documents.cascade')} style={{ marginBottom: 16 }} data-testid="cascade">
            {d.recipients.length === 0 ? (
              <Typography.Text type="secondary">{t('work.documents.noRecipients')}</Typography.Text>
            ) : (
              <Table<DocumentRecipient>
                rowKey="orgId"
                size="small"
                pagination={false}
                columns={recipientColumns}
                dataSource={d.recipients}
              />
            )}
          </Card>
        </Col>
      </Row>
      {issuing && <IssueModal id={d.id} version={d.version} onClose={() => setIssuing(false)} />}
    </>
  );
}
