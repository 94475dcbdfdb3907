/** My ratings (/danh-gia): every period on both tracks, with the Quy định 41-QĐ/TW flags. */
import { Alert, Button, Card, Empty, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { useCurrentUser } from '../auth/api';
import { useEvaluationHistory } from './api';
import { LevelTag, StatusTag, points, trackLabel, useLang } from './shared';

export default function MyEvaluationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useCurrentUser();
  const h = useEvaluationHistory();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('insight.evaluations.mine')}
        extra={
          can(me, 'evaluation.read') && (
            <Link to="/danh-gia/don-vi">
              <Button>{t('insight.evaluations.unit')}</Button>
            </Link>
          )
        }
      />
      {h.isPending && <PageSpinner />}
      {h.error && <ErrorResult error={h.error} />}
      {h.data && (
        <>
          {h.data.flags.map((f) => (
            <Alert key={f.code} type="warning" showIcon title={f.label} description={f.evidence.join(', ')} />
          ))}
          <Card size="small" title={t('insight.evaluations.history')}>
            {h.data.items.length === 0 ? (
              <Empty description={t('insight.evaluations.empty')} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 520 }}
                dataSource={h.data.items}
                columns={[
                  { title: t('insight.evaluations.period'), render: (_v, e) => <Link to={`/danh-gia/${e.id}`}>{e.period}</Link> },
                  { title: t('insight.evaluations.track'), render: (_v, e) => trackLabel(e.track, lang) },
                  { title: t('insight.evaluations.status'), render: (_v, e) => <StatusTag status={e.status} /> },
                  { title: t('insight.evaluations.score'), align: 'right', render: (_v, e) => points(e.score.total) },
                  { title: t('insight.evaluations.level'), render: (_v, e) => <LevelTag level={e.level} /> },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
