import {
  ErrorResponse,
  IdParams,
  Notification,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  ReadAllResult,
  UnreadCount,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { NotificationService } from './notifications.service';

const tags = ['notifications'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The signed-in user's inbox and notification preferences (always their own). */
export async function notificationRoutes(app: Api, { notifications }: { notifications: NotificationService }) {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Hộp thông báo của tôi (mới nhất trước; unread=true: chỉ thông báo chưa đọc)',
        querystring: NotificationListQuery,
        response: { 200: NotificationList, ...errs },
      },
    },
    (req) => notifications.list(actorOf(req), req.query),
  );
  app.get(
    '/notifications/unread-count',
    { schema: { tags, summary: 'Số thông báo chưa đọc', response: { 200: UnreadCount, ...errs } } },
    (req) => notifications.unreadCount(actorOf(req)),
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Đánh dấu đã đọc tất cả', response: { 200: ReadAllResult, ...errs } } },
    (req) => notifications.markAllRead(actorOf(req)),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Đánh dấu một thông báo đã đọc', params: IdParams, response: { 200: Notification, ...errs } } },
    (req) => notifications.markRead(actorOf(req), req.params.id),
  );
  app.get(
    '/notifications/preferences',
    { schema: { tags, summary: 'Cài đặt nhận thông báo qua thư điện tử', response: { 200: NotificationPreferences, ...errs } } },
    (req) => notifications.getPreferences(actorOf(req)),
  );
  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Đổi cài đặt nhận thông báo (thư theo loại, thư tổng hợp hằng ngày)',
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences, ...errs },
      },
    },
    (req) => notifications.updatePreferences(actorOf(req), req.body),
  );
}
