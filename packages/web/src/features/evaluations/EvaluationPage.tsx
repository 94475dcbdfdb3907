/**
 * One rating (/danh-gia/:id): every number behind the score — each task with its weight, its three
 * items and the deductions, the unit part of a manager, sanctions of the year and the flags — and
 * the step the reader may take: self-assessment, the leader's proposal (general points, major
 * errors per task, a lowered level) or approval.
 */
import { RATING_LEVELS, RATING_LEVEL_LABELS, type EvaluationDetail, type RatingLevel } from '@kycuong/domain';
import { App, Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../components/forms';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { useApprove, useEvaluation, usePropose, useSelfAssess } from './api';
import { LevelTag, StatusTag, percent, points, trackLabel, useLang } from './shared';

const fmt = (d: string | null) => (d ? dayjs(d).format('DD/MM/YYYY') : '—');

export default function EvaluationPage() {
  const { id } = useParams();
  const q = useEvaluation(id);
  if (q.isPending) return <PageSpinner />;
  if (q.error) return <ErrorResult error={q.error} />;
  return <Evaluation e={q.data} />;
}

function Evaluation({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = e.score;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={`${e.personName} — ${e.period}`} extra={<StatusTag status={e.status} />} />
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'org', label: t('insight.dashboard.unit'), children: e.orgName },
            { key: 'track', label: t('insight.evaluations.track'), children: trackLabel(e.track, lang) },
            { key: 'period', label: t('insight.evaluations.period'), children: `${e.period} (${fmt(e.from)} – ${fmt(e.to)})` },
            { key: 'level', label: t('insight.evaluations.level'), children: <LevelTag level={e.level} /> },
            ...(e.track === 'state'
              ? [
                  {
                    key: 'total',
                    label: t('insight.evaluations.total'),
                    children: <strong data-testid="eval-total">{points(s.total)}</strong>,
                  },
                  { key: 'band', label: t('insight.evaluations.bandLevel'), children: <LevelTag level={s.bandLevel} /> },
                ]
              : []),
            { key: 'self', label: t('insight.evaluations.selfLevel'), children: e.selfLevel ? <LevelTag level={e.selfLevel} /> : '—' },
          ]}
        />
        {s.automatic && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            title={s.automatic === 'sanction_in_year' ? t('insight.evaluations.automatic') : t('insight.evaluations.automaticParty')}
          />
        )}
        {e.proposedBy && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('insight.evaluations.proposedBy', { name: e.proposedBy, date: fmt(e.proposedAt) })}
            {e.approvedBy && ` · ${t('insight.evaluations.approvedBy', { name: e.approvedBy, date: fmt(e.approvedAt) })}`}
          </Typography.Paragraph>
        )}
      </Card>
      {e.track === 'state' && <Breakdown e={e} />}
      {e.selfText && (
        <Card size="small" title={t('insight.evaluations.selfAssessment')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{e.selfText}</Typography.Paragraph>
        </Card>
      )}
      {(e.sanctions.length > 0 || e.flags.length > 0) && (
        <Card size="small" title={t('insight.evaluations.sanctions')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {e.sanctions.map((x, i) => (
              <div key={i}>
                <Tag color={x.counts ? 'red' : undefined}>{x.formLabel}</Tag> {fmt(x.decisionDate)}
              </div>
            ))}
            {e.flags.map((f) => (
              <Alert key={f.code} type="warning" showIcon title={f.label} description={f.evidence.join(', ')} />
            ))}
          </Space>
        </Card>
      )}
      {e.allowedSteps.includes('self_assess') && <SelfAssessForm e={e} />}
      {e.allowedSteps.includes('propose') && <ProposalForm e={e} />}
      {e.allowedSteps.includes('approve') && <ApproveButton e={e} />}
    </Space>
  );
}

