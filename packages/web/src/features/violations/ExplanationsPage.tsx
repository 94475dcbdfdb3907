/**
 * My explanation requests (/giai-trinh): cases in which the signed-in person (or the unit they
 * head) is asked to explain, with the catalogue items concerned and the due date; an open request
 * is answered here, once, before its due date. The notification of a request links to this page.
 */
import type { ExplanationRequest, z } from '@kycuong/domain';
import { Alert, App, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { errorText } from '../../components/forms';
import { useExplanationRequests, useSubmitExplanation } from './api';
import { dmy } from './labels';

export default function ExplanationsPage() {
  const { t } = useTranslation();
  const q = useExplanationRequests();
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <PageHeader title={t('violations.explanations.title')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('violations.explanations.help')} />
      {q.data.items.length === 0 ? (
        <Card>
          <Empty description={t('violations.explanations.none')} />
        </Card>
      ) : (
        q.data.items.map((r) => <Request key={r.caseId} r={r} />)
      )}
    </>
  );
}

function Request({ r }: { r: z.infer<typeof ExplanationRequest> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitExplanation();
  const [text, setText] = useState('');
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={<span className="kc-wrap">{r.title}</span>}
      extra={
        r.open ? (
          <Tag color="gold">{t('violations.explanations.due', { date: dmy(r.dueDate) })}</Tag>
        ) : (
          <Tag>{r.submittedAt ? t('violations.explanations.sent') : t('violations.explanations.expired')}</Tag>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('violations.explanations.requested', { date: dmy(r.requestedDate) })}</Typography.Text>
        {r.items.map((i) => (
          <div key={i.code} className="kc-wrap">
            <Tag color="red">{i.code}</Tag>
            {i.title}
          </div>
        ))}
        {r.note && (
          <Typography.Paragraph className="kc-wrap" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {r.note}
          </Typography.Paragraph>
        )}
        {r.open && (
          <>
            <Input.TextArea
              rows={5}
              maxLength={10000}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('violations.explanations.placeholder')}
              aria-label={t('violations.explanations.placeholder')}
            />
            <Button
              type="primary"
              disabled={text.trim().length < 10}
              loading={submit.isPending}
              onClick={() =>
                void submit
                  .mutateAsync({ caseId: r.caseId, text: text.trim() })
                  .then(() => void message.success(t('violations.explanations.done')))
                  .catch((err: unknown) => void message.error(errorText(err)))
              }
            >
              {t('violations.explanations.submit')}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}
