/**
 * Fast entry of contributions from a paper list (/van-dong/:id/ghi-nhan): a keyboard table where
 * Enter (or Tab) moves to the next cell and Enter on the last cell opens a new row; the member is
 * picked by typing part of the name (without diacritics), the amount accepts "500k" / "1,5tr"
 * and is read back in words; one Save sends the whole batch, which the server takes or rejects
 * as a whole and whose wrong cells are marked here.
 */
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { foldForSearch, PAYMENT_METHODS, type CampaignDetail, type PaymentMethod } from '@kycuong/domain';
import { Alert, App, AutoComplete, Button, Card, Input, Space, Tag, Typography, type InputRef } from 'antd';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, ForbiddenResult, PageSpinner } from '../../components/Results';
import { errorText } from '../../components/forms';
import { useCampaign, useCampaignMembers, useRecordBatch } from './api';
import { MoneyInput } from './MoneyInput';
import { dong, useCampaignLabels, words } from './money';
import './campaigns.css';

interface Row {
  key: number;
  personId: string | null;
  personText: string;
  amount: number | null;
  method: PaymentMethod;
  reference: string;
  date: string;
}

type Col = 'person' | 'amount' | 'method' | 'reference' | 'date';
const COLS: Col[] = ['person', 'amount', 'method', 'reference', 'date'];

function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export default function EntryPage() {
  const { id } = useParams<{ id: string }>();
  const campaign = useCampaign(id);
  if (campaign.isPending) return <PageSpinner />;
  if (campaign.isError) return <ErrorResult error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data.canCollect) return <ForbiddenResult />;
  return <EntryTable c={campaign.data} />;
}

let nextKey = 1;

