/**
 * Org tree admin (/to-chuc, /to-chuc/:id): the tree (or search results) on the left, the selected
 * org on the right; on a phone one of the two at a time. An org outside the user's scope answers
 * 404 and shows the not-found result, exactly like a missing one.
 */
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { roleAllows } from '@kycuong/domain';
import { Button, Card, Checkbox, Col, Empty, Grid, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { useLabels } from '../../components/labels';
import { useDebounced } from '../../components/useDebounced';
import { useCurrentUser } from '../auth/api';
import { ExportButtons } from '../imports/ExportButtons';
import { useOrg, useOrgSearch } from './api';
import { OrgDetailPanel } from './OrgDetailPanel';
import { OrgFormModal } from './OrgForms';
import { OrgTree } from './OrgTree';

export default function OrgTreePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [addRoot, setAddRoot] = useState(false);
  const term = useDebounced(search.trim(), 300);
  const found = useOrgSearch(term, includeInactive);
  const selected = useOrg(id);
  const ancestorIds = selected.data?.ancestors.map((a) => a.id) ?? [];
  const canAddRoot = me.grants.some((g) => g.orgId === null && roleAllows(g.role, 'org.manage'));

  const open = (orgId: string) => void navigate(`/to-chuc/${orgId}`);

  const treeCard = (
    <Card>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Input.Search
          allowClear
          placeholder={t('orgs.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label={t('orgs.searchPlaceholder')}
        />
        <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('orgs.showInactive')}
        </Checkbox>
        {term ? (
          <List
            header={<Typography.Text strong>{t('orgs.searchResults')}</Typography.Text>}
            loading={found.isFetching}
            dataSource={found.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noResults')} /> }}
            renderItem={(o) => (
              <List.Item key={o.id} style={{ cursor: 'pointer' }} onClick={() => open(o.id)}>
                <Space wrap size={4}>
                  <Typography.Link className="kc-wrap">{o.name}</Typography.Link>
                  <Tag>{labels.kind(o.kind)}</Tag>
                  {!o.active && <Tag>{t('common.inactive')}</Tag>}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <OrgTree selectedId={id} ancestorIds={ancestorIds} includeInactive={includeInactive} onSelect={(o) => open(o.id)} />
        )}
      </Space>
    </Card>
  );

  const detail = id ? (
    <OrgDetailPanel id={id} />
  ) : (
    <Card>
      <Empty description={t('orgs.selectHint')} />
    </Card>
  );

  const extra = (
    <>
      {can(me, 'data.export') && <ExportButtons kind="orgs" />}
      {canAddRoot && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddRoot(true)}>
          {t('orgs.actions.addRoot')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('orgs.title')} extra={extra} />
      {isPhone ? (
        id ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Link to="/to-chuc">
              <Button icon={<ArrowLeftOutlined />}>{t('orgs.title')}</Button>
            </Link>
            {detail}
          </Space>
        ) : (
          treeCard
        )
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10} xl={9}>
            {treeCard}
          </Col>
          <Col xs={24} lg={14} xl={15}>
            {detail}
          </Col>
        </Row>
      )}
      <OrgFormModal open={addRoot} onClose={() => setAddRoot(false)} parent={null} onSaved={(o) => open(o.id)} />
    </>
  );
}
