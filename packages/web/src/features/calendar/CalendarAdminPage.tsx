/**
 * The working-day calendar of a year (/cai-dat/lich-lam-viec, system administrators): the Tết
 * break, the extra National Day holiday, extra holidays, worked weekend days and swapped rest days
 * as announced, next to the resulting days off; and a "try a deadline" box using the same calendar.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { MAX_TET_DAYS, type CalendarConfigUpdate, type CalendarConfigView } from '@kycuong/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, data } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, PageSpinner } from '../../components/Results';
import { reportError } from '../../components/forms';
import { WorkingDaysPreview } from '../tasks/inputs';
import { dmy, useWorkLabels, weekday } from '../tasks/labels';

interface DayRow {
  date: Dayjs | null;
  name: string;
}
interface Values {
  tetComputed: boolean;
  tetStart?: Dayjs | null;
  tetDays?: number;
  nationalDayExtra: string;
  extraHolidays: DayRow[];
  swappedWorkingDays: DayRow[];
  swappedRestDays: DayRow[];
  autoCompensation: boolean;
  source?: string;
}

const toRows = (list: { date: string; name: string }[]): DayRow[] => list.map((d) => ({ date: dayjs(d.date), name: d.name }));
const fromRows = (rows: DayRow[]) =>
  rows.filter((r) => r.date && r.name?.trim()).map((r) => ({ date: r.date!.format('YYYY-MM-DD'), name: r.name.trim() }));

function DayList({ name, label }: { name: keyof Pick<Values, 'extraHolidays' | 'swappedWorkingDays' | 'swappedRestDays'>; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label}>
          {fields.map((f) => (
            <Space key={f.key} align="start" style={{ display: 'flex', flexWrap: 'wrap', marginBottom: 8 }}>
              <Form.Item name={[f.name, 'date']} noStyle rules={[{ required: true, message: t('common.required') }]}>
                <DatePicker format="DD/MM/YYYY" placeholder={t('work.calendar.date')} />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, message: t('common.required') }]}>
                <Input placeholder={t('work.calendar.name')} style={{ width: 260, maxWidth: '60vw' }} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({ date: null, name: '' })}>
            {t('work.calendar.addDay')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}

function ConfigForm({ config, year }: { config: CalendarConfigView; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const tetComputed = Form.useWatch('tetComputed', form);
  const save = useMutation({
    mutationFn: async (body: CalendarConfigUpdate) => data(api.PUT('/api/v1/calendar/config/{year}', { params: { path: { year } }, body })),
    onSuccess: async (c) => {
      qc.setQueryData(['calendar', 'config', year], c);
      await qc.invalidateQueries({ queryKey: ['calendar'] });
      void message.success(t('work.calendar.saved', { year }));
    },
  });
  return (
    <Form<Values>
      form={form}
      name="calendar"
      layout="vertical"
      initialValues={{
        tetComputed: config.tet === null,
        tetStart: config.tet ? dayjs(config.tet.start) : null,
        tetDays: config.tet?.days ?? 5,
        nationalDayExtra: config.nationalDayExtra ?? '',
        extraHolidays: toRows(config.extraHolidays),
        swappedWorkingDays: toRows(config.swappedWorkingDays),
        swappedRestDays: toRows(config.swappedRestDays),
        autoCompensation: config.autoCompensation,
        source: config.source ?? '',
      }}
      onFinish={(v) =>
        void save
          .mutateAsync({
            version: config.version,
            tet: v.tetComputed || !v.tetStart ? null : { start: v.tetStart.format('YYYY-MM-DD'), days: v.tetDays ?? 5 },
            nationalDayExtra: v.nationalDayExtra || null,
            extraHolidays: fromRows(v.extraHolidays),
            swappedWorkingDays: fromRows(v.swappedWorkingDays),
            swappedRestDays: fromRows(v.swappedRestDays),
            autoCompensation: v.autoCompensation,
            source: v.source?.trim() || null,
          })
          .catch((err: unknown) => reportError(form, err, (text) => void message.error(text)))
      }
    >
      {config.isDefault && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('work.calendar.defaults')} />}
      <Form.Item label={t('work.calendar.tet')}>
        <Space wrap>
          <Form.Item name="tetComputed" valuePropName="checked" noStyle>
            <Checkbox>{t('work.calendar.tetComputed')}</Checkbox>
          </Form.Item>
          <Form.Item name="tetStart" noStyle>
            <DatePicker format="DD/MM/YYYY" disabled={tetComputed} placeholder={t('work.calendar.tetStart')} />
          </Form.Item>
          <Form.Item name="tetDays" noStyle>
            <InputNumber min={1} max={MAX_TET_DAYS} disabled={tetComputed} addonAfter={t('work.calendar.tetDays')} />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name="nationalDayExtra" label={t('work.calendar.nationalDayExtra')}>
        <Select
          style={{ maxWidth: 320 }}
          options={[
            { value: '', label: t('work.calendar.tetComputed') },
            { value: `${year}-09-01`, label: `01/09/${year}` },
            { value: `${year}-09-03`, label: `03/09/${year}` },
          ]}
        />
      </Form.Item>
      <DayList name="extraHolidays" label={t('work.calendar.extraHolidays')} />
      <DayList name="swappedWorkingDays" label={t('work.calendar.swappedWorkingDays')} />
      <DayList name="swappedRestDays" label={t('work.calendar.swappedRestDays')} />
      <Form.Item name="autoCompensation" valuePropName="checked" label={t('work.calendar.autoCompensation')}>
        <Switch />
      </Form.Item>
      <Form.Item name="source" label={t('work.calendar.source')}>
        <Input maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common.save')}
      </Button>
      <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: 12 }}>
        {t('common.version', { version: config.version })}
      </Typography.Text>
    </Form>
  );
}

export default function CalendarAdminPage() {
  const { t } = useTranslation();
  const l = useWorkLabels();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const config = useQuery({
    queryKey: ['calendar', 'config', year],
    queryFn: async () => data(api.GET('/api/v1/calendar/config/{year}', { params: { path: { year } } })),
  });
  const days = useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: async () => data(api.GET('/api/v1/calendar/{year}', { params: { path: { year } } })),
  });
  const [from, setFrom] = useState<Dayjs>(dayjs());
  const [n, setN] = useState<number | null>(5);

  return (
    <>
      <PageHeader
        title={t('work.calendar.title')}
        extra={
          <Select<number>
            aria-label={t('work.calendar.year')}
            value={year}
            onChange={(y) => setParams({ year: String(y) }, { replace: true })}
            options={Array.from({ length: 7 }, (_, i) => thisYear - 2 + i).map((y) => ({
              value: y,
              label: `${t('work.calendar.year')} ${y}`,
            }))}
            style={{ width: 140 }}
          />
        }
      />
      <Typography.Paragraph type="secondary">{t('work.calendar.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            {config.isPending ? (
              <PageSpinner />
            ) : config.isError ? (
              <ErrorResult error={config.error} onRetry={() => void config.refetch()} />
            ) : (
              <ConfigForm key={`${year}-${config.data.version}`} config={config.data} year={year} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('work.calendar.tryIt')} style={{ marginBottom: 16 }}>
            <Space wrap>
              <DatePicker format="DD/MM/YYYY" value={from} onChange={(d) => d && setFrom(d)} aria-label={t('work.calendar.from')} />
              <InputNumber
                min={1}
                max={365}
                value={n}
                onChange={(v) => setN(typeof v === 'number' ? v : null)}
                aria-label={t('work.calendar.days')}
              />
            </Space>
            <div style={{ marginTop: 8 }}>
              <WorkingDaysPreview days={n} from={from.format('YYYY-MM-DD')} />
            </div>
          </Card>
          <Card title={t('work.calendar.result')}>
            {days.isError && <Alert type="error" showIcon title={days.error.message} />}
            <List
              size="small"
              loading={days.isPending}
              dataSource={days.data?.nonWorkingDays ?? []}
              renderItem={(d) => (
                <List.Item key={d.date}>
                  <Space wrap>
                    <Typography.Text strong>{dmy(d.date)}</Typography.Text>
                    <Typography.Text type="secondary">{weekday(d.date, l.lang)}</Typography.Text>
                    <Typography.Text className="kc-wrap">{d.name}</Typography.Text>
                    {d.kind === 'swapped_rest' && <Tag>{t('work.calendar.kinds.swapped_rest')}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
            {(days.data?.swappedWorkingDays.length ?? 0) > 0 && (
              <>
                <Typography.Title level={5}>{t('work.calendar.workedWeekends')}</Typography.Title>
                {days.data!.swappedWorkingDays.map((d) => (
                  <div key={d.date}>
                    <Typography.Text strong>{dmy(d.date)}</Typography.Text> ({weekday(d.date, l.lang)}) — {d.name}
                  </div>
                ))}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
