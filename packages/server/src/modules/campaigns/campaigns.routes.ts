import {
  CampaignBatch,
  CampaignBatchResult,
  CampaignCreate,
  CampaignDetail,
  CampaignDetailQuery,
  CampaignEntry,
  CampaignEntryList,
  CampaignEntryListQuery,
  CampaignEntryParams,
  CampaignList,
  CampaignListQuery,
  CampaignMemberList,
  CampaignMemberQuery,
  CampaignPledge,
  CampaignReversal,
  CampaignTransition,
  CampaignUpdate,
  ErrorResponse,
  Handover,
  HandoverCreate,
  HandoverFileParams,
  HandoverParams,
  IdParams,
  MyCampaignEntryList,
  PageQuery,
  PublicCampaign,
  z,
} from '@kycuong/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../platform/errors';
import { actorOf, type Api } from '../../platform/http';
import { HANDOVER_FILE_MAX_BYTES, contentDisposition, type CampaignService } from './campaigns.service';

const tags = ['campaigns'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Binary = (description: string) => z.string().meta({ format: 'binary', description });

/** zod paths as the web's entry table names its cells: rows[3].amount. */
function bracketPath(instancePath: string): string {
  return instancePath
    .replace(/^\//, '')
    .split('/')
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
}

interface ValidationFailure {
  validation?: { instancePath: string; message?: string; keyword: string }[];
}

/** The batch's own 400: every bad cell named `rows[i].field` (nothing is written). */
function batchValidation(req: FastifyRequest) {
  const err = req.validationError as (Error & ValidationFailure) | undefined;
  if (!err) return;
  const fields: FieldError[] = (err.validation ?? []).map((v) => ({
    path: bracketPath(v.instancePath) || 'body',
    message: v.message ?? 'invalid',
    code: v.keyword,
  }));
  throw new AppError('validation_failed', 400, {}, fields.length ? fields : [{ path: 'body', message: err.message, code: 'invalid' }]);
}

function sendFile(reply: FastifyReply, file: { filename: string; body: Buffer }, contentType: string, inline = false) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition(file.filename, inline))
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** Union campaigns: campaigns, ledger, receipts, handovers, export and the public page. */
export async function campaignRoutes(app: Api, { campaigns }: { campaigns: CampaignService }) {
  app.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Các cuộc vận động trong phạm vi (lọc theo trạng thái, loại, từ khóa, đơn vị tổ chức)',
        querystring: CampaignListQuery,
        response: { 200: CampaignList, ...errs },
      },
    },
    (req) => campaigns.list(actorOf(req), req.query),
  );
  app.post(
    '/campaigns',
    { schema: { tags, summary: 'Tạo cuộc vận động (dự thảo)', body: CampaignCreate, response: { 200: CampaignDetail, ...errs } } },
    (req) => campaigns.create(actorOf(req), req.body),
  );
  app.get(
    '/campaigns/my-entries',
    {
      schema: {
        tags,
        summary: 'Các khoản đăng ký và đã nộp của tôi',
        querystring: PageQuery,
        response: { 200: MyCampaignEntryList, ...errs },
      },
    },
    (req) => campaigns.myEntries(actorOf(req), req.query),
  );
  app.get(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết cuộc vận động với số liệu tổng hợp (theo đơn vị, hình thức, ngày), bàn giao',
        params: IdParams,
        querystring: CampaignDetailQuery,
        response: { 200: CampaignDetail, ...errs },
      },
    },
    (req) => campaigns.get(actorOf(req), req.params.id, req.query.unitParentId),
  );
  app.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Sửa cuộc vận động (khi dự thảo hoặc đang vận động)',
        params: IdParams,
        body: CampaignUpdate,
        response: { 200: CampaignDetail, ...errs },
      },
    },
    (req) => campaigns.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/campaigns/:id/status',
    {
      schema: {
        tags,
        summary: 'Chuyển trạng thái: dự thảo → đang vận động → kết thúc → quyết toán',
        params: IdParams,
        body: CampaignTransition,
        response: { 200: CampaignDetail, ...errs },
      },
    },
    (req) => campaigns.transition(actorOf(req), req.params.id, req.body.status, req.body.version),
  );
  app.get(
    '/campaigns/:id/entries',
    {
      schema: {
        tags,
        summary: 'Sổ ghi: cán bộ công đoàn xem tất cả, người thu xem đơn vị mình, đoàn viên xem của mình',
        params: IdParams,
        querystring: CampaignEntryListQuery,
        response: { 200: CampaignEntryList, ...errs },
      },
    },
    (req) => campaigns.entries(actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/campaigns/:id/members',
    {
      schema: {
        tags,
        summary: 'Đoàn viên mà người thu được ghi nhận (kèm số đã nộp, mức gợi ý)',
        params: IdParams,
        querystring: CampaignMemberQuery,
        response: { 200: CampaignMemberList, ...errs },
      },
    },
    (req) => campaigns.members(actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/campaigns/:id/contributions/batch',
    {
      schema: {
        tags,
        summary: 'Ghi nhận tối đa 500 khoản trong một giao dịch (một dòng sai thì không ghi gì; lỗi nêu rows[i].trường)',
        params: IdParams,
        body: CampaignBatch,
        response: { 200: CampaignBatchResult, ...errs },
      },
      attachValidation: true,
    },
    (req) => {
      batchValidation(req);
      return campaigns.recordBatch(actorOf(req), req.params.id, req.body.rows);
    },
  );
  app.post(
    '/campaigns/:id/pledges',
    {
      schema: {
        tags,
        summary: 'Đoàn viên tự đăng ký ủng hộ',
        params: IdParams,
        body: CampaignPledge,
        response: { 200: CampaignEntry, ...errs },
      },
    },
    (req) => campaigns.pledge(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/campaigns/:id/entries/:entryId/reverse',
    {
      schema: {
        tags,
        summary: 'Đảo một khoản ghi sai bằng bút toán đối ứng (mỗi khoản chỉ đảo một lần)',
        params: CampaignEntryParams,
        body: CampaignReversal,
        response: { 200: CampaignEntry, ...errs },
      },
    },
    (req) => campaigns.reverse(actorOf(req), req.params.id, req.params.entryId, req.body),
  );
  app.post(
    '/campaigns/:id/entries/:entryId/confirm',
    {
      schema: {
        tags,
        summary: 'Đoàn viên xác nhận khoản của mình',
        params: CampaignEntryParams,
        response: { 200: CampaignEntry, ...errs },
      },
    },
    (req) => campaigns.confirm(actorOf(req), req.params.id, req.params.entryId),
  );
  app.get(
    '/campaigns/:id/contributions/:entryId/receipt.pdf',
    {
      schema: {
        tags,
        summary: 'Biên nhận PDF của một khoản nộp (người nộp, người thu, cán bộ công đoàn)',
        produces: ['application/pdf'],
        params: CampaignEntryParams,
        response: { 200: Binary('Biên nhận PDF'), ...errs },
      },
    },
    async (req, reply) =>
      sendFile(reply, await campaigns.receipt(actorOf(req), req.params.id, req.params.entryId), 'application/pdf', true),
  );
  app.get(
    '/campaigns/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Danh sách ủng hộ theo mẫu thủ quỹ công đoàn (XLSX)',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        params: IdParams,
        response: { 200: Binary('Tệp XLSX'), ...errs },
      },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await campaigns.exportXlsx(actorOf(req), req.params.id),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
  );
  app.post(
    '/campaigns/:id/handovers',
    {
      schema: {
        tags,
        summary: 'Ghi nhận bàn giao cho đối tượng thụ hưởng',
        params: IdParams,
        body: HandoverCreate,
        response: { 200: Handover, ...errs },
      },
    },
    (req) => campaigns.addHandover(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/campaigns/:id/handovers/:handoverId/files',
    {
      schema: {
        tags,
        summary: 'Đính kèm tài liệu bàn giao (PDF, ảnh, DOCX, XLSX; tối đa 10 MB; trường file)',
        consumes: ['multipart/form-data'],
        params: HandoverParams,
        response: { 200: Handover, ...errs, 413: ErrorResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!req.isMultipart())
        throw new AppError('validation_failed', 400, {}, [
          { path: 'file', message: 'Gửi tệp dưới dạng multipart/form-data (trường file)', code: 'multipart_required' },
        ]);
      const part = await req.file({ limits: { fileSize: HANDOVER_FILE_MAX_BYTES, files: 1 } });
      if (!part || part.fieldname !== 'file')
        throw new AppError('validation_failed', 400, {}, [{ path: 'file', message: 'Thiếu tệp', code: 'required' }]);
      const data = await part.toBuffer();
      return campaigns.addHandoverFile(actor, req.params.id, req.params.handoverId, {
        filename: part.filename,
        mimeType: part.mimetype,
        data,
      });
    },
  );
  app.get(
    '/campaigns/:id/handovers/:handoverId/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải tài liệu bàn giao',
        produces: ['application/octet-stream'],
        params: HandoverFileParams,
        response: { 200: Binary('Tài liệu'), ...errs },
      },
    },
    async (req, reply) => {
      const f = await campaigns.handoverFile(actorOf(req), req.params.id, req.params.handoverId, req.params.fileId);
      return sendFile(reply, f, f.mimeType);
    },
  );
  app.get(
    '/public/campaigns/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'Trang công khai của cuộc vận động (không cần đăng nhập; danh sách tên chỉ khi được bật)',
        security: [],
        params: IdParams,
        response: { 200: PublicCampaign, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    (req) => campaigns.publicView(req.params.id),
  );
}
