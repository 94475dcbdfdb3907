/**
 * Form inputs shared by the task forms: a deadline given as a date or as "N ngày làm việc" with a
 * live preview of the computed day from the server's calendar, evidence file uploads, and a
 * picker of the units and people a task may go to (from GET /tasks/{id}/candidates).
 */
import { UploadOutlined } from '@ant-design/icons';
import type { FileInfo } from '@kycuong/domain';
import { Button, DatePicker, InputNumber, Radio, Select, Space, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/forms';
import { useDebounced } from '../../components/useDebounced';
import { uploadFile, useAddWorkingDays, useCandidates, type Deadline } from './api';
import { dmy, useWorkLabels, weekday } from './labels';

export type DeadlineMode = 'date' | 'days' | 'none' | 'keep';
export interface DeadlineValue {
  mode: DeadlineMode;
  date?: string | null;
  days?: number | null;
}

/** Today in Vietnam (the server counts working days from it). */
export function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The API's DeadlineSpec of a value: undefined keeps the current one, null is "no deadline". */
export function toDeadlineSpec(v: DeadlineValue | undefined): Deadline | null | undefined {
  if (!v || v.mode === 'keep') return undefined;
  if (v.mode === 'none') return null;
  if (v.mode === 'date') return v.date ? { date: v.date } : undefined;
  return v.days ? { workingDays: v.days } : undefined;
}

/** Form rule: a date or a number of working days must be filled in for the chosen mode. */
export function deadlineRule(message: string) {
  return {
    validator: async (_: unknown, v: DeadlineValue | undefined) => {
      if (!v || v.mode === 'keep' || v.mode === 'none') return;
      if (v.mode === 'date' && !v.date) throw new Error(message);
      if (v.mode === 'days' && !v.days) throw new Error(message);
    },
  };
}

export function WorkingDaysPreview({ days, from }: { days: number | null | undefined; from?: string }) {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const preview = useAddWorkingDays(from ?? todayVn(), days);
  if (!days) return null;
  if (preview.isError)
    return <Typography.Text type="danger">{t('work.common.previewError', { message: errorText(preview.error) })}</Typography.Text>;
  if (!preview.data) return <Typography.Text type="secondary">{t('work.common.previewing')}</Typography.Text>;
  return (
    <Typography.Text type="success" data-testid="deadline-preview">
      {t('work.common.workingDaysPreview', { date: dmy(preview.data.date), weekday: weekday(preview.data.date, l.lang) })}
    </Typography.Text>
  );
}

interface DeadlineInputProps {
  value?: DeadlineValue;
  onChange?: (v: DeadlineValue) => void;
  /** Which modes to offer (default: date and working days). */
  modes?: readonly DeadlineMode[];
  id?: string;
}

export function DeadlineInput({ value, onChange, modes = ['date', 'days'], id }: DeadlineInputProps) {
  const { t } = useTranslation();
  const v: DeadlineValue = value ?? { mode: modes[0]! };
  const labels: Record<DeadlineMode, string> = {
    date: t('work.tasks.forms.byDate'),
    days: t('work.tasks.forms.byWorkingDays'),
    none: t('work.tasks.forms.noDeadline'),
    keep: t('work.tasks.forms.keepDeadline'),
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} id={id}>
      <Radio.Group
        value={v.mode}
        onChange={(e) => onChange?.({ ...v, mode: e.target.value as DeadlineMode })}
        options={modes.map((m) => ({ value: m, label: labels[m] }))}
      />
      {v.mode === 'date' && (
        <DatePicker
          format="DD/MM/YYYY"
          aria-label={t('work.tasks.forms.deadlineDate')}
          value={v.date ? dayjs(v.date) : null}
          onChange={(d) => onChange?.({ ...v, date: d ? d.format('YYYY-MM-DD') : null })}
          style={{ width: 200 }}
        />
      )}
      {v.mode === 'days' && (
        <Space wrap>
          <InputNumber
            min={1}
            max={365}
            precision={0}
            aria-label={t('work.tasks.forms.workingDays')}
            placeholder={t('work.tasks.forms.workingDays')}
            value={v.days ?? null}
            onChange={(n) => onChange?.({ ...v, days: typeof n === 'number' ? n : null })}
            style={{ width: 140 }}
          />
          <WorkingDaysPreview days={v.days} />
        </Space>
      )}
    </Space>
  );
}

interface FilesInputProps {
  value?: FileInfo[];
  onChange?: (files: FileInfo[]) => void;
  id?: string;
}

/** Uploads each chosen file at once; the form keeps the stored files (their ids go with the action). */
export function FilesInput({ value = [], onChange, id }: FilesInputProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  // Several files chosen at once finish uploading one after another, before the form re-renders
  // with the new value: each adds to the list the previous one left, not to this render's list.
  const latest = useRef(value);
  latest.current = value;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        id={id}
        multiple
        fileList={value.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
        onRemove={(f) => {
          latest.current = latest.current.filter((x) => x.id !== f.uid);
          onChange?.(latest.current);
          return true;
        }}
        customRequest={(opts) => {
          setError(null);
          uploadFile(opts.file as File)
            .then((info) => {
              latest.current = [...latest.current, info];
              onChange?.(latest.current);
              opts.onSuccess?.(info);
            })
            .catch((err: unknown) => {
              setError(errorText(err));
              opts.onError?.(err instanceof Error ? err : new Error(String(err)));
            });
        }}
        showUploadList={{ showRemoveIcon: true }}
      >
        <Button icon={<UploadOutlined />}>{t('work.common.upload')}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('work.common.uploadHint')}
      </Typography.Text>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

export interface HolderValue {
  orgId: string;
  personId: string | null;
}

const encode = (h: HolderValue) => (h.personId ? `p:${h.orgId}:${h.personId}` : `o:${h.orgId}`);
function decode(s: string): HolderValue {
  const [kind, orgId, personId] = s.split(':');
  return { orgId: orgId!, personId: kind === 'p' ? personId! : null };
}

interface HolderPickerProps {
  taskId: string;
  purpose: 'forward' | 'transfer' | 'coordinator';
  value?: HolderValue | null;
  onChange?: (v: HolderValue | null) => void;
  id?: string;
}

/** A unit or a person (in a unit) that the task may be forwarded or transferred to. */
export function HolderPicker({ taskId, purpose, value, onChange, id }: HolderPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const candidates = useCandidates(taskId, purpose, q);
  const orgs = candidates.data?.orgs ?? [];
  const people = candidates.data?.people ?? [];
  const options = [
    {
      label: t('work.tasks.forms.pickUnit'),
      options: orgs.map((o) => ({ value: `o:${o.id}`, label: o.name })),
    },
    {
      label: t('work.tasks.forms.pickPerson'),
      options: people.map((p) => ({
        value: `p:${p.orgId}:${p.id}`,
        label: `${p.fullName}${p.title ? ` — ${p.title}` : ''} (${p.orgName})`,
      })),
    },
  ].filter((g) => g.options.length > 0);
  return (
    <Select
      id={id}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      allowClear
      placeholder={t('work.tasks.forms.searchPeople')}
      loading={candidates.isFetching}
      value={value ? encode(value) : undefined}
      onChange={(v: string | undefined) => onChange?.(v ? decode(v) : null)}
      options={options}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
