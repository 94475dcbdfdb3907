/**
 * What the signed-in user may do, from the server's answer to /auth/me. The server enforces every
 * rule; the web app only hides what would be refused.
 */
import { roleAllows, type Action, type Me } from '@kycuong/domain';

/** Whether the action is allowed somewhere in the user's scope. */
export function can(me: Me, action: Action): boolean {
  return me.actions.includes(action);
}

/**
 * Whether the action is allowed on an org, given the org id and its ancestors' ids (as
 * GET /orgs/{id} answers them): some grant with the action covers the org's subtree.
 */
export function canOn(me: Me, action: Action, orgAndAncestorIds: readonly string[]): boolean {
  return me.grants.some((g) => roleAllows(g.role, action) && (g.orgId === null || orgAndAncestorIds.includes(g.orgId)));
}