function Breakdown({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const s = e.score;
  const share = (x: number) => `${Math.round(x * 100)}%`;
  return (
    <Card size="small" title={t('insight.evaluations.breakdown')}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'a', label: t('insight.evaluations.quantity'), children: percent(s.quantityPercent) },
          { key: 'b', label: t('insight.evaluations.quality'), children: percent(s.qualityPercent) },
          { key: 'c', label: t('insight.evaluations.timeliness'), children: percent(s.timelinessPercent) },
          { key: 'own', label: t('insight.evaluations.ownPercent'), children: percent(s.ownPercent) },
          ...(e.unit
            ? [{ key: 'unit', label: t('insight.evaluations.unitPercent'), children: `${percent(s.unitPercent)} (${e.unit.orgName})` }]
            : []),
          { key: 'tp', label: t('insight.evaluations.taskPoints'), children: points(s.taskPoints) },
          { key: 'gp', label: t('insight.evaluations.generalPoints'), children: points(s.generalPoints) },
          { key: 'total', label: t('insight.evaluations.total'), children: <strong>{points(s.total)}</strong> },
        ]}
      />
      {s.unitCapped && e.unit && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          title={t('insight.evaluations.unitCapped', { names: e.unit.subordinateNotCompleted.map((p) => p.personName).join(', ') })}
        />
      )}
      {e.tasks.length === 0 ? (
        <Typography.Text type="secondary">{t('insight.evaluations.noTasks', { pct: e.manualTaskPercent ?? '—' })}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="taskId"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={e.tasks}
          columns={[
            { title: t('insight.evaluations.task'), render: (_v, l) => <Link to={`/cong-viec/${l.taskId}`}>{l.title}</Link> },
            { title: t('insight.evaluations.weight'), width: 70, align: 'right', render: (_v, l) => l.weight },
            { title: t('insight.evaluations.dueDate'), width: 100, render: (_v, l) => fmt(l.dueDate) },
            {
              title: t('insight.evaluations.completedOn'),
              width: 110,
              render: (_v, l) => (l.done ? fmt(l.completedOn) : t('insight.evaluations.notDone')),
            },
            { title: t('insight.evaluations.quantity'), width: 80, align: 'right', render: (_v, l) => share(l.quantity) },
            { title: t('insight.evaluations.quality'), width: 80, align: 'right', render: (_v, l) => share(l.quality) },
            { title: t('insight.evaluations.timeliness'), width: 80, align: 'right', render: (_v, l) => share(l.timeliness) },
            {
              title: t('insight.evaluations.deductions'),
              render: (_v, l) => {
                const lines = l.deductions.map((d) =>
                  d.reason === 'major_error'
                    ? t('insight.evaluations.majorError', { count: d.count, pct: Math.round(d.share * 100) })
                    : d.reason === 'delay'
                      ? t('insight.evaluations.delay', { count: d.count, pct: Math.round(d.share * 100) })
                      : t('insight.evaluations.late'),
                );
                if (l.done && l.qualityAccepted === false) lines.unshift(t('insight.evaluations.qualityRejected'));
                return lines.length ? (
                  <Space orientation="vertical" size={0}>
                    {lines.map((x) => (
                      <Typography.Text key={x} type="danger">
                        {x}
                      </Typography.Text>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('insight.evaluations.noDeduction')}</Typography.Text>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}

function SelfAssessForm({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const m = useSelfAssess(e.id);
  return (
    <Card size="small" title={t('insight.evaluations.selfAssessment')}>
      <Form
        layout="vertical"
        initialValues={{ level: e.selfLevel ?? undefined, text: e.selfText ?? '' }}
        onFinish={(v: { level: RatingLevel; text: string }) =>
          m
            .mutateAsync({ version: e.version, level: v.level, text: v.text })
            .then(() => void message.success(t('common.saved')))
            .catch((err: unknown) => void message.error(errorText(err)))
        }
      >
        <Form.Item name="level" label={t('insight.evaluations.selfLevel')} rules={[{ required: true }]}>
          <Select options={RATING_LEVELS.map((l) => ({ value: l, label: RATING_LEVEL_LABELS[l][lang] }))} />
        </Form.Item>
        <Form.Item name="text" label={t('insight.evaluations.selfText')} rules={[{ required: true, min: 3 }]}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending}>
          {t('insight.evaluations.save')}
        </Button>
      </Form>
    </Card>
  );
}

interface Adj {
  majorErrors: number;
  objectiveErrors: number;
  lateObjective: boolean;
}

function ProposalForm({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const m = usePropose(e.id);
  const [adj, setAdj] = useState<Record<string, Adj>>(() =>
    Object.fromEntries(
      e.tasks.map((l) => [l.taskId, { majorErrors: l.majorErrors, objectiveErrors: l.objectiveErrors, lateObjective: l.lateObjective }]),
    ),
  );
  const patch = (taskId: string, p: Partial<Adj>) => setAdj((a) => ({ ...a, [taskId]: { ...a[taskId]!, ...p } }));
  const state = e.track === 'state';
  return (
    <Card size="small" title={t('insight.evaluations.proposal')}>
      <Form
        layout="vertical"
        initialValues={{
          generalPoints: e.score.generalPoints ?? undefined,
          manualTaskPercent: e.manualTaskPercent ?? undefined,
          level: e.proposedLevel ?? undefined,
          note: e.proposalNote ?? '',
        }}
        onFinish={(v: { generalPoints?: number; manualTaskPercent?: number; level?: RatingLevel; note?: string }) =>
          m
            .mutateAsync({
              version: e.version,
              generalPoints: state ? (v.generalPoints ?? null) : null,
              manualTaskPercent: state && e.tasks.length === 0 ? (v.manualTaskPercent ?? null) : null,
              level: v.level ?? null,
              note: v.note || null,
              taskAdjustments: Object.entries(adj)
                .filter(([, a]) => a.majorErrors > 0 || a.lateObjective)
                .map(([taskId, a]) => ({ taskId, ...a })),
            })
            .then(() => void message.success(t('common.saved')))
            .catch((err: unknown) => void message.error(errorText(err)))
        }
      >
        {state && (
          <Form.Item name="generalPoints" label={t('insight.evaluations.general')} rules={[{ required: true }]}>
            <InputNumber min={0} max={30} step={0.5} style={{ width: 160 }} />
          </Form.Item>
        )}
        {state && e.tasks.length === 0 && (
          <Form.Item name="manualTaskPercent" label={t('insight.evaluations.manual')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: 160 }} />
          </Form.Item>
        )}
        {state && e.tasks.length > 0 && (
          <Table
            size="small"
            rowKey="taskId"
            pagination={false}
            scroll={{ x: 560 }}
            style={{ marginBottom: 16 }}
            dataSource={e.tasks}
            columns={[
              { title: t('insight.evaluations.task'), render: (_v, l) => l.title },
              {
                title: t('insight.evaluations.errors'),
                width: 100,
                render: (_v, l) => (
                  <InputNumber
                    min={0}
                    max={20}
                    size="small"
                    value={adj[l.taskId]!.majorErrors}
                    onChange={(n) => patch(l.taskId, { majorErrors: n ?? 0 })}
                    aria-label={`${t('insight.evaluations.errors')}: ${l.title}`}
                  />
                ),
              },
              {
                title: t('insight.evaluations.objectiveErrors'),
                width: 120,
                render: (_v, l) => (
                  <InputNumber
                    min={0}
                    max={adj[l.taskId]!.majorErrors}
                    size="small"
                    value={adj[l.taskId]!.objectiveErrors}
                    onChange={(n) => patch(l.taskId, { objectiveErrors: n ?? 0 })}
                  />
                ),
              },
              {
                title: t('insight.evaluations.lateObjective'),
                width: 130,
                render: (_v, l) =>
                  l.completedLate ? (
                    <Switch size="small" checked={adj[l.taskId]!.lateObjective} onChange={(c) => patch(l.taskId, { lateObjective: c })} />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
        <Form.Item
          name="level"
          label={state ? t('insight.evaluations.lowerLevel') : t('insight.evaluations.partyLevel')}
          rules={state ? [] : [{ required: true }]}
        >
          <Select
            allowClear={state}
            options={RATING_LEVELS.map((l) => ({ value: l, label: RATING_LEVEL_LABELS[l][lang] }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('insight.evaluations.note')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending}>
          {t('insight.evaluations.propose')}
        </Button>
      </Form>
    </Card>
  );
}

function ApproveButton({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const m = useApprove();
  return (
    <Button
      type="primary"
      loading={m.isPending}
      onClick={() =>
        m
          .mutateAsync({ id: e.id, version: e.version })
          .then(() => void message.success(t('common.saved')))
          .catch((err: unknown) => void message.error(errorText(err)))
      }
    >
      {t('insight.evaluations.approve')}
    </Button>
  );
}
