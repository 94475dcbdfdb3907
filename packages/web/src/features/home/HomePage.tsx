/**
 * Home: who the user is, their units and roles, and links to what they may use. Later
 * capabilities add their dashboards here.
 */
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../app/access';
import { useLabels } from '../../components/labels';
import { appRoutes } from '../../routes';
import { useCurrentUser } from '../auth/api';
import { usePerson } from '../people/api';

export default function HomePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useCurrentUser();
  // The user's own record lists their memberships; a member may always read their own units.
  const person = usePerson(me.user.personId ?? undefined);
  const links = appRoutes.filter((r) => r.menuKey && r.path !== '/' && (!r.action || can(me, r.action)));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} className="kc-wrap">
          {t('home.welcome', { name: me.user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={t('home.roles')} style={{ height: '100%' }}>
            {me.grants.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={me.grants}
                renderItem={(g) => (
                  <List.Item key={g.id}>
                    <Space wrap size={4}>
                      <Tag color="red">{labels.role(g.role)}</Tag>
                      <Typography.Text type="secondary">{t('home.on')}</Typography.Text>
                      {g.orgId ? (
                        <Link to={`/to-chuc/${g.orgId}`} className="kc-wrap">
                          {g.orgName}
                        </Link>
                      ) : (
                        <Typography.Text>{t('home.wholeSystem')}</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('home.units')} style={{ height: '100%' }} loading={person.isLoading}>
            {!person.data || person.data.memberships.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noUnits')} />
            ) : (
              <List
                size="small"
                dataSource={person.data.memberships}
                renderItem={(m) => (
                  <List.Item key={m.id}>
                    <Space orientation="vertical" size={0}>
                      <Link to={`/to-chuc/${m.orgId}`} className="kc-wrap">
                        {m.orgName}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[m.title, m.isPrimary ? t('people.primary') : null].filter(Boolean).join(' · ') || labels.kind(m.orgKind)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('home.quickLinks')}>
        <Row gutter={[12, 12]}>
          {links.map((r) => (
            <Col key={r.path} xs={12} sm={8} lg={6}>
              <Link to={r.path}>
                <Card hoverable size="small" style={{ textAlign: 'center' }}>
                  <div style={{ fontSize: 24 }}>{r.icon}</div>
                  <Typography.Text>{t(r.menuKey!)}</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
