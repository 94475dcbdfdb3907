import {
  ChangePasswordBody,
  ErrorResponse,
  LoginBody,
  Me,
  OkResponse,
  PreferencesBody,
  TotpConfirmBody,
  TotpDisableBody,
  TotpSetup,
} from '@kycuong/domain';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context';
import { actorOf, type Api } from '../../platform/http';
import { SESSION_COOKIE } from '../../platform/session';
import type { AuthService } from './auth.service';

const tags = ['auth'];

/** Sign-in, sign-out, the current user, password and two-factor endpoints. */
export async function authRoutes(app: Api, opts: { ctx: AppContext; auth: AuthService }) {
  const { auth, ctx } = opts;
  const setCookie = (reply: FastifyReply, value: string, maxAge: number) =>
    reply.setCookie(SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      maxAge,
    });

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Đăng nhập',
        body: LoginBody,
        response: { 200: Me, 400: ErrorResponse, 401: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { sessionToken, actor } = await auth.login(request.body, request.headers['user-agent'] ?? null);
      setCookie(reply, sessionToken, ctx.config.sessionTtlHours * 3600);
      request.actor = actor;
      return auth.me(actor);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Đăng xuất', response: { 200: OkResponse, 401: ErrorResponse } } },
    async (request, reply) => {
      await auth.logout(actorOf(request));
      setCookie(reply, '', 0);
      return { ok: true as const };
    },
  );

  app.get('/auth/me', { schema: { tags, summary: 'Người dùng hiện tại', response: { 200: Me, 401: ErrorResponse } } }, async (request) =>
    auth.me(actorOf(request)),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Đổi mật khẩu',
        body: ChangePasswordBody,
        response: { 200: OkResponse, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      await auth.changePassword(actorOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.put(
    '/auth/preferences',
    {
      schema: {
        tags,
        summary: 'Ngôn ngữ giao diện',
        body: PreferencesBody,
        response: { 200: OkResponse, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      await auth.setLocale(actorOf(request), request.body.locale);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/totp/setup',
    { schema: { tags, summary: 'Bắt đầu cài đặt xác thực hai lớp', response: { 200: TotpSetup, 401: ErrorResponse, 409: ErrorResponse } } },
    async (request) => auth.totpSetup(actorOf(request)),
  );

  app.post(
    '/auth/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Xác nhận bật xác thực hai lớp',
        body: TotpConfirmBody,
        response: { 200: OkResponse, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      await auth.totpConfirm(actorOf(request), request.body.code);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Tắt xác thực hai lớp',
        body: TotpDisableBody,
        response: { 200: OkResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      await auth.totpDisable(actorOf(request), request.body.password);
      return { ok: true as const };
    },
  );
}
