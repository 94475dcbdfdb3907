/**
 * The signed-in frame: side menu on desktop, a drawer behind a hamburger button on phones,
 * a header with the user's name, the language switch and sign-out. It also sends users who must
 * change their password or set up two-factor sign-in to "My account" first.
 */
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { ErrorResult, PageSpinner } from '../components/Results';
import { signedOutDeliberately, useLogout, useMe } from '../features/auth/api';
import { ACCOUNT_PATH, LOGIN_PATH, appRoutes } from '../routes';
import type { Messages } from '../i18n/vi';
import { can } from './access';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../features/notifications/NotificationBell';
import type { Me } from '@kycuong/domain';

const { Header, Sider, Content } = Layout;

function menuItems(me: Me, t: ReturnType<typeof useTranslation>['t']): NonNullable<MenuProps['items']> {
  // Resolving i18next's types over the whole union of menu keys is too deep for the compiler: the
  // label is read through a narrower signature that still checks each key names a `nav` text.
  const label = t as (key: `nav.${keyof Messages['nav']}`) => string;
  return appRoutes
    .filter((r) => r.menuKey && (!r.action || can(me, r.action)))
    .map((r) => ({ key: r.path, icon: r.icon, label: label(r.menuKey!) }));
}

/** The menu entry of the current page: the longest menu path that prefixes the location. */
function selectedKey(pathname: string): string {
  const match = appRoutes
    .filter((r) => r.menuKey)
    .filter((r) => (r.path === '/' ? pathname === '/' : matchPath({ path: r.path, end: false }, pathname)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '';
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const isPhone = screens.md === false;

  if (me.isPending) return <PageSpinner />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next =
      location.pathname === '/' || signedOutDeliberately() ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`${LOGIN_PATH}${next}`} replace />;
  }
  const user = me.data;
  const restricted = user.user.mustChangePassword || user.totpSetupRequired;
  if (restricted && location.pathname !== ACCOUNT_PATH) return <Navigate to={ACCOUNT_PATH} replace />;

  const items = restricted ? [] : menuItems(user, t);
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    void navigate(key);
  };
  const signOut = () => {
    setDrawerOpen(false);
    logout.mutate();
  };
  const menu = (
    <Menu mode="inline" items={items} selectedKeys={[selectedKey(location.pathname)]} onClick={onMenu} style={{ borderInlineEnd: 0 }} />
  );
  const brand = (
    <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
      {t('app.name')}
    </Typography.Text>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Sider theme="light" width={224} breakpoint="lg" collapsedWidth={64} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: isPhone ? 12 : 24, background: '#a61d24' }}>
          {isPhone && (
            <Button
              type="text"
              aria-label={t('app.openMenu')}
              icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          {brand}
          <div style={{ flex: 1 }} />
          {!restricted && <NotificationBell />}
          <LanguageSwitch signedIn />
          {!isPhone && (
            <Space size="middle">
              <Typography.Text style={{ color: '#fff' }} data-testid="user-name">
                {user.user.displayName}
              </Typography.Text>
              <Button icon={<LogoutOutlined />} onClick={signOut} loading={logout.isPending}>
                {t('app.signOut')}
              </Button>
            </Space>
          )}
        </Header>
        <Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      {isPhone && (
        <Drawer
          title={user.user.displayName}
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          styles={{ body: { padding: 0 } }}
          footer={
            <Button block icon={<LogoutOutlined />} onClick={signOut} loading={logout.isPending}>
              {t('app.signOut')}
            </Button>
          }
        >
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
