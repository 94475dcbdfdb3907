/**
 * Audit viewer (/nhat-ky): the append-only log within the reader's scope, filtered by record
 * type, action, period and actor (filters kept in the URL); each row expands to the fields that
 * changed, before and after.
 */
import { AutoComplete, Alert, Button, Card, DatePicker, Empty, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useIsPhone } from '../../components/useIsPhone';
import { changedKeys, isRecord, useAudit, type AuditRecord } from './api';

const KNOWN_ENTITIES = ['org', 'person', 'membership', 'user', 'grant', 'setting'] as const;
type KnownEntity = (typeof KNOWN_ENTITIES)[number];
const isKnown = (v: string): v is KnownEntity => (KNOWN_ENTITIES as readonly string[]).includes(v);

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '∅';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Diff({ entry }: { entry: AuditRecord }) {
  const { t } = useTranslation();
  const keys = changedKeys(entry.before, entry.after);
  const b = isRecord(entry.before) ? entry.before : {};
  const a = isRecord(entry.after) ? entry.after : {};
  if (keys.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      scroll={{ x: 'max-content' }}
      dataSource={keys.map((key) => ({ key, before: show(b[key]), after: show(a[key]) }))}
      columns={[
        { title: t('audit.field'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: string) => (
            <Typography.Text delete={!!v} type="danger" className="kc-wrap" style={{ maxWidth: 360, display: 'inline-block' }}>
              {v}
            </Typography.Text>
          ),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: string) => (
            <Typography.Text type="success" className="kc-wrap" style={{ maxWidth: 360, display: 'inline-block' }}>
              {v}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const [action, setAction] = useState(get('action') ?? '');
  const [entity, setEntity] = useState(get('entityType') ?? '');
  const filters = {
    entityType: get('entityType'),
    entityId: get('entityId'),
    action: get('action'),
    actorUserId: get('actor'),
    from: get('from'),
    to: get('to'),
    page,
    pageSize,
  };
  const audit = useAudit(filters);
  const isPhone = useIsPhone();

  const update = (patch: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const entityLabel = (e: string) => (isKnown(e) ? t(`audit.entity.${e}`) : e);
  const actor = (e: AuditRecord) =>
    e.actorUserId ? (
      <Typography.Link onClick={() => update({ actor: e.actorUserId ?? undefined, actorName: e.actorName ?? undefined })}>
        {e.actorName ?? e.actorUserId}
      </Typography.Link>
    ) : (
      <Typography.Text type="secondary">{e.actorName ?? t('audit.system')}</Typography.Text>
    );

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.fields.seq'), dataIndex: 'seq', key: 'seq', responsive: ['lg'], width: 80 },
    {
      title: t('audit.fields.at'),
      dataIndex: 'at',
      key: 'at',
      render: (v: string, e) => (
        <Space orientation="vertical" size={2}>
          <span>{dayjs(v).format('HH:mm:ss DD/MM/YYYY')}</span>
          {/* On a phone the other columns are hidden: who and what go under the time. */}
          <span className="kc-show-phone">
            <Space size={4} wrap>
              {actor(e)}
              <Tag>{e.action}</Tag>
            </Space>
          </span>
        </Space>
      ),
    },
    { title: t('audit.fields.actor'), key: 'actor', responsive: ['md'], render: (_, e) => actor(e) },
    { title: t('audit.fields.action'), dataIndex: 'action', key: 'action', responsive: ['md'], render: (v: string) => <Tag>{v}</Tag> },
    {
      title: t('audit.fields.entityType'),
      dataIndex: 'entityType',
      key: 'entityType',
      responsive: ['md'],
      render: (v: string) => entityLabel(v),
    },
    {
      title: t('audit.fields.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      responsive: ['xl'],
      render: (v: string) => (
        <Typography.Link code onClick={() => update({ entityId: v })} style={{ fontSize: 12 }}>
          {v}
        </Typography.Link>
      ),
    },
  ];

  const range = filters.from && filters.to ? ([dayjs(filters.from), dayjs(filters.to)] as const) : null;

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <div className="kc-filters">
          <AutoComplete
            allowClear
            placeholder={t('audit.fields.entityType')}
            value={entity}
            options={KNOWN_ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))}
            onChange={(v: string | undefined) => {
              setEntity(v ?? '');
              if (!v) update({ entityType: undefined });
            }}
            onSelect={(v: string | undefined) => update({ entityType: v })}
            onBlur={() => update({ entityType: entity.trim() || undefined })}
            aria-label={t('audit.fields.entityType')}
          />
          <Input.Search
            allowClear
            placeholder={t('audit.fields.action')}
            aria-label={t('audit.fields.action')}
            value={action}
            onChange={(e) => setAction(e.target.value)}
            onSearch={(v) => update({ action: v.trim() || undefined })}
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={range ? [range[0], range[1]] : null}
            onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            style={{ flexBasis: 260 }}
          />
        </div>
        {(filters.actorUserId || filters.entityId) && (
          <Space wrap style={{ marginBottom: 12 }}>
            {filters.actorUserId && (
              <Tag closable onClose={() => update({ actor: undefined, actorName: undefined })}>
                {t('audit.fields.actor')}: {get('actorName') ?? filters.actorUserId}
              </Tag>
            )}
            {filters.entityId && (
              <Tag closable onClose={() => update({ entityId: undefined })}>
                {t('audit.fields.entityId')}: {filters.entityId}
              </Tag>
            )}
            <Button size="small" type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('common.reset')}
            </Button>
          </Space>
        )}
        {audit.isError && <Alert type="error" showIcon title={audit.error.message} style={{ marginBottom: 16 }} />}
        <Table<AuditRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          scroll={isPhone ? undefined : { x: 'max-content' }}
          expandable={{ expandedRowRender: (e) => <Diff entry={e} />, rowExpandable: (e) => e.before !== null || e.after !== null }}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p) => update({ page: String(p) }, true),
            size: 'small',
            showSizeChanger: false,
          }}
        />
      </Card>
    </>
  );
}
