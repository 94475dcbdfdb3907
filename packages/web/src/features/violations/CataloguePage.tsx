/**
 * The manifestation catalogue of a directive (/vi-pham/danh-muc): groups and items with their
 * stable codes, any earlier version on demand, and — for system administrators — the editor that
 * saves a new version (cases keep the version they were tagged with). With no catalogue yet, an
 * administrator starts from the 24-CT/TU sample.
 */
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { SAMPLE_CATALOGUE_24_CT_TU, SAMPLE_CATALOGUE_TITLE, type Catalogue, type CatalogueGroupDraft } from '@kycuong/domain';
import { Alert, App, Button, Card, Collapse, Empty, Form, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { reportError } from '../../components/forms';
import { useDebounced } from '../../components/useDebounced';
import { useCurrentUser } from '../auth/api';
import { useCatalogue, useCatalogues, useCreateCatalogue, useDirectives, useSaveCatalogue } from './api';
import './violations.css';

export default function CataloguePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const list = useCatalogues();
  const selected = params.get('id') ?? list.data?.items[0]?.id;
  const version = Number(params.get('version')) || undefined;
  const catalogue = useCatalogue(selected, version);
  const [editing, setEditing] = useState(false);
  const manage = can(me, 'catalogue.manage');

  if (list.isPending) return <PageSpinner />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  if (list.data.items.length === 0) {
    return (
      <>
        <PageHeader title={t('violations.catalogue.title')} />
        {manage ? <CreateFromSample /> : <Empty description={t('violations.catalogue.none')} />}
      </>
    );
  }
  const c = catalogue.data;
  return (
    <>
      <PageHeader
        title={t('violations.catalogue.title')}
        extra={
          <>
            {list.data.items.length > 1 && (
              <Select
                value={selected}
                onChange={(v: string) => set({ id: v, version: undefined })}
                options={list.data.items.map((x) => ({ value: x.id, label: x.title }))}
                style={{ minWidth: 240 }}
              />
            )}
            {c && (
              <Select
                value={c.version}
                onChange={(v: number) => set({ version: v === c.currentVersion ? undefined : String(v) })}
                options={c.versions.map((v) => ({ value: v.version, label: t('common.version', { version: v.version }) }))}
                aria-label={t('violations.catalogue.versions')}
              />
            )}
            {manage && c && !editing && c.version === c.currentVersion && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      {catalogue.isError && <ErrorResult error={catalogue.error} />}
      {c && (editing ? <CatalogueEditor c={c} onDone={() => setEditing(false)} /> : <CatalogueView c={c} />)}
    </>
  );
}

function CatalogueView({ c }: { c: Catalogue }) {
  const { t } = useTranslation();
  const current = c.versions.find((v) => v.version === c.version);
  const total = c.groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <>
      {c.sampleNotice && <Alert type="warning" showIcon title={c.sampleNotice} style={{ marginBottom: 16 }} data-testid="sample-notice" />}
      {c.version !== c.currentVersion && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('violations.catalogue.oldVersion', { version: c.version, current: c.currentVersion })}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Title level={5} className="kc-wrap" style={{ marginTop: 0 }}>
          {c.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('violations.catalogue.summary', { groups: c.groups.length, items: total })}
          {current ? ` · ${t('common.version', { version: c.version })}${current.createdBy ? `, ${current.createdBy}` : ''}` : ''}
          {current?.note ? ` — ${current.note}` : ''}
        </Typography.Text>
      </Card>
      <Collapse
        defaultActiveKey={c.groups.map((g) => g.code)}
        items={c.groups.map((g) => ({
          key: g.code,
          label: (
            <span className="kc-wrap">
              <Tag color="red">{g.code}</Tag>
              {g.title} ({g.items.length})
            </span>
          ),
          children: (
            <ol className="kc-catalogue-items">
              {g.items.map((i) => (
                <li key={i.code}>
                  <Tag>{i.code}</Tag>
                  <span className="kc-wrap">{i.title}</span>
                </li>
              ))}
            </ol>
          ),
        }))}
      />
    </>
  );
}

interface EditorValues {
  title: string;
  note?: string;
  isSample: boolean;
  groups: CatalogueGroupDraft[];
}

function GroupsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="groups">
      {(groups, { add: addGroup, remove: removeGroup }) => (
        <>
          {groups.map((g) => (
            <Card
              key={g.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name={[g.name, 'code']} noStyle rules={[{ required: true }]}>
                    <Input style={{ width: 80 }} placeholder="KL" aria-label={t('violations.catalogue.groupCode')} />
                  </Form.Item>
                  <Form.Item name={[g.name, 'title']} noStyle rules={[{ required: true }]}>
                    <Input placeholder={t('violations.catalogue.groupTitle')} aria-label={t('violations.catalogue.groupTitle')} />
                  </Form.Item>
                </Space.Compact>
              }
              extra={<MinusCircleOutlined onClick={() => removeGroup(g.name)} aria-label={t('common.remove')} />}
            >
              <Form.List name={[g.name, 'items']}>
                {(items, { add, remove }) => (
                  <>
                    {items.map((it) => (
                      <div key={it.key} className="kc-catalogue-edit-row">
                        <Form.Item
                          name={[it.name, 'code']}
                          rules={[{ required: true, message: t('common.required') }]}
                          style={{ marginBottom: 6 }}
                        >
                          <Input style={{ width: 90 }} placeholder="KL-01" aria-label={t('violations.catalogue.itemCode')} />
                        </Form.Item>
                        <Form.Item
                          name={[it.name, 'title']}
                          rules={[{ required: true, min: 3, message: t('common.required') }]}
                          style={{ flex: 1, marginBottom: 6 }}
                        >
                          <Input.TextArea
                            autoSize
                            placeholder={t('violations.catalogue.itemTitle')}
                            aria-label={t('violations.catalogue.itemTitle')}
                          />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(it.name)} aria-label={t('common.remove')} style={{ marginTop: 8 }} />
                      </div>
                    ))}
                    <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ code: '', title: '' })}>
                      {t('violations.catalogue.addItem')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => addGroup({ code: '', title: '', items: [] })}>
            {t('violations.catalogue.addGroup')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function CatalogueEditor({ c, onDone }: { c: Catalogue; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const save = useSaveCatalogue(c.id);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({
        version: c.currentVersion,
        title: v.title,
        isSample: v.isSample,
        ...(v.note ? { note: v.note } : {}),
        groups: v.groups,
      });
      void message.success(t('violations.catalogue.saved'));
      onDone();
    } catch (err) {
      reportError(form, err, (text) => void message.error(text));
    }
  };
  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      initialValues={{
        title: c.title,
        isSample: c.isSample,
        groups: c.groups.map((g) => ({ code: g.code, title: g.title, items: g.items.map((i) => ({ code: i.code, title: i.title })) })),
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('violations.catalogue.editHelp')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="title" label={t('violations.fields.title')} rules={[{ required: true, min: 3 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="note" label={t('violations.catalogue.note')}>
          <Input maxLength={500} placeholder={t('violations.catalogue.notePlaceholder')} />
        </Form.Item>
        <Form.Item name="isSample" label={t('violations.catalogue.isSample')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Card>
      <GroupsEditor />
      <Space style={{ marginTop: 16 }} wrap>
        <Button type="primary" onClick={() => void submit()} loading={save.isPending}>
          {t('violations.catalogue.saveVersion')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function CreateFromSample() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateCatalogue();
  const [search, setSearch] = useState('24-CT/TU');
  const typed = useDebounced(search.trim(), 300);
  const docs = useDirectives(typed);
  const [documentId, setDocumentId] = useState<string | undefined>();
  useEffect(() => {
    if (!documentId && docs.data?.items[0]) setDocumentId(docs.data.items[0].id);
  }, [docs.data]);
  const submit = async () => {
    try {
      await create.mutateAsync({
        documentId: documentId!,
        title: SAMPLE_CATALOGUE_TITLE,
        isSample: true,
        groups: SAMPLE_CATALOGUE_24_CT_TU.map((g) => ({ code: g.code, title: g.title, items: g.items.map((i) => ({ ...i })) })),
      });
      void message.success(t('violations.catalogue.saved'));
    } catch (err) {
      reportError(null, err, (text) => void message.error(text));
    }
  };
  return (
    <Card>
      <Typography.Paragraph>{t('violations.catalogue.startHelp')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
        <Select
          style={{ width: '100%' }}
          value={documentId}
          onChange={setDocumentId}
          placeholder={t('violations.catalogue.pickDocument')}
          showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
          options={(docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.number ?? ''} ${d.title}` }))}
        />
        <Button type="primary" disabled={!documentId} loading={create.isPending} onClick={() => void submit()}>
          {t('violations.catalogue.useSample')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
