import {
  CandidateQuery,
  Candidates,
  ErrorResponse,
  FileParams,
  IdParams,
  SweepBody,
  SweepResult,
  TaskAcceptBody,
  TaskAcceptCompletionBody,
  TaskCommentBody,
  TaskCompletionBody,
  TaskCreate,
  TaskDeadlineBody,
  TaskDetail,
  TaskExtensionApproveBody,
  TaskExtensionRequestBody,
  TaskForwardBody,
  TaskList,
  TaskListQuery,
  TaskProgressBody,
  TaskReasonBody,
  TaskRemindBody,
  TaskSettings,
  TaskSettingsUpdate,
  TaskTransferBody,
  TaskUpdate,
  z,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import { sendStoredFile } from '../documents/attachments';
import type { TaskService } from './tasks.service';

const tags = ['tasks'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Binary = (description: string) => z.string().meta({ format: 'binary', description });
const detail = { params: IdParams, response: { 200: TaskDetail, ...errs } };

/**
 * Tasks and their workflow. Every action answers the task as the caller now sees it (with its
 * timeline and allowedActions); 403 when the caller sees the task but may not act, 409 on a stale
 * version or when the task's state does not allow the action.
 */
export async function taskRoutes(app: Api, { tasks }: { tasks: TaskService }) {
  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary:
          'Nhiệm vụ của tôi (mine), tôi giao (assigned) hoặc của đơn vị (unit) — lọc theo kết quả, trạng thái, hạn, văn bản, dấu hiệu; tìm không dấu',
        querystring: TaskListQuery,
        response: { 200: TaskList, ...errs },
      },
    },
    (req) => tasks.list(actorOf(req), req.query),
  );
  app.post(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'Giao nhiệm vụ (từ văn bản, kết luận cuộc họp hoặc đột xuất; hạn theo ngày hoặc số ngày làm việc)',
        body: TaskCreate,
        response: { 200: TaskDetail, ...errs },
      },
    },
    (req) => tasks.create(actorOf(req), req.body),
  );
  app.get(
    '/tasks/settings',
    { schema: { tags, summary: 'Cấu hình đôn đốc tự động và báo cáo cấp trên', response: { 200: TaskSettings, ...errs } } },
    (req) => tasks.getSettings(actorOf(req)),
  );
  app.put(
    '/tasks/settings',
    {
      schema: {
        tags,
        summary: 'Sửa cấu hình đôn đốc (quản trị hệ thống)',
        body: TaskSettingsUpdate,
        response: { 200: TaskSettings, ...errs },
      },
    },
    (req) => tasks.putSettings(actorOf(req), req.body),
  );
  app.post(
    '/tasks/sweep',
    {
      schema: {
        tags,
        summary: 'Chạy ngay lượt đôn đốc hằng ngày (quản trị hệ thống; an toàn khi chạy lại)',
        body: SweepBody,
        response: { 200: SweepResult, ...errs },
      },
    },
    (req) => tasks.sweepNow(actorOf(req), req.body),
  );
  app.get(
    '/tasks/:id',
    { schema: { tags, summary: 'Chi tiết nhiệm vụ: diễn biến, dấu hiệu, các thao tác người dùng được phép', ...detail } },
    (req) => tasks.get(actorOf(req), req.params.id),
  );
  app.patch('/tasks/:id', { schema: { tags, summary: 'Sửa thông tin nhiệm vụ (người giao)', ...detail, body: TaskUpdate } }, (req) =>
    tasks.update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/tasks/:id/candidates',
    {
      schema: {
        tags,
        summary: 'Đơn vị và cán bộ có thể chọn khi giao tiếp, chuyển hoặc mời phối hợp',
        params: IdParams,
        querystring: CandidateQuery,
        response: { 200: Candidates, ...errs },
      },
    },
    (req) => tasks.candidates(actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/tasks/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải tệp minh chứng của nhiệm vụ',
        produces: ['application/octet-stream'],
        params: FileParams,
        response: { 200: Binary('Tệp'), ...errs },
      },
    },
    async (req, reply) => sendStoredFile(reply, await tasks.file(actorOf(req), req.params.id, req.params.fileId)),
  );
  app.post('/tasks/:id/accept', { schema: { tags, summary: 'Tiếp nhận nhiệm vụ (chủ trì)', ...detail, body: TaskAcceptBody } }, (req) =>
    tasks.accept(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/progress',
    {
      schema: { tags, summary: 'Cập nhật tiến độ (chủ trì: bắt buộc %, phối hợp: phần việc của mình)', ...detail, body: TaskProgressBody },
    },
    (req) => tasks.progress(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/complete',
    { schema: { tags, summary: 'Báo cáo hoàn thành kèm minh chứng', ...detail, body: TaskCompletionBody } },
    (req) => tasks.reportCompletion(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/accept-completion',
    { schema: { tags, summary: 'Xác nhận hoàn thành và đánh giá chất lượng (người giao)', ...detail, body: TaskAcceptCompletionBody } },
    (req) => tasks.acceptCompletion(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/send-back',
    { schema: { tags, summary: 'Yêu cầu làm lại (người giao, bắt buộc lý do)', ...detail, body: TaskReasonBody } },
    (req) => tasks.sendBack(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/return',
    { schema: { tags, summary: 'Trả lại người giao (chủ trì, bắt buộc lý do)', ...detail, body: TaskReasonBody } },
    (req) => tasks.returnToAssigner(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/transfer',
    { schema: { tags, summary: 'Chuyển cho đơn vị khác (bắt buộc lý do)', ...detail, body: TaskTransferBody } },
    (req) => tasks.transfer(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/forward',
    { schema: { tags, summary: 'Giao tiếp cho đơn vị cấp dưới hoặc cán bộ (tạo nhiệm vụ con)', ...detail, body: TaskForwardBody } },
    (req) => tasks.forward(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/extension-request',
    { schema: { tags, summary: 'Xin gia hạn (hạn mới và lý do)', ...detail, body: TaskExtensionRequestBody } },
    (req) => tasks.requestExtension(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/extension-approve',
    { schema: { tags, summary: 'Đồng ý gia hạn (người giao)', ...detail, body: TaskExtensionApproveBody } },
    (req) => tasks.approveExtension(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/extension-refuse',
    { schema: { tags, summary: 'Không đồng ý gia hạn (người giao, bắt buộc lý do)', ...detail, body: TaskReasonBody } },
    (req) => tasks.refuseExtension(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/deadline',
    { schema: { tags, summary: 'Điều chỉnh hạn (người giao, bắt buộc lý do)', ...detail, body: TaskDeadlineBody } },
    (req) => tasks.changeDeadline(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/remind',
    {
      schema: {
        tags,
        summary: 'Đôn đốc (tăng số lần đôn đốc; quá hạn sau quá số lần quy định thì báo cáo cấp trên)',
        ...detail,
        body: TaskRemindBody,
      },
    },
    (req) => tasks.remind(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/cancel',
    { schema: { tags, summary: 'Hủy nhiệm vụ (người giao, bắt buộc lý do)', ...detail, body: TaskReasonBody } },
    (req) => tasks.cancel(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/comments',
    { schema: { tags, summary: 'Trao đổi, nhắc tên (@) người liên quan', ...detail, body: TaskCommentBody } },
    (req) => tasks.comment(actorOf(req), req.params.id, req.body),
  );
}
