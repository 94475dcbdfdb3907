/**
 * A case (/vi-pham/:id): warnings about the deadline to decide, the limitation period and a
 * pending explanation; the facts; the catalogue items in the wording they were tagged with; the
 * timeline of steps with their dates, decision makers and documents; sanctions; readers; and the
 * publication choices of a handled citizen report. Buttons offer only what the server allows.
 */
import { ArrowLeftOutlined, FileTextOutlined, UserAddOutlined } from '@ant-design/icons';
import { PUBLICATION_FIELDS, type CaseAction, type CaseDetail, type z, type PublicationFieldSchema } from '@kycuong/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Grid,
  Input,
  List,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { errorText } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { usePeople } from '../people/api';
import { useAddCaseMember, useCase, usePublication } from './api';
import { STATUS_COLORS, dmy, useViolationLabels } from './labels';
import { TransitionModal } from './TransitionModal';
import './violations.css';

type PublicationField = z.infer<typeof PublicationFieldSchema>;
const WORKFLOW: CaseAction[] = ['start_verification', 'request_explanation', 'extend_deadline', 'conclude', 'decide_sanction', 'close'];

export default function CasePage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useCase(id);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <Link to="/vi-pham" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span className="kc-wrap">{c.title}</span>
          </Space>
        }
        extra={<CaseActions c={c} />}
      />
      <CaseView c={c} />
    </>
  );
}

