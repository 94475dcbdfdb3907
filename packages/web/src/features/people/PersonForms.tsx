/** Modals of people: create (with the first membership), edit, add or edit a membership. */
import { PERSON_CATEGORIES, roleAllows, type Membership, type PersonCategory } from '@kycuong/domain';
import { App, Checkbox, Col, DatePicker, Divider, Form, Input, Modal, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { reportError } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useCurrentUser } from '../auth/api';
import { useAddMembership, useCreatePerson, useUpdateMembership, useUpdatePerson, type PersonWithMemberships } from './api';

interface PersonValues {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
  birthDate?: Dayjs | null;
  gender?: 'male' | 'female' | 'other' | null;
  categories?: PersonCategory[];
}

interface MembershipValues {
  orgId: string;
  title?: string | null;
  isHead?: boolean;
  isDeputy?: boolean;
  isPrimary?: boolean;
}

const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

function personBody(v: PersonValues) {
  return {
    fullName: v.fullName,
    email: blankToNull(v.email),
    phone: blankToNull(v.phone),
    position: blankToNull(v.position),
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
    gender: v.gender ?? null,
    categories: v.categories ?? [],
  };
}

function PersonFields() {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <>
      <Form.Item name="fullName" label={t('people.fields.fullName')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
        <Input maxLength={120} autoComplete="off" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="email" label={t('people.fields.email')} rules={[{ type: 'email' }]}>
            <Input maxLength={200} inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('people.fields.phone')}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="position" label={t('people.fields.position')}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="birthDate" label={t('people.fields.birthDate')}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="gender" label={t('people.fields.gender')}>
            <Select
              allowClear
              options={(['male', 'female', 'other'] as const).map((g) => ({ value: g, label: t(`people.gender.${g}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="categories" label={t('people.fields.categories')}>
        <Select mode="multiple" allowClear options={PERSON_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
      </Form.Item>
    </>
  );
}

function MembershipFields({ prefix, withOrg }: { prefix?: string; withOrg: boolean }) {
  const { t } = useTranslation();
  const name = (n: string) => (prefix ? [prefix, n] : n);
  return (
    <>
      {withOrg && (
        <Form.Item name={name('orgId')} label={t('people.fields.org')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect allowClear={false} />
        </Form.Item>
      )}
      <Form.Item name={name('title')} label={t('people.fields.title')}>
        <Input maxLength={120} />
      </Form.Item>
      <Space wrap>
        <Form.Item name={name('isHead')} valuePropName="checked" noStyle>
          <Checkbox>{t('people.fields.isHead')}</Checkbox>
        </Form.Item>
        <Form.Item name={name('isDeputy')} valuePropName="checked" noStyle>
          <Checkbox>{t('people.fields.isDeputy')}</Checkbox>
        </Form.Item>
        <Form.Item name={name('isPrimary')} valuePropName="checked" noStyle>
          <Checkbox>{t('people.fields.isPrimary')}</Checkbox>
        </Form.Item>
      </Space>
    </>
  );
}

/** Adds a person inside an org the user manages (the org defaults to `orgId` or the only root). */
export function CreatePersonModal({
  open,
  onClose,
  orgId,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  orgId?: string;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonValues & { membership: MembershipValues }>();
  const me = useCurrentUser();
  const create = useCreatePerson();
  // A unit administrator of a single org (a chi bộ secretary) adds people there by default.
  const managed = [...new Set(me.grants.filter((g) => g.orgId && roleAllows(g.role, 'person.manage')).map((g) => g.orgId!))];
  const defaultOrg = orgId ?? (managed.length === 1 ? managed[0] : undefined);
  const submit = (v: PersonValues & { membership: MembershipValues }) =>
    create.mutate(
      {
        ...personBody(v),
        membership: {
          orgId: v.membership.orgId,
          title: blankToNull(v.membership.title),
          isHead: !!v.membership.isHead,
          isDeputy: !!v.membership.isDeputy,
          isPrimary: v.membership.isPrimary ?? true,
        },
      },
      {
        onSuccess: (p) => {
          void message.success(t('people.created'));
          onClose();
          onCreated(p.id);
        },
        onError: (err) => reportError(form, err, (m) => void message.error(m)),
      },
    );
  return (
    <Modal
      open={open}
      title={t('people.actions.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ categories: [], membership: { orgId: defaultOrg, isPrimary: true, isHead: false, isDeputy: false } }}
      >
        <PersonFields />
        <Divider titlePlacement="start">{t('people.firstMembership')}</Divider>
        <MembershipFields prefix="membership" withOrg />
      </Form>
    </Modal>
  );
}

export function EditPersonModal({ open, onClose, person }: { open: boolean; onClose: () => void; person: PersonWithMemberships }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonValues>();
  const update = useUpdatePerson();
  const submit = (v: PersonValues) =>
    update.mutate(
      { id: person.id, version: person.version, ...personBody(v) },
      {
        onSuccess: () => {
          void message.success(t('people.updated'));
          onClose();
        },
        onError: (err) => reportError(form, err, (m) => void message.error(m)),
      },
    );
  return (
    <Modal
      open={open}
      title={`${t('people.actions.edit')}: ${person.fullName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          fullName: person.fullName,
          email: person.email,
          phone: person.phone,
          position: person.position,
          birthDate: person.birthDate ? dayjs(person.birthDate) : null,
          gender: person.gender,
          categories: person.categories,
        }}
      >
        <PersonFields />
      </Form>
    </Modal>
  );
}

/** Adds the person to another org, or edits one membership (title, head/deputy, primary). */
export function MembershipModal({
  open,
  onClose,
  person,
  membership,
}: {
  open: boolean;
  onClose: () => void;
  person: PersonWithMemberships;
  membership?: Membership;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MembershipValues>();
  const add = useAddMembership();
  const update = useUpdateMembership();
  const done = () => {
    void message.success(t('people.updated'));
    onClose();
  };
  const fail = (err: unknown) => reportError(form, err, (m) => void message.error(m));
  const submit = (v: MembershipValues) => {
    const flags = { title: blankToNull(v.title), isHead: !!v.isHead, isDeputy: !!v.isDeputy, isPrimary: !!v.isPrimary };
    if (membership) update.mutate({ id: membership.id, version: membership.version, ...flags }, { onSuccess: done, onError: fail });
    else add.mutate({ personId: person.id, orgId: v.orgId, ...flags }, { onSuccess: done, onError: fail });
  };
  return (
    <Modal
      open={open}
      title={membership ? `${t('people.actions.editMembership')}: ${membership.orgName}` : t('people.actions.addMembership')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={
          membership
            ? { title: membership.title, isHead: membership.isHead, isDeputy: membership.isDeputy, isPrimary: membership.isPrimary }
            : { isHead: false, isDeputy: false, isPrimary: false }
        }
      >
        <MembershipFields withOrg={!membership} />
      </Form>
    </Modal>
  );
}
