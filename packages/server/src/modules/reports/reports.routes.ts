import {
  ErrorResponse,
  IdParams,
  Report,
  ReportCreate,
  ReportCreated,
  ReportDraft,
  ReportDraftRequest,
  ReportFileParams,
  ReportList,
  ReportListQuery,
  z,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import { sendStoredFile } from '../documents/attachments';
import { REPORT_MIME, type ReportService } from './reports.service';

const tags = ['reports'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Binary = z.string().meta({ format: 'binary' });

/** Official reports: draft from live data, render as a job, download DOCX / PDF / XLSX. */
export async function reportRoutes(app: Api, { reports }: { reports: ReportService }) {
  app.post(
    '/reports/draft',
    {
      schema: {
        tags,
        summary: 'Dự thảo báo cáo từ số liệu hiện có (các phần nội dung để sửa, các biểu số liệu, thể thức Đảng/Nhà nước)',
        body: ReportDraftRequest,
        response: { 200: ReportDraft, ...errs },
      },
    },
    (req) => reports.draft(actorOf(req), req.body),
  );
  app.post(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Tạo báo cáo (DOCX, PDF, XLSX) — chạy nền, trả mã công việc; theo dõi bằng GET /reports/{id}',
        body: ReportCreate,
        response: { 200: ReportCreated, ...errs },
      },
    },
    (req) => reports.create(actorOf(req), req.body),
  );
  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Các báo cáo đã tạo (mới nhất trước)',
        querystring: ReportListQuery,
        response: { 200: ReportList, ...errs },
      },
    },
    (req) => reports.list(actorOf(req), req.query),
  );
  app.get(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Trạng thái, tiến độ và liên kết tải của một báo cáo',
        params: IdParams,
        response: { 200: Report, ...errs },
      },
    },
    (req) => reports.get(actorOf(req), req.params.id),
  );
  app.get(
    '/reports/:id/files/:format',
    {
      schema: {
        tags,
        summary: 'Tải tệp báo cáo (docx, pdf, xlsx); 404 khi chưa tạo xong',
        params: ReportFileParams,
        response: {
          200: {
            description: 'Tệp báo cáo; tên tệp trong Content-Disposition',
            content: Object.fromEntries(Object.values(REPORT_MIME).map((m) => [m, { schema: Binary }])),
          },
          ...errs,
        },
      },
    },
    async (req, reply) => {
      const f = await reports.file(actorOf(req), req.params.id, req.params.format);
      return sendStoredFile(reply, { filename: f.filename, mimeType: f.contentType, body: f.data });
    },
  );
}
