import {
  ErrorResponse,
  GrantCreate,
  IdParams,
  ResetPasswordBody,
  User,
  UserCreate,
  UserList,
  UserListQuery,
  UserUpdate,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { UserService } from './users.service';

const tags = ['users'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Accounts and role grants (administration). */
export async function userRoutes(app: Api, { users }: { users: UserService }) {
  app.get(
    '/users',
    { schema: { tags, summary: 'Tài khoản trong phạm vi quản trị', querystring: UserListQuery, response: { 200: UserList, ...errs } } },
    (req) => users.list(actorOf(req), req.query),
  );
  app.get('/users/:id', { schema: { tags, summary: 'Chi tiết tài khoản', params: IdParams, response: { 200: User, ...errs } } }, (req) =>
    users.get(actorOf(req), req.params.id),
  );
  app.post('/users', { schema: { tags, summary: 'Tạo tài khoản cho cán bộ', body: UserCreate, response: { 200: User, ...errs } } }, (req) =>
    users.create(actorOf(req), req.body),
  );
  app.patch(
    '/users/:id',
    { schema: { tags, summary: 'Khóa / mở tài khoản', params: IdParams, body: UserUpdate, response: { 200: User, ...errs } } },
    (req) => users.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu (bắt buộc đổi khi đăng nhập)',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: User, ...errs },
      },
    },
    (req) => users.resetPassword(actorOf(req), req.params.id, req.body.newPassword),
  );
  app.post(
    '/users/:id/reset-totp',
    { schema: { tags, summary: 'Tắt xác thực hai lớp (mất điện thoại)', params: IdParams, response: { 200: User, ...errs } } },
    (req) => users.resetTotp(actorOf(req), req.params.id),
  );
  app.post(
    '/users/:id/grants',
    { schema: { tags, summary: 'Cấp vai trò trên một đơn vị', params: IdParams, body: GrantCreate, response: { 200: User, ...errs } } },
    (req) => users.addGrant(actorOf(req), req.params.id, req.body),
  );
  app.delete('/grants/:id', { schema: { tags, summary: 'Thu hồi vai trò', params: IdParams, response: { 200: User, ...errs } } }, (req) =>
    users.removeGrant(actorOf(req), req.params.id),
  );
}
