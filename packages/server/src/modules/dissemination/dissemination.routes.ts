import {
  AckResult,
  AcknowledgeBody,
  AttendeeAdd,
  AttendeeList,
  AttendeeListQuery,
  AttendeeParams,
  CheckinToken,
  CloseResult,
  ConferenceCreate,
  ConferenceDetail,
  ConferenceFileParams,
  ConferenceList,
  ConferenceListQuery,
  ConferenceUpdate,
  Coverage,
  CoverageMissing,
  CoverageMissingQuery,
  CoverageQuery,
  ErrorResponse,
  IdParams,
  MyAckQuery,
  MyAcknowledgementList,
  QuizAttemptBody,
  QuizAttemptResult,
  SelfCheckinBody,
  SelfCheckinResult,
  Versioned,
  z,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import { sendStoredFile } from '../documents/attachments';
import type { DisseminationService } from './dissemination.service';

const tags = ['dissemination'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Binary = (description: string) => z.string().meta({ format: 'binary', description });

/** Dissemination (quán triệt): conferences, attendance, acknowledgements and coverage. */
export async function disseminationRoutes(app: Api, { dissemination }: { dissemination: DisseminationService }) {
  app.get(
    '/conferences',
    {
      schema: {
        tags,
        summary: 'Danh sách hội nghị quán triệt (lọc theo văn bản, đơn vị)',
        querystring: ConferenceListQuery,
        response: { 200: ConferenceList, ...errs },
      },
    },
    (req) => dissemination.list(actorOf(req), req.query),
  );
  app.post(
    '/conferences',
    {
      schema: {
        tags,
        summary: 'Lên lịch hội nghị quán triệt; danh sách dự kiến lấy từ thành viên của đơn vị theo đối tượng',
        body: ConferenceCreate,
        response: { 200: ConferenceDetail, ...errs },
      },
    },
    (req) => dissemination.create(actorOf(req), req.body),
  );
  app.get(
    '/conferences/:id',
    { schema: { tags, summary: 'Chi tiết hội nghị quán triệt', params: IdParams, response: { 200: ConferenceDetail, ...errs } } },
    (req) => dissemination.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/conferences/:id',
    {
      schema: {
        tags,
        summary: 'Sửa hội nghị: thời gian, địa điểm, chủ trì, bài kiểm tra, biên bản, tài liệu, ảnh',
        params: IdParams,
        body: ConferenceUpdate,
        response: { 200: ConferenceDetail, ...errs },
      },
    },
    (req) => dissemination.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/conferences/:id/close',
    {
      schema: {
        tags,
        summary: 'Kết thúc hội nghị: người vắng mặt được giao nhiệm vụ học bù',
        params: IdParams,
        body: Versioned,
        response: { 200: CloseResult, ...errs },
      },
    },
    (req) => dissemination.close(actorOf(req), req.params.id, req.body.version),
  );
  app.get(
    '/conferences/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải tài liệu, biên bản, ảnh của hội nghị hoặc tệp của văn bản được quán triệt',
        produces: ['application/octet-stream'],
        params: ConferenceFileParams,
        response: { 200: Binary('Tệp'), ...errs },
      },
    },
    async (req, reply) => sendStoredFile(reply, await dissemination.file(actorOf(req), req.params.id, req.params.fileId)),
  );
  app.get(
    '/conferences/:id/attendees',
    {
      schema: {
        tags,
        summary: 'Danh sách dự kiến với điểm danh và xác nhận quán triệt',
        params: IdParams,
        querystring: AttendeeListQuery,
        response: { 200: AttendeeList, ...errs },
      },
    },
    (req) => dissemination.attendees(actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/conferences/:id/attendees',
    {
      schema: {
        tags,
        summary: 'Thêm người vào danh sách dự kiến',
        params: IdParams,
        body: AttendeeAdd,
        response: { 200: ConferenceDetail, ...errs },
      },
    },
    (req) => dissemination.addAttendee(actorOf(req), req.params.id, req.body.personId),
  );
  app.delete(
    '/conferences/:id/attendees/:personId',
    {
      schema: {
        tags,
        summary: 'Bỏ người khỏi danh sách dự kiến (chưa điểm danh)',
        params: AttendeeParams,
        response: { 200: ConferenceDetail, ...errs },
      },
    },
    (req) => dissemination.removeAttendee(actorOf(req), req.params.id, req.params.personId),
  );
  app.post(
    '/conferences/:id/attendees/:personId/check-in',
    {
      schema: {
        tags,
        summary: 'Thư ký điểm danh một người có mặt',
        params: AttendeeParams,
        response: { 200: ConferenceDetail, ...errs },
      },
    },
    (req) => dissemination.checkIn(actorOf(req), req.params.id, req.params.personId),
  );
  app.get(
    '/conferences/:id/checkin-token',
    {
      schema: {
        tags,
        summary: 'Mã QR điểm danh (ký, có hạn) để trình chiếu tại hội nghị',
        params: IdParams,
        response: { 200: CheckinToken, ...errs },
      },
    },
    (req) => dissemination.checkinToken(actorOf(req), req.params.id),
  );
  app.post(
    '/conferences/check-in',
    {
      schema: {
        tags,
        summary: 'Tự điểm danh bằng mã QR của hội nghị (sau khi đăng nhập)',
        body: SelfCheckinBody,
        response: { 200: SelfCheckinResult, ...errs },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    (req) => dissemination.selfCheckIn(actorOf(req), req.body.token),
  );
  app.post(
    '/conferences/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Xác nhận đã nghiên cứu, quán triệt văn bản (hội nghị không có bài kiểm tra)',
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: AckResult, ...errs },
      },
    },
    (req) => dissemination.acknowledge(actorOf(req), req.params.id),
  );
  app.post(
    '/conferences/:id/quiz-attempts',
    {
      schema: {
        tags,
        summary: 'Làm bài kiểm tra; đạt thì được xác nhận đã quán triệt',
        params: IdParams,
        body: QuizAttemptBody,
        response: { 200: QuizAttemptResult, ...errs },
      },
    },
    (req) => dissemination.attempt(actorOf(req), req.params.id, req.body.answers),
  );
  app.get(
    '/me/acknowledgements',
    {
      schema: {
        tags,
        summary: 'Văn bản cần quán triệt của tôi',
        querystring: MyAckQuery,
        response: { 200: MyAcknowledgementList, ...errs },
      },
    },
    (req) => dissemination.mine(actorOf(req), req.query),
  );
  app.get(
    '/documents/:id/coverage',
    {
      schema: {
        tags,
        summary: 'Kết quả quán triệt văn bản theo đơn vị: số phải quán triệt, đã dự, đã quán triệt, tỷ lệ',
        params: IdParams,
        querystring: CoverageQuery,
        response: { 200: Coverage, ...errs },
      },
    },
    (req) => dissemination.coverage(actorOf(req), req.params.id, req.query.orgId),
  );
  app.get(
    '/documents/:id/coverage/missing',
    {
      schema: {
        tags,
        summary: 'Những người chưa quán triệt văn bản trong đơn vị',
        params: IdParams,
        querystring: CoverageMissingQuery,
        response: { 200: CoverageMissing, ...errs },
      },
    },
    (req) => dissemination.missing(actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/documents/:id/coverage.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất kết quả quán triệt ra Excel',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        params: IdParams,
        querystring: CoverageQuery,
        response: { 200: Binary('Bảng tính XLSX'), ...errs },
      },
    },
    async (req, reply) => {
      const f = await dissemination.coverageXlsx(actorOf(req), req.params.id, req.query.orgId);
      return sendStoredFile(reply, {
        filename: f.filename,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: f.body,
      });
    },
  );
}