function CaseActions({ c }: { c: CaseDetail }) {
  const labels = useViolationLabels();
  const [action, setAction] = useState<CaseAction | null>(null);
  const actions = WORKFLOW.filter((a) => c.allowedActions.includes(a));
  // The main step forward is the primary button; side steps (explanation, extension) are plain.
  const primary =
    actions.find((a) => a === 'start_verification' || a === 'conclude' || a === 'decide_sanction') ?? actions.find((a) => a === 'close');
  return (
    <>
      {actions.map((a) => (
        <Button key={a} type={a === primary ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`case-action-${a}`}>
          {labels.action(a)}
        </Button>
      ))}
      {action && <TransitionModal c={c} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

export function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useViolationLabels();
  const isPhone = Grid.useBreakpoint().md === false;
  return (
    <div className="kc-case">
      {c.warnings.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} size={8}>
          {c.warnings.map((w, i) => (
            <Alert
              key={`${w.code}-${i}`}
              type={w.code.endsWith('overdue') || w.code === 'limitation_expired' ? 'error' : 'warning'}
              showIcon
              title={w.message}
              data-testid={`warning-${w.code}`}
            />
          ))}
        </Space>
      )}
      <div className="kc-case-grid">
        <div>
          <Card size="small" title={t('violations.detail.facts')} style={{ marginBottom: 16 }}>
            <Descriptions column={isPhone ? 1 : 2} size="small" layout={isPhone ? 'vertical' : 'horizontal'}>
              <Descriptions.Item label={t('violations.fields.status')}>
                <Tag color={STATUS_COLORS[c.status]}>{labels.status(c.status)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('violations.fields.subject')}>
                <span className="kc-wrap">
                  {c.subject.kind === 'person' && c.subject.personId ? (
                    <Link to={`/can-bo/${c.subject.personId}`}>{c.subject.name}</Link>
                  ) : (
                    c.subject.name
                  )}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('violations.fields.unit')}>
                <span className="kc-wrap">{c.subject.orgName}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('violations.fields.source')}>{labels.source(c.source)}</Descriptions.Item>
              <Descriptions.Item label={t('violations.fields.receivedDate')}>{dmy(c.receivedDate)}</Descriptions.Item>
              <Descriptions.Item label={t('violations.fields.violationDate')}>{dmy(c.violationDate)}</Descriptions.Item>
              {c.outcome && <Descriptions.Item label={t('violations.fields.outcome')}>{labels.outcome(c.outcome)}</Descriptions.Item>}
              {c.severity && <Descriptions.Item label={t('violations.fields.severity')}>{labels.severity(c.severity)}</Descriptions.Item>}
              {c.sourceDetail && (
                <Descriptions.Item label={t('violations.fields.sourceDetail')} span={isPhone ? 1 : 2}>
                  <span className="kc-wrap">{c.sourceDetail}</span>
                </Descriptions.Item>
              )}
              {c.description && (
                <Descriptions.Item label={t('violations.fields.description')} span={isPhone ? 1 : 2}>
                  <span className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
                    {c.description}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>

          <Card size="small" title={t('violations.fields.items')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={c.items}
              renderItem={(i) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap size={4}>
                        <Tag color="red">{i.code}</Tag>
                        <span className="kc-wrap">{i.title}</span>
                      </Space>
                    }
                    description={
                      <span className="kc-wrap">
                        {i.groupTitle} · {t('common.version', { version: i.catalogueVersion })}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>

          {c.tasks.length > 0 && (
            <Card size="small" title={t('violations.detail.tasks')} style={{ marginBottom: 16 }}>
              <List
                size="small"
                dataSource={c.tasks}
                renderItem={(tk) => <List.Item className="kc-wrap">{tk.title ?? tk.taskId}</List.Item>}
              />
              {Array.isArray(c.signalEvidence) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('violations.detail.signals', { count: c.signalEvidence.length })}
                </Typography.Text>
              )}
            </Card>
          )}

          <Card size="small" title={t('violations.detail.timeline')} style={{ marginBottom: 16 }}>
            <Timeline
              items={c.steps.map((s) => ({
                key: s.id,
                color: s.kind === 'decide_sanction' ? 'red' : s.kind === 'conclude' ? 'purple' : 'blue',
                content: (
                  <div data-testid="case-step">
                    <Typography.Text strong>{labels.step(s.kind)}</Typography.Text> · {dmy(s.date)}
                    {s.decisionMaker && (
                      <div className="kc-wrap">
                        <Typography.Text type="secondary">{t('violations.fields.decisionMaker')}: </Typography.Text>
                        {s.decisionMaker}
                      </div>
                    )}
                    {s.documents.map((d, i) => (
                      <div key={i} className="kc-wrap">
                        <FileTextOutlined /> {d.number ? `${d.number} — ` : ''}
                        {d.title}
                        {d.date ? ` (${dmy(d.date)})` : ''}
                      </div>
                    ))}
                    {s.note && (
                      <div className="kc-wrap" style={{ whiteSpace: 'pre-wrap' }}>
                        {s.note}
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </div>

        <div>
          {c.sanctions.length > 0 && (
            <Card
              size="small"
              title={t('violations.detail.sanctions')}
              style={{ marginBottom: 16 }}
              extra={
                c.subject.personId ? <Link to={`/can-bo/${c.subject.personId}/ky-luat`}>{t('violations.discipline.link')}</Link> : undefined
              }
            >
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.sanctions}
                columns={[
                  { title: t('violations.fields.track'), key: 'track', render: (_, s) => labels.track(s.track) },
                  { title: t('violations.fields.form'), key: 'form', render: (_, s) => <Tag color="volcano">{s.formLabel}</Tag> },
                  {
                    title: t('violations.fields.decisionDate'),
                    key: 'date',
                    render: (_, s) => (
                      <span>
                        {dmy(s.decisionDate)}
                        {s.decisionNumber ? <div style={{ fontSize: 12 }}>{s.decisionNumber}</div> : null}
                      </span>
                    ),
                  },
                ]}
              />
            </Card>
          )}

          <Card size="small" title={t('violations.detail.limits')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('violations.detail.deadline')}>
                {c.deadline ? (
                  <span>
                    {dmy(c.deadline.dueDate)} ({t('violations.detail.days', { count: c.deadline.days })}
                    {c.deadline.extended ? `, ${t('violations.detail.extended')}` : ''})
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t('violations.detail.noDeadline')}</Typography.Text>
                )}
              </Descriptions.Item>
              {c.limitations.map((l) => (
                <Descriptions.Item key={l.track} label={`${t('violations.detail.limitation')} — ${labels.track(l.track)}`}>
                  {l.expiresOn ? (
                    <span>
                      {dmy(l.expiresOn)} ({t('violations.detail.years', { count: l.years ?? 0 })}
                      {l.restarted ? `, ${t('violations.detail.restarted', { date: dmy(l.countedFrom) })}` : ''})
                    </span>
                  ) : (
                    t('violations.detail.noLimitation')
                  )}
                </Descriptions.Item>
              ))}
              {c.violationDate === null && (
                <Descriptions.Item label={t('violations.detail.limitation')}>
                  <Typography.Text type="secondary">{t('violations.detail.limitationUnknown')}</Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>

          {c.explanation && (
            <Card size="small" title={t('violations.detail.explanation')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {t('violations.detail.explanationAsked', { requested: dmy(c.explanation.requestedDate), due: dmy(c.explanation.dueDate) })}
              </Typography.Paragraph>
              {c.explanation.text ? (
                <Typography.Paragraph className="kc-wrap" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {c.explanation.text}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('violations.detail.explanationNone')}</Typography.Text>
              )}
            </Card>
          )}

          {(c.allowedActions.includes('publish') || c.publication.published) && <PublicationCard c={c} />}
          {(c.allowedActions.includes('add_member') || c.members.length > 0) && <MembersCard c={c} />}
        </div>
      </div>
    </div>
  );
}

function PublicationCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = usePublication(c.id);
  const editable = c.allowedActions.includes('publish');
  const [published, setPublished] = useState(c.publication.published);
  const [fields, setFields] = useState<PublicationField[]>(c.publication.fields);
  const [summary, setSummary] = useState(c.publication.summary ?? '');
  const submit = async () => {
    try {
      await save.mutateAsync({ version: c.version, published, fields, ...(summary.trim() ? { summary: summary.trim() } : {}) });
      void message.success(t('common.saved'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Card size="small" title={t('violations.publication.title')} style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Switch checked={published} onChange={setPublished} disabled={!editable} aria-label={t('violations.publication.publish')} />
          {t('violations.publication.publish')}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('violations.publication.help')}
        </Typography.Text>
        <Checkbox.Group
          disabled={!editable}
          value={fields}
          onChange={(v) => setFields(v)}
          options={PUBLICATION_FIELDS.map((f) => ({ value: f, label: t(`violations.publication.fields.${f}`) }))}
        />
        <Input.TextArea
          rows={2}
          maxLength={1000}
          disabled={!editable}
          placeholder={t('violations.publication.summary')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        {editable && (
          <Space wrap>
            <Button type="primary" onClick={() => void submit()} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}

function MembersCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddCaseMember(c.id);
  const [search, setSearch] = useState('');
  const typed = useDebounced(search.trim(), 300);
  const people = usePeople({ q: typed, pageSize: 20 }, c.allowedActions.includes('add_member') && typed.length > 1);
  const [picked, setPicked] = useState<string | undefined>();
  return (
    <Card size="small" title={t('violations.detail.members')} style={{ marginBottom: 16 }}>
      {c.members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('violations.detail.membersNone')} />
      ) : (
        <List size="small" dataSource={c.members} renderItem={(m) => <List.Item className="kc-wrap">{m.fullName}</List.Item>} />
      )}
      {c.allowedActions.includes('add_member') && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Select
            style={{ width: '100%' }}
            value={picked}
            onChange={setPicked}
            placeholder={t('violations.create.searchPerson')}
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            options={(people.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.fullName}${p.primaryOrgName ? ` — ${p.primaryOrgName}` : ''}`,
            }))}
          />
          <Button
            icon={<UserAddOutlined />}
            disabled={!picked}
            loading={add.isPending}
            onClick={() =>
              void add
                .mutateAsync(picked!)
                .then(() => setPicked(undefined))
                .catch((err: unknown) => void message.error(errorText(err)))
            }
          >
            {t('common.add')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
