/**
 * Applies the domain permission model (`@kycuong/domain` access/permissions) to a signed-in
 * actor: resolves scopes, turns them into SQL predicates for lists, and checks single records.
 * A record outside scope is reported exactly like a missing one (404).
 */
import { scopeFor, inScope, isEmptyScope, type Action, type Role, type Scope, type ScopedGrant } from '@kycuong/domain';
import { sql, type Expression, type SqlBool } from 'kysely';
import { subtreeOf } from '../db/dialect';
import { errors } from './errors';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  locale: 'vi' | 'en';
  /** Explicit grants plus the implied `member` role on each org the person belongs to. */
  grants: ScopedGrant[];
  sessionId: string;
  csrfToken: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  totpSetupRequired: boolean;
}

/** The scope of an action for this actor. */
export function scopeOf(actor: Actor, action: Action): Scope {
  return scopeFor(actor.grants, action);
}

/** Whether the actor holds a role anywhere (e.g. for role-specific menu entries). */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/**
 * A SQL predicate restricting `pathColumn` (a materialised org path) to the scope: one indexed
 * range per granted subtree, or false when nothing is granted.
 */
export function scopePredicate(scope: Scope, pathColumn: string): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  if (scope.paths.length === 0) return sql<SqlBool>`1 = 0`;
  const parts = scope.paths.map((p) => subtreeOf(pathColumn, p));
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Throws 404 unless the org path lies in the actor's scope for the action. */
export function assertInScope(actor: Actor, action: Action, orgPath: string | null | undefined): void {
  if (!orgPath || !inScope(scopeOf(actor, action), orgPath)) throw errors.notFound();
}

/** Throws 404 when the actor cannot perform the action anywhere (hides the feature entirely). */
export function assertAnywhere(actor: Actor, action: Action): void {
  if (isEmptyScope(scopeOf(actor, action))) throw errors.notFound();
}

export function canIn(actor: Actor, action: Action, orgPath: string): boolean {
  return inScope(scopeOf(actor, action), orgPath);
}

/** The nil UUID marks changes made by the system itself (migrations, demo data, CLI). */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/** An actor with system-wide administration rights, for the CLI, demo data and test factories. */
export function systemActor(): Actor {
  return {
    userId: SYSTEM_USER_ID,
    username: 'system',
    displayName: 'Hệ thống',
    personId: null,
    locale: 'vi',
    grants: [{ role: 'system_admin', orgPath: null }],
    sessionId: '',
    csrfToken: '',
    totpEnabled: false,
    mustChangePassword: false,
    totpSetupRequired: false,
  };
}
