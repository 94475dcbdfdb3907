/**
 * Uploads and the rule for attaching them: a file is uploaded first (POST /files) and then named
 * by id in a document or a task event. Only its uploader may attach a file that is not attached
 * anywhere yet; a file already attached to the same record may be kept.
 */
import { removeDiacritics, type FileInfo } from '@kycuong/domain';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { Actor } from '../../platform/access';
import { registerAuditedEntity } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { checkAttachment, readStoredFile, storeFile } from '../../platform/files';
import { newId } from '../../platform/ids';
import { FileRepository, toFileInfo } from './files.repository';

registerAuditedEntity('file', { table: 'files', booleans: [] });

/** Stores an upload (content-addressed) and records it, audited; answers its metadata. */
export async function saveUpload(ctx: AppContext, actor: Actor, file: { filename: string; data: Buffer }): Promise<FileInfo> {
  const check = checkAttachment(file.filename, file.data);
  if (!check.ok) {
    if (check.code === 'size') throw new AppError('payload_too_large', 413);
    throw errors.invalidField('file', check.message, check.code);
  }
  const stored = await storeFile(ctx.config.dataDir, file.data);
  const row = {
    id: newId(),
    sha256: stored.sha256,
    name: check.name,
    mime_type: check.mimeType,
    size: stored.size,
    uploaded_by_user_id: actor.userId,
    created_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await new FileRepository(trx).insert(row);
    await ctx.audit.record(trx, { actorUserId: actor.userId, action: 'file.upload', entityType: 'file', entityId: row.id, before: null });
  });
  return toFileInfo(row);
}

/**
 * Checks that every id names a file the actor may attach here: already attached to this record
 * (`kept`), or uploaded by the actor and attached nowhere yet. 400 naming the field otherwise.
 */
export async function assertAttachable(
  db: Kysely<Database>,
  actor: Actor,
  fileIds: readonly string[],
  kept: ReadonlySet<string>,
  field = 'fileIds',
): Promise<void> {
  const ids = [...new Set(fileIds)].filter((id) => !kept.has(id));
  if (ids.length === 0) return;
  const repo = new FileRepository(db);
  const rows = new Map((await repo.byIds(ids)).map((f) => [f.id, f]));
  const linked = await repo.linked(ids);
  for (const [i, id] of fileIds.entries()) {
    if (kept.has(id)) continue;
    const f = rows.get(id);
    if (!f || f.uploaded_by_user_id !== actor.userId || linked.has(id)) {
      throw errors.invalidField(
        `${field}.${i}`,
        actor.locale === 'en' ? 'Unknown file or not yours to attach' : 'Không tìm thấy tệp hoặc tệp không do bạn tải lên',
        'file',
      );
    }
  }
}

/** The bytes and metadata of a stored file. */
export async function readFile(ctx: AppContext, fileId: string) {
  const f = await new FileRepository(ctx.db).find(fileId);
  if (!f) throw errors.notFound();
  return { filename: f.name, mimeType: f.mime_type, body: await readStoredFile(ctx.config.dataDir, f.sha256) };
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` so Vietnamese names survive every browser. */
function contentDisposition(filename: string): string {
  const ascii = removeDiacritics(filename)
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/\s+/g, ' ');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file as a download (never rendered inline: uploads are untrusted content). */
export function sendStoredFile(reply: FastifyReply, f: { filename: string; mimeType: string; body: Buffer }) {
  return reply
    .header('content-type', f.mimeType)
    .header('content-disposition', contentDisposition(f.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.body);
}
