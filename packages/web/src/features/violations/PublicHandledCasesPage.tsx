/**
 * Public page (/cong-khai/xu-ly-vi-pham/:orgCode), no sign-in, made for phones: how violations
 * reported by citizens were handled in a unit and its sub-units, as the city requires. Only
 * cases the inspector published, only the fields chosen (anonymous unless a name was chosen).
 */
import type { PublicHandledCases, z } from '@kycuong/domain';
import { Alert, Card, Empty, Pagination, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePublicHandledCases } from './api';
import { dmy, useViolationLabels } from './labels';
import './violations.css';

type Page = z.infer<typeof PublicHandledCases>;

export default function PublicHandledCasesPage() {
  const { orgCode } = useParams<{ orgCode: string }>();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = usePublicHandledCases(orgCode, page);
  return (
    <div className="kc-public-vp">
      <div className="kc-public-vp-top">
        <Typography.Text strong style={{ color: '#a61d24', fontSize: 16 }}>
          {t('app.name')} · {t('violations.public.heading')}
        </Typography.Text>
        <LanguageSwitch signedIn={false} />
      </div>
      {q.isPending && (
        <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {q.isError &&
        (q.error instanceof ApiError && q.error.status === 404 ? (
          <Result status="404" title="404" subTitle={t('violations.public.notFound')} />
        ) : (
          <Alert type="error" showIcon title={q.error.message} />
        ))}
      {q.data && <PublicList p={q.data} onPage={(p) => setParams(p > 1 ? { page: String(p) } : {}, { replace: true })} />}
    </div>
  );
}

function PublicList({ p, onPage }: { p: Page; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const labels = useViolationLabels();
  return (
    <>
      <div className="kc-public-vp-hero">
        <div style={{ opacity: 0.85 }}>{t('violations.public.intro')}</div>
        <h1 className="kc-wrap" data-testid="public-org">
          {p.org.name}
        </h1>
        <div>{t('violations.public.count', { count: p.total })}</div>
      </div>
      {p.items.length === 0 ? (
        <Card>
          <Empty description={t('violations.public.empty')} />
        </Card>
      ) : (
        p.items.map((c) => (
          <Card key={c.id} size="small" style={{ marginBottom: 12 }} data-testid="public-case">
            <Space wrap size={[4, 4]} style={{ marginBottom: 6 }}>
              <Tag color={c.outcome === 'violation' ? 'red' : 'green'}>{labels.outcome(c.outcome)}</Tag>
              {(c.groups ?? []).map((g) => (
                <Tag key={g.code}>{g.title}</Tag>
              ))}
            </Space>
            {c.items && (
              <ul className="kc-public-vp-items">
                {c.items.map((i) => (
                  <li key={i.code} className="kc-wrap">
                    {i.code} — {i.title}
                  </li>
                ))}
              </ul>
            )}
            {c.summary && (
              <Typography.Paragraph className="kc-wrap" style={{ marginBottom: 6 }}>
                {c.summary}
              </Typography.Paragraph>
            )}
            <div className="kc-public-vp-meta">
              {c.sanctions && c.sanctions.length > 0 && (
                <span>
                  {t('violations.public.handled')}:{' '}
                  {c.sanctions.map((s) => `${s.label} (${labels.track(s.track).toLowerCase()})`).join(', ')}
                </span>
              )}
              {c.unitName && (
                <span className="kc-wrap">
                  {t('violations.fields.unit')}: {c.unitName}
                </span>
              )}
              {c.subjectName && (
                <span className="kc-wrap">
                  {t('violations.public.subject')}: {c.subjectName}
                </span>
              )}
              {c.receivedDate && (
                <span>
                  {t('violations.public.received')}: {dmy(c.receivedDate)} · {t('violations.public.concluded')}: {dmy(c.concludedDate)}
                </span>
              )}
            </div>
          </Card>
        ))
      )}
      {p.total > p.pageSize && (
        <Pagination current={p.page} pageSize={p.pageSize} total={p.total} onChange={onPage} size="small" style={{ textAlign: 'center' }} />
      )}
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
        {t('violations.public.footer')}
      </Typography.Paragraph>
    </>
  );
}
