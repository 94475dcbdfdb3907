/**
 * The central route table: every page of the signed-in app with its lazy-loaded component, its
 * menu label (an i18n key), icon and the action the user needs (from /auth/me `actions`). The
 * layout builds the menu from it and guards each route with it.
 */
import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HeartOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { AlertOutlined, BarChartOutlined, OrderedListOutlined } from '@ant-design/icons';
import { DashboardOutlined, TrophyOutlined } from '@ant-design/icons';
import { FileDoneOutlined } from '@ant-design/icons';
import { BellOutlined, CalendarOutlined, CarryOutOutlined, FileTextOutlined } from '@ant-design/icons';
import { NotificationOutlined } from '@ant-design/icons';
import type { Action } from '@kycuong/domain';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

export type MenuKey =
  | 'nav.home'
  | 'nav.orgs'
  | 'nav.people'
  | 'nav.users'
  | 'nav.import'
  | 'nav.audit'
  | 'nav.account'
  | 'nav.settings'
  | 'nav.campaigns'
  | 'nav.violations'
  | 'nav.violationStats'
  | 'nav.dissemination'
  | 'nav.dashboard'
  | 'nav.reports'
  | 'nav.evaluations'
  | 'nav.catalogue'
  | 'nav.tasks'
  | 'nav.documents'
  | 'nav.inbox'
  | 'nav.calendar';

export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the menu when set (detail routes have none). */
  menuKey?: MenuKey;
  icon?: ReactNode;
  /** Action the user must have somewhere in scope; none = every signed-in user. */
  action?: Action;
}

