import { PassThrough } from 'node:stream';
import {
  ErrorResponse,
  ExportQuery,
  IMPORT_KINDS,
  IMPORT_LIMITS,
  ImportCommitResult,
  ImportReport,
  ImportUpload,
  z,
  type ImportKind,
} from '@kycuong/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, type Api } from '../../platform/http';
import { AppError, type FieldError } from '../../platform/errors';
import { CONTENT_TYPES } from './imports.codec';
import { contentDisposition, fileError, type ExportFile, type ImportService } from './imports.service';

const tags = ['import-export'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const FileDownload = z.string().meta({ format: 'binary' });
const fileSchema = {
  querystring: ExportQuery,
  response: {
    200: {
      description: 'Tệp .xlsx hoặc .csv (UTF-8 có BOM); tên tệp trong Content-Disposition (filename*)',
      content: { [CONTENT_TYPES.xlsx]: { schema: FileDownload }, [CONTENT_TYPES.csv]: { schema: FileDownload } },
    },
    ...errs,
  },
};
const uploadSchema = { consumes: ['multipart/form-data'], body: ImportUpload };
// Multipart bodies are read by the handler (readUpload), not by the body validator: the body
// schema above only documents the fields for OpenAPI.
const noBodyValidation = () => (data: unknown) => ({ value: data });

/** Import (preview, commit) and export of orgs and people as XLSX or CSV. */
export async function importRoutes(app: Api, { imports }: { imports: ImportService }) {
  app.get(
    '/export/orgs',
    { schema: { tags, summary: 'Xuất danh sách đơn vị (XLSX/CSV) trong phạm vi được xuất', ...fileSchema } },
    async (req, reply) => sendFile(reply, await imports.exportSheet(actorOf(req), 'orgs', req.query)),
  );
  app.get(
    '/export/people',
    { schema: { tags, summary: 'Xuất danh sách cán bộ và đơn vị (mỗi dòng một đơn vị) trong phạm vi được xuất', ...fileSchema } },
    async (req, reply) => sendFile(reply, await imports.exportSheet(actorOf(req), 'people', req.query)),
  );
  app.post(
    '/import/preview',
    {
      schema: {
        tags,
        summary: 'Kiểm tra tệp nhập: báo cáo từng dòng, không ghi gì',
        ...uploadSchema,
        response: { 200: ImportReport, ...errs },
      },
      validatorCompiler: noBodyValidation,
    },
    async (req) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, false);
      return imports.preview(actor, upload.kind, upload.file);
    },
  );
  app.post(
    '/import/commit',
    {
      schema: {
        tags,
        summary: 'Ghi tệp nhập trong một giao dịch (từ chối nếu có dòng lỗi, trừ khi onlyValid=true)',
        ...uploadSchema,
        response: { 200: ImportCommitResult, ...errs },
      },
      validatorCompiler: noBodyValidation,
    },
    async (req) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, true);
      return imports.commit(actor, upload.kind, upload.file, upload.onlyValid);
    },
  );
}

function sendFile(reply: FastifyReply, file: ExportFile) {
  const body = new PassThrough();
  // A failure after the headers are sent can only cut the download short; it is logged.
  file.write(body).catch((err: unknown) => {
    reply.log.error({ err }, 'export failed');
    body.destroy(err as Error);
  });
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'no-store')
    .send(body);
}

/** The multipart fields kind, onlyValid and file, checked by hand with the usual 400 answer. */
async function readUpload(req: FastifyRequest, commit: boolean): Promise<{ kind: ImportKind; onlyValid: boolean; file: Buffer }> {
  if (!req.isMultipart())
    throw new AppError('validation_failed', 400, {}, [
      { path: 'body', message: 'Gửi tệp dưới dạng multipart/form-data (trường kind và file)', code: 'multipart_required' },
    ]);
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: IMPORT_LIMITS.maxFileBytes, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          continue;
        }
        file = await part.toBuffer();
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value.trim();
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw fileError(`Tệp quá lớn (tối đa ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB)`, 'too_large');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw fileError('Chỉ gửi một tệp cùng các trường kind, onlyValid', 'too_many_parts');
    throw err;
  }
  const problems: FieldError[] = [];
  const kind = fields.kind;
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind))
    problems.push({
      path: 'kind',
      message: kind ? `Giá trị “${kind}” không hợp lệ: dùng orgs hoặc people` : 'Thiếu trường kind (orgs hoặc people)',
      code: 'invalid_enum_value',
    });
  let onlyValid = false;
  if (commit && fields.onlyValid !== undefined && fields.onlyValid !== '') {
    if (['true', '1'].includes(fields.onlyValid)) onlyValid = true;
    else if (!['false', '0'].includes(fields.onlyValid))
      problems.push({ path: 'onlyValid', message: 'onlyValid phải là true hoặc false', code: 'invalid_enum_value' });
  }
  if (!file) problems.push({ path: 'file', message: 'Thiếu tệp (trường file)', code: 'required' });
  if (problems.length) throw new AppError('validation_failed', 400, {}, problems);
  return { kind: kind as ImportKind, onlyValid, file: file! };
}
