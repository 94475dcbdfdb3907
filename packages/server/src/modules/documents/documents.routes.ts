import {
  DocumentCreate,
  DocumentDetail,
  DocumentIssue,
  DocumentList,
  DocumentListQuery,
  DocumentUpdate,
  ErrorResponse,
  FileInfo,
  FileParams,
  IdParams,
  NextNumber,
  NextNumberQuery,
  NumberingSettings,
  NumberingSettingsUpdate,
  TaskGroupCreate,
  TaskGroupUpdate,
  z,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { AppError } from '../../platform/errors';
import { MAX_ATTACHMENT_BYTES } from '../../platform/files';
import { actorOf, type Api } from '../../platform/http';
import { saveUpload, sendStoredFile } from './attachments';
import type { DocumentService } from './documents.service';

const tags = ['documents'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const Binary = (description: string) => z.string().meta({ format: 'binary', description });

/** Directing documents, their numbers, task groups, the cascade, and file uploads. */
export async function documentRoutes(app: Api, { documents, ctx }: { documents: DocumentService; ctx: AppContext }) {
  app.get(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Văn bản chỉ đạo trong phạm vi (tìm không dấu q, lọc theo loại, trạng thái, đơn vị ban hành)',
        querystring: DocumentListQuery,
        response: { 200: DocumentList, ...errs },
      },
    },
    (req) => documents.list(actorOf(req), req.query),
  );
  app.get(
    '/documents/next-number',
    {
      schema: {
        tags,
        summary: 'Số, ký hiệu tiếp theo của đơn vị cho loại văn bản (theo nhiệm kỳ hoặc năm)',
        querystring: NextNumberQuery,
        response: { 200: NextNumber, ...errs },
      },
    },
    (req) => documents.nextNumber(actorOf(req), req.query),
  );
  app.get(
    '/documents/numbering-settings',
    { schema: { tags, summary: 'Nhiệm kỳ và ký hiệu cơ quan dùng để đánh số văn bản', response: { 200: NumberingSettings, ...errs } } },
    (req) => documents.getNumberingSettings(actorOf(req)),
  );
  app.put(
    '/documents/numbering-settings',
    {
      schema: {
        tags,
        summary: 'Sửa nhiệm kỳ và ký hiệu cơ quan (quản trị hệ thống)',
        body: NumberingSettingsUpdate,
        response: { 200: NumberingSettings, ...errs },
      },
    },
    (req) => documents.putNumberingSettings(actorOf(req), req.body),
  );
  app.get(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết văn bản: nhóm nhiệm vụ, đơn vị nhận và tình hình trả lời, thống kê nhiệm vụ',
        params: IdParams,
        response: { 200: DocumentDetail, ...errs },
      },
    },
    (req) => documents.get(actorOf(req), req.params.id),
  );
  app.post(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Đăng ký văn bản (dự thảo hoặc đã ban hành; số tự động với autoNumber)',
        body: DocumentCreate,
        response: { 200: DocumentDetail, ...errs },
      },
    },
    (req) => documents.create(actorOf(req), req.body),
  );
  app.patch(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Sửa văn bản, ban hành hoặc đánh dấu đã được thay thế',
        params: IdParams,
        body: DocumentUpdate,
        response: { 200: DocumentDetail, ...errs },
      },
    },
    (req) => documents.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/documents/:id/issue',
    {
      schema: {
        tags,
        summary: 'Ban hành văn bản đến các đơn vị: mỗi đơn vị nhận một nhiệm vụ xây dựng kế hoạch hoặc báo cáo',
        params: IdParams,
        body: DocumentIssue,
        response: { 200: DocumentDetail, ...errs },
      },
    },
    (req) => documents.issue(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/documents/:id/groups',
    {
      schema: { tags, summary: 'Thêm nhóm nhiệm vụ', params: IdParams, body: TaskGroupCreate, response: { 200: DocumentDetail, ...errs } },
    },
    (req) => documents.addGroup(actorOf(req), req.params.id, req.body),
  );
  app.patch(
    '/task-groups/:id',
    { schema: { tags, summary: 'Sửa nhóm nhiệm vụ', params: IdParams, body: TaskGroupUpdate, response: { 200: DocumentDetail, ...errs } } },
    (req) => documents.updateGroup(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/documents/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải tệp đính kèm của văn bản',
        produces: ['application/octet-stream'],
        params: FileParams,
        response: { 200: Binary('Tệp đính kèm'), ...errs },
      },
    },
    async (req, reply) => sendStoredFile(reply, await documents.file(actorOf(req), req.params.id, req.params.fileId)),
  );
  app.post(
    '/files',
    {
      schema: {
        tags: ['files'],
        summary:
          'Tải tệp lên (trường file; PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, ODT/ODS, ZIP, PNG/JPG, TXT/CSV; tối đa 20 MB) rồi gắn vào văn bản hoặc nhiệm vụ bằng id',
        consumes: ['multipart/form-data'],
        response: { 200: FileInfo, ...errs, 413: ErrorResponse },
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!req.isMultipart())
        throw new AppError('validation_failed', 400, {}, [
          { path: 'file', message: 'Gửi tệp dưới dạng multipart/form-data (trường file)', code: 'multipart_required' },
        ]);
      const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
      if (!part || part.fieldname !== 'file')
        throw new AppError('validation_failed', 400, {}, [{ path: 'file', message: 'Thiếu tệp', code: 'required' }]);
      const data = await part.toBuffer();
      return saveUpload(ctx, actor, { filename: part.filename, data });
    },
  );
}