function EntryTable({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCampaignLabels();
  const members = useCampaignMembers(c.id, true);
  const record = useRecordBatch();
  const [defaults, setDefaults] = useState<{ method: PaymentMethod; date: string }>({ method: 'cash', date: todayLocal() });
  const blank = useCallback(
    (): Row => ({
      key: nextKey++,
      personId: null,
      personText: '',
      amount: null,
      method: defaults.method,
      reference: '',
      date: defaults.date,
    }),
    [defaults],
  );
  const [rows, setRows] = useState<Row[]>(() => [blank()]);
  const [errors, setErrors] = useState<Record<number, Partial<Record<Col | 'row', string>>>>({});
  const cells = useRef(new Map<string, HTMLElement | InputRef | null>());

  const byId = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.personId, m])), [members.data]);
  const folded = useMemo(
    () => (members.data?.items ?? []).map((m) => ({ m, f: foldForSearch(`${m.fullName} ${m.orgName}`) })),
    [members.data],
  );

  const focus = (rowKey: number, col: Col) => {
    // After a state change the target may render on the next frame.
    setTimeout(() => {
      const el = cells.current.get(`${rowKey}:${col}`);
      if (el && 'focus' in el) el.focus();
    }, 0);
  };

  const patch = (key: number, p: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
    setErrors((e) => (e[key] ? { ...e, [key]: {} } : e));
  };

  /** Enter: the next cell of the row (the reference only for transfers), then the next row. */
  const advance = (rowIndex: number, col: Col) => {
    const row = rows[rowIndex]!;
    let i = COLS.indexOf(col) + 1;
    if (COLS[i] === 'reference' && row.method !== 'transfer') i++;
    if (i < COLS.length) return focus(row.key, COLS[i]!);
    const below = rows[rowIndex + 1];
    if (below) return focus(below.key, 'person');
    const fresh = { ...blank(), method: row.method, date: row.date };
    setRows((rs) => [...rs, fresh]);
    focus(fresh.key, 'person');
  };

  const onKey = (rowIndex: number, col: Col) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      advance(rowIndex, col);
    }
  };

  const filled = rows.filter((r) => r.personId || r.personText.trim() || r.amount !== null);
  const total = filled.reduce((s, r) => s + (r.amount ?? 0), 0);

  const save = async () => {
    const local: typeof errors = {};
    for (const r of filled) {
      const e: Partial<Record<Col, string>> = {};
      if (!r.personId) e.person = t('campaigns.batch.pickPerson');
      if (r.amount === null || (c.kind === 'money' && r.amount <= 0)) e.amount = t('campaigns.batch.needAmount');
      if (r.method === 'transfer' && !r.reference.trim()) e.reference = t('campaigns.batch.needReference');
      if (Object.keys(e).length) local[r.key] = e;
    }
    setErrors(local);
    if (filled.length === 0 || Object.keys(local).length) {
      if (filled.length === 0) void message.warning(t('campaigns.batch.empty'));
      return;
    }
    try {
      const result = await record.mutateAsync({
        id: c.id,
        rows: filled.map((r) => ({
          personId: r.personId!,
          kind: 'contribution' as const,
          amount: r.amount!,
          method: r.method,
          reference: r.method === 'transfer' ? r.reference.trim() : null,
          date: r.date,
        })),
      });
      void message.success(t('campaigns.batch.saved', { count: result.created, amount: dong(total) }));
      setRows([blank()]);
      setErrors({});
      await members.refetch();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        // rows[i].field → the i-th sent row, which is the i-th filled row of the table.
        const mapped: typeof errors = {};
        const colOf: Record<string, Col> = {
          personId: 'person',
          orgId: 'person',
          amount: 'amount',
          method: 'method',
          reference: 'reference',
          date: 'date',
        };
        for (const f of err.fields) {
          const m = /^rows\[(\d+)\]\.(\w+)$/.exec(f.path);
          const row = m ? filled[Number(m[1])] : undefined;
          if (!row) continue;
          mapped[row.key] = { ...mapped[row.key], [colOf[m![2]!] ?? 'row']: f.message };
        }
        setErrors(mapped);
      }
      void message.error(errorText(err));
    }
  };

  const onTableKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter')) {
      e.preventDefault();
      void save();
    }
  };

  const setRef = (key: number, col: Col) => (el: HTMLElement | InputRef | null) => {
    cells.current.set(`${key}:${col}`, el);
  };

  const personOptions = (text: string) => {
    const q = foldForSearch(text.trim());
    const list = q ? folded.filter((x) => x.f.includes(q)) : folded;
    return list.slice(0, 12).map(({ m }) => ({
      value: m.personId,
      label: (
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span>
            {m.fullName} <Typography.Text type="secondary">· {m.orgName}</Typography.Text>
          </span>
          {m.contributed > 0 && (
            <Typography.Text type="success">{t('campaigns.batch.given', { amount: dong(m.contributed) })}</Typography.Text>
          )}
        </div>
      ),
    }));
  };

  const counts = new Map<string, number>();
  for (const r of filled) if (r.personId) counts.set(r.personId, (counts.get(r.personId) ?? 0) + 1);

  return (
    <>
      <PageHeader
        title={t('campaigns.batch.title')}
        extra={
          <Link to={`/van-dong/${c.id}`}>
            <Button>{t('common.back')}</Button>
          </Link>
        }
      />
      <Typography.Paragraph strong className="kc-wrap">
        {c.title}
      </Typography.Paragraph>
      <Alert type="info" showIcon title={t('campaigns.batch.hint')} style={{ marginBottom: 12 }} />
      {members.data && members.data.items.length === 0 && (
        <Alert type="warning" showIcon title={t('campaigns.batch.noMembers')} style={{ marginBottom: 12 }} />
      )}
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('campaigns.batch.defaultMethod')}</span>
          <select
            className="kc-entry-native"
            style={{ width: 170 }}
            aria-label={t('campaigns.batch.defaultMethod')}
            value={defaults.method}
            onChange={(e) => setDefaults((d) => ({ ...d, method: e.target.value as PaymentMethod }))}
          >
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {labels.method(m)}
              </option>
            ))}
          </select>
          <span>{t('campaigns.batch.defaultDate')}</span>
          <input
            type="date"
            className="kc-entry-native"
            style={{ width: 160 }}
            aria-label={t('campaigns.batch.defaultDate')}
            value={defaults.date}
            min={c.startDate}
            onChange={(e) => setDefaults((d) => ({ ...d, date: e.target.value }))}
          />
        </Space>
        <div onKeyDown={onTableKey}>
          <table className="kc-entry-table" data-testid="entry-table">
            <thead>
              <tr>
                <th>#</th>
                <th style={{ minWidth: 260 }}>{t('campaigns.entry.person')}</th>
                <th style={{ minWidth: 200 }}>{t('campaigns.entry.amount')}</th>
                <th style={{ width: 150 }}>{t('campaigns.entry.method')}</th>
                <th style={{ width: 150 }}>{t('campaigns.entry.reference')}</th>
                <th style={{ width: 150 }}>{t('campaigns.entry.date')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const err = errors[r.key] ?? {};
                const member = r.personId ? byId.get(r.personId) : undefined;
                const dup = r.personId && (counts.get(r.personId) ?? 0) > 1;
                return (
                  <tr key={r.key} className={Object.keys(err).length ? 'kc-entry-error' : undefined} data-testid={`entry-row-${i}`}>
                    <td className="kc-entry-no">{i + 1}</td>
                    <td>
                      <span className="kc-entry-label">{t('campaigns.entry.person')}</span>
                      <AutoComplete
                        ref={setRef(r.key, 'person') as never}
                        style={{ width: '100%' }}
                        value={r.personText}
                        options={personOptions(r.personText)}
                        defaultActiveFirstOption
                        popupMatchSelectWidth={420}
                        status={err.person ? 'error' : undefined}
                        onChange={(text: string) =>
                          patch(r.key, { personText: text, personId: member && text === member.fullName ? r.personId : null })
                        }
                        onSelect={(value: string) => {
                          const m = byId.get(value);
                          patch(r.key, { personId: value, personText: m?.fullName ?? '', amount: r.amount ?? m?.suggestedAmount ?? null });
                          focus(r.key, 'amount');
                        }}
                        onKeyDown={(e) => {
                          // With the list open Enter picks the highlighted member (onSelect moves on).
                          if (e.key === 'Enter' && r.personId && r.personText === member?.fullName) onKey(i, 'person')(e);
                        }}
                      >
                        <Input
                          placeholder={t('campaigns.batch.personPlaceholder')}
                          aria-label={`${t('campaigns.entry.person')} ${i + 1}`}
                        />
                      </AutoComplete>
                      {member && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {member.orgName}
                          {member.contributed > 0 ? ` · ${t('campaigns.batch.given', { amount: dong(member.contributed) })}` : ''}
                        </Typography.Text>
                      )}
                      {dup && <Tag color="orange">{t('campaigns.batch.twice')}</Tag>}
                      {err.person && <div className="ant-form-item-explain-error">{err.person}</div>}
                    </td>
                    <td>
                      <span className="kc-entry-label">{t('campaigns.entry.amount')}</span>
                      <MoneyInput
                        ref={setRef(r.key, 'amount')}
                        value={r.amount}
                        onChange={(v) => patch(r.key, { amount: v })}
                        onKeyDown={onKey(i, 'amount')}
                        status={err.amount ? 'error' : ''}
                        aria-label={`${t('campaigns.entry.amount')} ${i + 1}`}
                      />
                      {err.amount && <div className="ant-form-item-explain-error">{err.amount}</div>}
                    </td>
                    <td>
                      <span className="kc-entry-label">{t('campaigns.entry.method')}</span>
                      <select
                        ref={setRef(r.key, 'method')}
                        className="kc-entry-native"
                        value={r.method}
                        aria-label={`${t('campaigns.entry.method')} ${i + 1}`}
                        onChange={(e) => patch(r.key, { method: e.target.value as PaymentMethod })}
                        onKeyDown={onKey(i, 'method')}
                      >
                        {PAYMENT_METHODS.map((m) => (
                          <option key={m} value={m}>
                            {labels.method(m)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span className="kc-entry-label">{t('campaigns.entry.reference')}</span>
                      <Input
                        ref={setRef(r.key, 'reference')}
                        value={r.reference}
                        placeholder={r.method === 'transfer' ? 'FT…' : ''}
                        status={err.reference ? 'error' : undefined}
                        aria-label={`${t('campaigns.entry.reference')} ${i + 1}`}
                        onChange={(e) => patch(r.key, { reference: e.target.value })}
                        onKeyDown={onKey(i, 'reference')}
                      />
                      {err.reference && <div className="ant-form-item-explain-error">{err.reference}</div>}
                    </td>
                    <td>
                      <span className="kc-entry-label">{t('campaigns.entry.date')}</span>
                      <input
                        ref={setRef(r.key, 'date')}
                        type="date"
                        className="kc-entry-native"
                        value={r.date}
                        min={c.startDate}
                        aria-label={`${t('campaigns.entry.date')} ${i + 1}`}
                        onChange={(e) => patch(r.key, { date: e.target.value })}
                        onKeyDown={onKey(i, 'date')}
                      />
                      {(err.date ?? err.row) && <div className="ant-form-item-explain-error">{err.date ?? err.row}</div>}
                    </td>
                    <td>
                      <Button
                        type="text"
                        tabIndex={-1}
                        icon={<DeleteOutlined />}
                        aria-label={t('campaigns.batch.removeRow')}
                        onClick={() => setRows((rs) => (rs.length > 1 ? rs.filter((x) => x.key !== r.key) : [blank()]))}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 12, marginTop: 12 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              const last = rows[rows.length - 1];
              const fresh = { ...blank(), ...(last ? { method: last.method, date: last.date } : {}) };
              setRows((rs) => [...rs, fresh]);
              focus(fresh.key, 'person');
            }}
          >
            {t('campaigns.batch.addRow')}
          </Button>
          <div style={{ textAlign: 'right', flex: '1 1 260px' }}>
            <div data-testid="batch-total">
              <strong>{t('campaigns.batch.total', { count: filled.length, amount: dong(total) })}</strong>
            </div>
            <Typography.Text type="secondary" className="kc-wrap" style={{ fontSize: 12 }}>
              {total > 0 ? words(total) : ''}
            </Typography.Text>
          </div>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={record.isPending}
            onClick={() => void save()}
            disabled={filled.length === 0}
          >
            {t('campaigns.batch.save', { count: filled.length })}
          </Button>
        </div>
      </Card>
    </>
  );
}
