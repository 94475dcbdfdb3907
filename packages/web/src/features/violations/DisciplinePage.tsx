/**
 * A person's discipline track (/can-bo/:id/ky-luat): Party and State sanctions kept apart, with
 * the decision, its number and whether it is still running. Visible to the person and to
 * inspection roles over their units (others get 404 from the server).
 */
import type { DisciplineRecord } from '@kycuong/domain';
import { Card, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { usePersonDiscipline } from './api';
import { dmy, useViolationLabels } from './labels';

export default function DisciplinePage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const labels = useViolationLabels();
  const q = usePersonDiscipline(id);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const columns = [
    {
      title: t('violations.fields.form'),
      key: 'form',
      render: (_: unknown, r: DisciplineRecord) => <Tag color="volcano">{r.formLabel}</Tag>,
    },
    {
      title: t('violations.discipline.category'),
      key: 'category',
      responsive: ['md' as const],
      render: (_: unknown, r: DisciplineRecord) => labels.category(r.category),
    },
    {
      title: t('violations.fields.decisionDate'),
      key: 'date',
      render: (_: unknown, r: DisciplineRecord) => (
        <span>
          {dmy(r.decisionDate)}
          {r.decisionNumber && <div style={{ fontSize: 12 }}>{r.decisionNumber}</div>}
        </span>
      ),
    },
    {
      title: t('violations.fields.effectiveUntil'),
      key: 'until',
      render: (_: unknown, r: DisciplineRecord) => (
        <span>
          {dmy(r.effectiveUntil)} {r.running && <Tag color="gold">{t('violations.discipline.running')}</Tag>}
        </span>
      ),
    },
    {
      title: t('violations.discipline.case'),
      key: 'case',
      render: (_: unknown, r: DisciplineRecord) => (r.caseId ? <Link to={`/vi-pham/${r.caseId}`}>{t('common.details')}</Link> : '—'),
    },
  ];
  return (
    <>
      <PageHeader title={t('violations.discipline.title', { name: q.data.fullName })} />
      {(['party', 'state'] as const).map((track) => (
        <Card key={track} size="small" title={labels.track(track)} style={{ marginBottom: 16 }} data-testid={`discipline-${track}`}>
          <Table<DisciplineRecord>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={q.data[track]}
            columns={columns}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('violations.discipline.none')} /> }}
          />
        </Card>
      ))}
    </>
  );
}
