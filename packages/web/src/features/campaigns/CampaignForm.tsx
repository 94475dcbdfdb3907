/** Create or edit a campaign (modal form); the server checks scope, period and amounts. */
import type { CampaignDetail, CampaignKind } from '@kycuong/domain';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { reportError } from '../../components/forms';
import { useCurrentUser } from '../auth/api';
import { useCreateCampaign, useUpdateCampaign } from './api';
import { MoneyInput } from './MoneyInput';
import { useCampaignLabels } from './money';

interface Values {
  orgId: string | null;
  participantOrgId: string | null;
  kind: CampaignKind;
  title: string;
  purpose: string;
  beneficiary: string;
  period: [Dayjs, Dayjs | null];
  targetAmount: number | null;
  targetParticipants: number | null;
  suggestedAmount: number | null;
  bankAccount: string;
  collectionPoints: string;
  publicShowNames: boolean;
}

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function CampaignFormModal({
  open,
  onClose,
  onSaved,
  campaign,
}: {
  open: boolean;
  onClose: () => void;
  onSaved?: (id: string) => void;
  campaign?: CampaignDetail;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCampaignLabels();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const kind = Form.useWatch('kind', form) ?? campaign?.kind ?? 'money';
  const defaultOrg = me.grants.find((g) => g.role === 'union_officer')?.orgId ?? null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      campaign
        ? {
            orgId: campaign.orgId,
            participantOrgId: campaign.participantOrgId,
            kind: campaign.kind,
            title: campaign.title,
            purpose: campaign.purpose,
            beneficiary: campaign.beneficiary,
            period: [dayjs(campaign.startDate), campaign.endDate ? dayjs(campaign.endDate) : null],
            targetAmount: campaign.targetAmount,
            targetParticipants: campaign.targetParticipants,
            suggestedAmount: campaign.suggestedAmount,
            bankAccount: campaign.bankAccount ?? '',
            collectionPoints: campaign.collectionPoints ?? '',
            publicShowNames: campaign.publicShowNames,
          }
        : {
            orgId: defaultOrg,
            participantOrgId: null,
            kind: 'money',
            period: [dayjs(), null],
            publicShowNames: false,
            targetAmount: null,
            suggestedAmount: null,
          },
    );
  }, [open, campaign]);

  const submit = async (v: Values) => {
    const money = v.kind === 'money';
    const common = {
      title: v.title,
      purpose: v.purpose,
      beneficiary: v.beneficiary,
      startDate: iso(v.period[0])!,
      endDate: iso(v.period[1]),
      targetAmount: money ? v.targetAmount || null : null,
      targetParticipants: money ? null : v.targetParticipants || null,
      suggestedAmount: money ? v.suggestedAmount || null : null,
      bankAccount: v.bankAccount?.trim() || null,
      collectionPoints: v.collectionPoints?.trim() || null,
      publicShowNames: v.publicShowNames,
    };
    try {
      const saved = campaign
        ? await update.mutateAsync({ id: campaign.id, version: campaign.version, ...common })
        : await create.mutateAsync({ orgId: v.orgId!, participantOrgId: v.participantOrgId ?? null, kind: v.kind, ...common });
      void message.success(t('common.saved'));
      onClose();
      onSaved?.(saved.id);
    } catch (err) {
      reportError(form, err, (text) => void message.error(text));
    }
  };

  return (
    <Modal
      open={open}
      title={campaign ? t('campaigns.actions.edit') : t('campaigns.actions.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
        {!campaign && (
          <>
            <Form.Item name="orgId" label={t('campaigns.fields.org')} rules={[{ required: true, message: t('common.required') }]}>
              <OrgTreeSelect />
            </Form.Item>
            <Form.Item name="participantOrgId" label={t('campaigns.fields.participantOrg')} extra={t('campaigns.form.participantHint')}>
              <OrgTreeSelect allowClear />
            </Form.Item>
            <Form.Item name="kind" label={t('campaigns.fields.kind')}>
              <Radio.Group options={(['money', 'movement'] as const).map((k) => ({ value: k, label: labels.kind(k) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t('campaigns.fields.title')} rules={[{ required: true, min: 5, message: t('common.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="purpose" label={t('campaigns.fields.purpose')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="beneficiary" label={t('campaigns.fields.beneficiary')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.fields.period')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" allowEmpty={[false, true]} style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'money' ? (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="targetAmount" label={t('campaigns.fields.targetAmount')} style={{ flex: '1 1 240px' }}>
              <MoneyInput />
            </Form.Item>
            <Form.Item name="suggestedAmount" label={t('campaigns.fields.suggestedAmount')} style={{ flex: '1 1 240px' }}>
              <MoneyInput />
            </Form.Item>
          </div>
        ) : (
          <Form.Item name="targetParticipants" label={t('campaigns.fields.targetParticipants')}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="bankAccount" label={t('campaigns.fields.bankAccount')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="collectionPoints" label={t('campaigns.fields.collectionPoints')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="publicShowNames" label={t('campaigns.fields.publicShowNames')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