const HomePage = lazy(() => import('./features/home/HomePage'));
const OrgTreePage = lazy(() => import('./features/orgs/OrgTreePage'));
const PeoplePage = lazy(() => import('./features/people/PeoplePage'));
const PersonPage = lazy(() => import('./features/people/PersonPage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const ImportPage = lazy(() => import('./features/imports/ImportPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
const AccountPage = lazy(() => import('./features/account/AccountPage'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage'));
const CampaignsPage = lazy(() => import('./features/campaigns/CampaignsPage'));
const CampaignPage = lazy(() => import('./features/campaigns/CampaignPage'));
const CampaignEntryPage = lazy(() => import('./features/campaigns/EntryPage'));
const MyContributionsPage = lazy(() => import('./features/campaigns/MyContributionsPage'));
const PublicCampaignPage = lazy(() => import('./features/campaigns/PublicCampaignPage'));
const CasesPage = lazy(() => import('./features/violations/CasesPage'));
const CasePage = lazy(() => import('./features/violations/CasePage'));
const CaseStatsPage = lazy(() => import('./features/violations/CaseStatsPage'));
const CataloguePage = lazy(() => import('./features/violations/CataloguePage'));
const ExplanationsPage = lazy(() => import('./features/violations/ExplanationsPage'));
const PublicHandledCasesPage = lazy(() => import('./features/violations/PublicHandledCasesPage'));
const DisciplinePage = lazy(() => import('./features/violations/DisciplinePage'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const ReportsPage = lazy(() => import('./features/reports/ReportsPage'));
const MyEvaluationsPage = lazy(() => import('./features/evaluations/MyEvaluationsPage'));
const UnitEvaluationsPage = lazy(() => import('./features/evaluations/UnitEvaluationsPage'));
const EvaluationPage = lazy(() => import('./features/evaluations/EvaluationPage'));
const TasksPage = lazy(() => import('./features/tasks/TasksPage'));
const TaskPage = lazy(() => import('./features/tasks/TaskPage'));
const TaskCreatePage = lazy(() => import('./features/tasks/TaskCreatePage'));
const TaskListRedirect = lazy(() => import('./features/tasks/TaskListRedirect'));
const TaskLinkRedirect = lazy(() => import('./features/tasks/TaskLinkRedirect'));
const OrgSignalsPage = lazy(() => import('./features/tasks/OrgSignalsPage'));
const DocumentsPage = lazy(() => import('./features/documents/DocumentsPage'));
const DocumentPage = lazy(() => import('./features/documents/DocumentPage'));
const DocumentFormPage = lazy(() => import('./features/documents/DocumentFormPage'));
const CalendarAdminPage = lazy(() => import('./features/calendar/CalendarAdminPage'));
const InboxPage = lazy(() => import('./features/notifications/InboxPage'));
const ConferencesPage = lazy(() => import('./features/dissemination/ConferencesPage'));
const ConferencePage = lazy(() => import('./features/dissemination/ConferencePage'));
const MyAcknowledgementsPage = lazy(() => import('./features/dissemination/MyAcknowledgementsPage'));
const CoveragePage = lazy(() => import('./features/dissemination/CoveragePage'));
const CheckinPage = lazy(() => import('./features/dissemination/CheckinPage'));

export const LOGIN_PATH = '/dang-nhap';
export const ACCOUNT_PATH = '/ca-nhan';

export const appRoutes: AppRoute[] = [
  { path: '/', page: HomePage, menuKey: 'nav.home', icon: <HomeOutlined /> },
  // Dashboard of a subtree and period; every number links to the list behind it.
  { path: '/bang-dieu-hanh', page: DashboardPage, menuKey: 'nav.dashboard', icon: <DashboardOutlined />, action: 'task.read' },
  // Official reports (Party or State format) drafted from live figures, rendered as DOCX, PDF and XLSX.
  { path: '/bao-cao', page: ReportsPage, menuKey: 'nav.reports', icon: <FileDoneOutlined />, action: 'task.read' },
  // Ratings: everyone sees their own; leaders rate the people of their units.
  { path: '/danh-gia', page: MyEvaluationsPage, menuKey: 'nav.evaluations', icon: <TrophyOutlined /> },
  { path: '/danh-gia/don-vi', page: UnitEvaluationsPage, action: 'evaluation.read' },
  { path: '/danh-gia/:id', page: EvaluationPage },
  // Tasks: everyone has "my tasks"; the query string mirrors GET /tasks (view=mine|assigned|unit…).
  { path: '/cong-viec', page: TasksPage, menuKey: 'nav.tasks', icon: <CarryOutOutlined /> },
  { path: '/cong-viec/moi', page: TaskCreatePage, action: 'task.assign' },
  { path: '/cong-viec/cua-toi', page: TaskListRedirect },
  { path: '/cong-viec/da-giao', page: TaskListRedirect },
  { path: '/cong-viec/don-vi', page: TaskListRedirect },
  { path: '/cong-viec/:id', page: TaskPage },
  // Notification and e-mail links name tasks by their API path.
  { path: '/tasks/:id', page: TaskLinkRedirect },
  { path: '/van-ban', page: DocumentsPage, menuKey: 'nav.documents', icon: <FileTextOutlined />, action: 'document.read' },
  { path: '/van-ban/moi', page: DocumentFormPage, action: 'document.manage' },
  { path: '/van-ban/:id', page: DocumentPage, action: 'document.read' },
  { path: '/van-ban/:id/sua', page: DocumentFormPage, action: 'document.manage' },
  { path: '/to-chuc/:id/tin-hieu', page: OrgSignalsPage, action: 'signal.read' },
  { path: '/thong-bao', page: InboxPage, menuKey: 'nav.inbox', icon: <BellOutlined /> },
  { path: '/to-chuc', page: OrgTreePage, menuKey: 'nav.orgs', icon: <ApartmentOutlined />, action: 'org.read' },
  { path: '/to-chuc/:id', page: OrgTreePage, action: 'org.read' },
  { path: '/can-bo', page: PeoplePage, menuKey: 'nav.people', icon: <TeamOutlined />, action: 'person.read' },
  { path: '/can-bo/:id', page: PersonPage, action: 'person.read' },
  { path: '/tai-khoan', page: UsersPage, menuKey: 'nav.users', icon: <UsergroupAddOutlined />, action: 'user.manage' },
  { path: '/nhap-du-lieu', page: ImportPage, menuKey: 'nav.import', icon: <CloudUploadOutlined />, action: 'data.import' },
  { path: '/nhat-ky', page: AuditPage, menuKey: 'nav.audit', icon: <AuditOutlined />, action: 'audit.read' },
  // Union campaigns: everyone sees those they take part in; collectors record, officers manage.
  { path: '/van-dong', page: CampaignsPage, menuKey: 'nav.campaigns', icon: <HeartOutlined /> },
  { path: '/van-dong/cua-toi', page: MyContributionsPage },
  { path: '/van-dong/:id', page: CampaignPage },
  { path: '/van-dong/:id/ghi-nhan', page: CampaignEntryPage, action: 'campaign.collect' },
  // Violations: inspection roles handle the cases of their subtree; readers added to a case and the
  // subject of a concluded case open it by its link; anyone asked to explain answers on /giai-trinh.
  { path: '/vi-pham', page: CasesPage, menuKey: 'nav.violations', icon: <AlertOutlined />, action: 'case.read' },
  { path: '/vi-pham/thong-ke', page: CaseStatsPage, menuKey: 'nav.violationStats', icon: <BarChartOutlined />, action: 'case.read' },
  { path: '/vi-pham/danh-muc', page: CataloguePage, menuKey: 'nav.catalogue', icon: <OrderedListOutlined />, action: 'catalogue.read' },
  { path: '/vi-pham/:id', page: CasePage },
  { path: '/giai-trinh', page: ExplanationsPage },
  { path: '/can-bo/:id/ky-luat', page: DisciplinePage },
  // Dissemination (quán triệt): everyone sees the conferences they are expected at and their own
  // documents to study; leaders schedule; the QR code of a conference opens /diem-danh/:token.
  { path: '/quan-triet', page: ConferencesPage, menuKey: 'nav.dissemination', icon: <NotificationOutlined /> },
  { path: '/quan-triet/cua-toi', page: MyAcknowledgementsPage },
  { path: '/quan-triet/ket-qua', page: CoveragePage, action: 'task.read' },
  { path: '/quan-triet/:id', page: ConferencePage },
  { path: '/diem-danh/:token', page: CheckinPage },
  { path: ACCOUNT_PATH, page: AccountPage, menuKey: 'nav.account', icon: <UserOutlined /> },
  { path: '/cai-dat', page: SettingsPage, menuKey: 'nav.settings', icon: <SafetyCertificateOutlined />, action: 'system.configure' },
  {
    path: '/cai-dat/lich-lam-viec',
    page: CalendarAdminPage,
    menuKey: 'nav.calendar',
    icon: <CalendarOutlined />,
    action: 'system.configure',
  },
];

/** Pages anyone may open without signing in (transparency pages), outside the signed-in frame. */
export interface PublicRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export const publicRoutes: PublicRoute[] = [
  { path: '/cong-khai/van-dong/:id', page: PublicCampaignPage },
  { path: '/cong-khai/xu-ly-vi-pham/:orgCode', page: PublicHandledCasesPage },
];
