/**
 * The one permission model: role × action, plus the subtree rule. A role is always granted on an
 * org subtree (or, for the system administrator, on the whole system); an action is allowed on an
 * org when some grant whose role includes the action covers that org. The server applies the
 * resulting scope inside SQL; the web app receives the allowed actions to hide what is not.
 */

export const ROLES = [
  'system_admin',
  'unit_admin',
  'leader',
  'monitor',
  'inspector',
  'identity_custodian',
  'member',
  'union_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'org.read',
  'org.manage',
  'person.read',
  'person.manage',
  'user.manage',
  'audit.read',
  'data.import',
  'data.export',
  'system.configure',
  // Union campaigns: read = see campaigns, ledger and names in the subtree; manage = create and
  // run campaigns (status, handovers); collect = record pledges/contributions for members there.
  'campaign.read',
  'campaign.manage',
  'campaign.collect',
  // Directing documents and tasks (issue 3). Documents bind everyone under their recipients, so
  // every role reads them (scoped in SQL); leaders and monitoring officers register documents,
  // assign and remind; inspectors read tasks and shirking signals as evidence. Members see the
  // tasks they take part in through person-level rules, not through a role grant.
  'document.read',
  'document.manage',
  'task.read',
  'task.assign',
  'task.remind',
  'signal.read',
  // Violations (issue 4): the manifestation catalogue is the public appendix of a directive, read
  // by those who work with directives and cases and edited by system administrators only; cases
  // are read and handled by inspection roles of the subject's subtree (people added to a case and
  // the subject of a concluded case read it through person-level rules, not a role grant).
  'catalogue.read',
  'catalogue.manage',
  'case.read',
  'case.manage',
  // Evaluation (issue 5): leaders read the ratings of their subtree and propose/approve them;
  // monitoring officers and inspectors read them. A person reads their own ratings through a
  // person-level rule, not a role grant.
  'evaluation.read',
  'evaluation.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Roles granted explicitly by an administrator (member is implied by memberships). */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'member');

/** Roles that must use two-factor sign-in when the administrator requires it. */
export const PRIVILEGED_ROLES: readonly Role[] = ['system_admin', 'unit_admin', 'leader', 'inspector', 'identity_custodian'];

const READ: Action[] = ['org.read', 'person.read'];

export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  system_admin: ACTIONS,
  unit_admin: [...READ, 'org.manage', 'person.manage', 'user.manage', 'audit.read', 'data.import', 'data.export', 'document.read'],
  leader: [
    ...READ,
    'audit.read',
    'data.export',
    'document.read',
    'document.manage',
    'task.read',
    'task.assign',
    'task.remind',
    'signal.read',
    'catalogue.read',
    'evaluation.read',
    'evaluation.manage',
  ],
  monitor: [
    ...READ,
    'data.export',
    'document.read',
    'document.manage',
    'task.read',
    'task.assign',
    'task.remind',
    'signal.read',
    'catalogue.read',
    'evaluation.read',
  ],
  inspector: [
    ...READ,
    'data.export',
    'document.read',
    'task.read',
    'signal.read',
    'catalogue.read',
    'case.read',
    'case.manage',
    'evaluation.read',
  ],
  identity_custodian: [...READ, 'document.read'],
  member: [...READ, 'document.read'],
  union_officer: [...READ, 'data.export', 'document.read', 'campaign.read', 'campaign.manage', 'campaign.collect'],
};

/** Whether a role includes an action, regardless of scope. */
export function roleAllows(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** A grant as the access model sees it: the org's materialised path, or null for system-wide. */
export interface ScopedGrant {
  role: Role;
  orgPath: string | null;
}

/** Where an action is allowed: everywhere, or under any of a set of subtree paths. */
export type Scope = { all: true } | { all: false; paths: string[] };

export const EMPTY_SCOPE: Scope = { all: false, paths: [] };

/**
 * The scope of an action for a set of grants. Nested paths are collapsed to their top-most
 * ancestor so SQL gets the fewest range conditions.
 */
export function scopeFor(grants: readonly ScopedGrant[], action: Action): Scope {
  const paths: string[] = [];
  for (const g of grants) {
    if (!roleAllows(g.role, action)) continue;
    if (g.orgPath === null) return { all: true };
    paths.push(g.orgPath);
  }
  paths.sort();
  const minimal: string[] = [];
  for (const p of paths) {
    const last = minimal[minimal.length - 1];
    if (last !== undefined && p.startsWith(last)) continue;
    minimal.push(p);
  }
  return { all: false, paths: minimal };
}

/** Whether an org (by path) lies inside a scope. */
export function inScope(scope: Scope, orgPath: string): boolean {
  return scope.all || scope.paths.some((p) => orgPath.startsWith(p));
}

export function isEmptyScope(scope: Scope): boolean {
  return !scope.all && scope.paths.length === 0;
}

/** The actions a user may perform somewhere, for the web app to show or hide features. */
export function allowedActions(grants: readonly ScopedGrant[]): Action[] {
  return ACTIONS.filter((a) => !isEmptyScope(scopeFor(grants, a)));
}

export const ROLE_LABELS: Readonly<Record<Role, { vi: string; en: string }>> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  unit_admin: { vi: 'Quản trị đơn vị', en: 'Unit administrator' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  monitor: { vi: 'Chuyên viên theo dõi', en: 'Monitoring officer' },
  inspector: { vi: 'Cán bộ kiểm tra', en: 'Inspector' },
  identity_custodian: { vi: 'Người giữ danh tính', en: 'Identity custodian' },
  member: { vi: 'Cán bộ, đảng viên', en: 'Member' },
  union_officer: { vi: 'Cán bộ công đoàn', en: 'Union officer' },
};
