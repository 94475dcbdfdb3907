/**
 * Resolves the session cookie into `request.actor` and enforces, for every state-changing
 * request of a signed-in user, the CSRF token (synchroniser token kept with the session, sent
 * back in the `x-csrf-token` header). Users who must change their password or set up two-factor
 * sign-in are held to the endpoints that let them do so.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthService } from '../modules/auth/auth.service';
import { AppError } from './errors';

export const SESSION_COOKIE = 'kc_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_PATH = '/api/v1/auth/login';
// Endpoints a restricted session may still use.
const ALWAYS_OPEN = ['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/preferences'];
const PASSWORD_OPEN = [...ALWAYS_OPEN, '/api/v1/auth/password'];
const TOTP_OPEN = [...ALWAYS_OPEN, '/api/v1/auth/password', '/api/v1/auth/totp'];

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

/**
 * Whether a request goes to an API route that needs a session: every `/api/v1` route, unless its
 * schema declares `security: []` (public pages). Unknown routes fall through to the 404 handler.
 */
function requiresSession(request: FastifyRequest): boolean {
  if (!request.url.startsWith('/api/v1/') || !request.routeOptions.url) return false;
  const security = (request.routeOptions.schema as { security?: unknown } | undefined)?.security;
  return !(Array.isArray(security) && security.length === 0);
}

export const sessionPlugin = fp(async function sessionPlugin(app: FastifyInstance, opts: { auth: AuthService }) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const path = request.url.split('?')[0] ?? '';
    // Signing in opens a new session whatever the browser still holds: an old cookie must not
    // demand its CSRF token or hold the new sign-in to the old account's restrictions.
    if (path === LOGIN_PATH) return;
    const raw = request.cookies[SESSION_COOKIE];
    const actor = raw ? await opts.auth.actorFromToken(raw) : null;
    if (!actor) {
      // 401 before the input is even validated: an anonymous caller learns nothing of the API.
      if (requiresSession(request)) throw new AppError('unauthenticated', 401);
      return;
    }
    request.actor = actor;
    if (!SAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) throw new AppError('csrf_invalid', 403);
    }
    if (!requiresSession(request)) return;
    if (actor.mustChangePassword && !PASSWORD_OPEN.some((p) => path.startsWith(p))) throw new AppError('password_change_required', 403);
    if (actor.totpSetupRequired && !TOTP_OPEN.some((p) => path.startsWith(p))) throw new AppError('totp_setup_required', 403);
  });
});
