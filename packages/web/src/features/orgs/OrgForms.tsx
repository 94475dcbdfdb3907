/** Modals of the org tree: create / edit an org, and move it under a new parent. */
import { ORG_KINDS, type OrgKind } from '@kycuong/domain';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { reportError } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useCreateOrg, useMoveOrg, useUpdateOrg, type OrgDetail } from './api';

interface OrgFormValues {
  kind: OrgKind;
  code: string;
  name: string;
  shortName?: string | null;
  sortOrder?: number | null;
}

/** Creates a child of `parent` (or a root when parent is null), or edits `org`. */
export function OrgFormModal({
  open,
  onClose,
  parent,
  org,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  parent?: { id: string; name: string } | null;
  org?: OrgDetail;
  onSaved?: (org: OrgDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [form] = Form.useForm<OrgFormValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const saving = create.isPending || update.isPending;

  const submit = (v: OrgFormValues) => {
    const done = (saved: OrgDetail) => {
      void message.success(org ? t('orgs.updated') : t('orgs.created'));
      onSaved?.(saved);
      onClose();
    };
    const fail = (err: unknown) => reportError(form, err, (m) => void message.error(m));
    const shortName = v.shortName?.trim() ? v.shortName.trim() : null;
    if (org) {
      update.mutate(
        {
          id: org.id,
          version: org.version,
          kind: v.kind,
          code: v.code,
          name: v.name,
          shortName,
          ...(v.sortOrder != null ? { sortOrder: v.sortOrder } : {}),
        },
        { onSuccess: done, onError: fail },
      );
    } else {
      create.mutate(
        { parentId: parent?.id ?? null, kind: v.kind, code: v.code, name: v.name, shortName, sortOrder: v.sortOrder ?? 0 },
        { onSuccess: done, onError: fail },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={org ? `${t('orgs.actions.edit')}: ${org.name}` : parent ? t('orgs.actions.addChild') : t('orgs.actions.addRoot')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {parent && !org && (
        <Typography.Paragraph type="secondary" className="kc-wrap">
          {t('orgs.fields.parent')}: <strong>{parent.name}</strong>
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={
          org
            ? { kind: org.kind, code: org.code, name: org.name, shortName: org.shortName, sortOrder: org.sortOrder }
            : { kind: 'phong', sortOrder: 0 }
        }
      >
        <Form.Item name="kind" label={t('orgs.fields.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={ORG_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('orgs.fields.name')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
          <Input maxLength={250} />
        </Form.Item>
        <Form.Item name="shortName" label={t('orgs.fields.shortName')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="code" label={t('orgs.fields.code')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={40} autoCapitalize="characters" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('orgs.fields.sortOrder')}>
          <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Moves `org` (with its subtree) under a parent picked in the tree. */
export function MoveOrgModal({ open, onClose, org }: { open: boolean; onClose: () => void; org: OrgDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newParentId: string }>();
  const move = useMoveOrg();
  const submit = (v: { newParentId: string }) =>
    move.mutate(
      { id: org.id, newParentId: v.newParentId, version: org.version },
      {
        onSuccess: () => {
          void message.success(t('orgs.moved'));
          onClose();
        },
        onError: (err) => reportError(form, err, (m) => void message.error(m)),
      },
    );
  return (
    <Modal
      open={open}
      title={`${t('orgs.actions.move')}: ${org.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orgs.actions.move')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('orgs.moveHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="newParentId" label={t('orgs.fields.newParent')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect disabledIds={[org.id]} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
