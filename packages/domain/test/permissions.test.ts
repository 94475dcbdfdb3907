import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  GRANTABLE_ROLES,
  PERMISSIONS,
  PRIVILEGED_ROLES,
  ROLES,
  allowedActions,
  inScope,
  isEmptyScope,
  roleAllows,
  scopeFor,
  type ScopedGrant,
} from '../src/access/permissions';

// A small tree as materialised paths: city → department committee → two cells; a separate branch.
const CITY = '/01/';
const DEPT = '/01/02/';
const CELL_A = '/01/02/0a/';
const CELL_B = '/01/02/0b/';
const CELL_A_TEAM = '/01/02/0a/11/';
const OTHER = '/09/';
// A sibling whose path starts with the same characters as CELL_A's segment must not be inside it.
const CELL_A_LOOKALIKE = '/01/02/0ab/';

describe('role × action table', () => {
  it('gives the system administrator every action and everyone read access', () => {
    for (const a of ACTIONS) expect(roleAllows('system_admin', a)).toBe(true);
    for (const r of ROLES) {
      expect(roleAllows(r, 'org.read')).toBe(true);
      expect(roleAllows(r, 'person.read')).toBe(true);
    }
  });

  it('keeps administration away from roles that only read', () => {
    for (const r of ['leader', 'monitor', 'inspector', 'identity_custodian', 'member', 'union_officer'] as const) {
      expect(roleAllows(r, 'org.manage')).toBe(false);
      expect(roleAllows(r, 'person.manage')).toBe(false);
      expect(roleAllows(r, 'user.manage')).toBe(false);
      expect(roleAllows(r, 'system.configure')).toBe(false);
      expect(roleAllows(r, 'data.import')).toBe(false);
    }
    expect(roleAllows('unit_admin', 'system.configure')).toBe(false);
    expect(roleAllows('unit_admin', 'user.manage')).toBe(true);
    expect(roleAllows('member', 'audit.read')).toBe(false);
    expect(roleAllows('leader', 'audit.read')).toBe(true);
  });

  it('lists only known actions and never grants member explicitly', () => {
    for (const r of ROLES) for (const a of PERMISSIONS[r]) expect(ACTIONS).toContain(a);
    expect(GRANTABLE_ROLES).not.toContain('member');
    expect(PRIVILEGED_ROLES).toContain('system_admin');
    expect(PRIVILEGED_ROLES).not.toContain('member');
  });
});

describe('scopeFor', () => {
  it('is empty without grants or when no grant allows the action', () => {
    expect(scopeFor([], 'org.read')).toEqual({ all: false, paths: [] });
    expect(isEmptyScope(scopeFor([{ role: 'member', orgPath: CELL_A }], 'org.manage'))).toBe(true);
  });

  it('is system-wide for a grant without an org', () => {
    expect(scopeFor([{ role: 'system_admin', orgPath: null }], 'user.manage')).toEqual({ all: true });
    // ... but only for the actions of that role.
    expect(scopeFor([{ role: 'leader', orgPath: null }], 'org.manage')).toEqual({ all: false, paths: [] });
  });

  it('collapses nested subtrees to the top-most and keeps disjoint ones', () => {
    const grants: ScopedGrant[] = [
      { role: 'member', orgPath: CELL_A },
      { role: 'leader', orgPath: DEPT },
      { role: 'unit_admin', orgPath: CELL_A_TEAM },
      { role: 'member', orgPath: OTHER },
    ];
    expect(scopeFor(grants, 'org.read')).toEqual({ all: false, paths: [DEPT, OTHER] });
    expect(scopeFor(grants, 'org.manage')).toEqual({ all: false, paths: [CELL_A_TEAM] });
    // unit_admin on the team lies under the leader's department: one range is enough.
    expect(scopeFor(grants, 'audit.read')).toEqual({ all: false, paths: [DEPT] });
  });

  it('keeps a look-alike sibling path separate from its neighbour', () => {
    const s = scopeFor(
      [
        { role: 'leader', orgPath: CELL_A },
        { role: 'leader', orgPath: CELL_A_LOOKALIKE },
      ],
      'org.read',
    );
    expect(s).toEqual({ all: false, paths: [CELL_A, CELL_A_LOOKALIKE] });
  });
});

describe('inScope', () => {
  const cellAdmin: ScopedGrant[] = [
    { role: 'leader', orgPath: CELL_A },
    { role: 'unit_admin', orgPath: CELL_A },
  ];

  it('covers the granted org and everything under it, nothing else', () => {
    const s = scopeFor(cellAdmin, 'person.manage');
    expect(inScope(s, CELL_A)).toBe(true);
    expect(inScope(s, CELL_A_TEAM)).toBe(true);
    expect(inScope(s, CELL_B)).toBe(false);
    expect(inScope(s, DEPT)).toBe(false);
    expect(inScope(s, CITY)).toBe(false);
    expect(inScope(s, OTHER)).toBe(false);
    expect(inScope(s, CELL_A_LOOKALIKE)).toBe(false);
  });

  it('is true everywhere for a system-wide scope and false everywhere for an empty one', () => {
    expect(inScope({ all: true }, OTHER)).toBe(true);
    expect(inScope({ all: false, paths: [] }, CELL_A)).toBe(false);
  });
});

describe('allowedActions', () => {
  // Later capabilities add actions; these tests pin the foundation's ones and the rules between them.
  const FOUNDATION = [
    'org.read',
    'org.manage',
    'person.read',
    'person.manage',
    'user.manage',
    'audit.read',
    'data.import',
    'data.export',
    'system.configure',
  ];
  const foundationOnly = (actions: readonly string[]) => actions.filter((a) => FOUNDATION.includes(a));

  it('lists what a cell secretary may do somewhere', () => {
    const a = allowedActions([
      { role: 'leader', orgPath: CELL_A },
      { role: 'unit_admin', orgPath: CELL_A },
    ]);
    expect(foundationOnly(a)).toEqual([
      'org.read',
      'org.manage',
      'person.read',
      'person.manage',
      'user.manage',
      'audit.read',
      'data.import',
      'data.export',
    ]);
    expect(a).not.toContain('system.configure');
  });

  it('lists only reading for a plain member, nothing without grants, everything for the system administrator', () => {
    expect(foundationOnly(allowedActions([{ role: 'member', orgPath: CELL_B }]))).toEqual(['org.read', 'person.read']);
    expect(allowedActions([])).toEqual([]);
    expect(allowedActions([{ role: 'system_admin', orgPath: null }])).toEqual([...ACTIONS]);
  });

  it('allows exactly the union of the roles of the grants', () => {
    const grants: ScopedGrant[] = [
      { role: 'inspector', orgPath: DEPT },
      { role: 'union_officer', orgPath: OTHER },
    ];
    expect(allowedActions(grants)).toEqual(ACTIONS.filter((x) => roleAllows('inspector', x) || roleAllows('union_officer', x)));
  });

  it('follows the order of ACTIONS whatever the order of grants', () => {
    const a = allowedActions([
      { role: 'inspector', orgPath: DEPT },
      { role: 'unit_admin', orgPath: CELL_B },
    ]);
    expect(a).toEqual(ACTIONS.filter((x) => a.includes(x)));
  });
});
