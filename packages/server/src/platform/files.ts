/**
 * Content-addressed file store under `$KYCUONG_DATA_DIR/files`: a file is kept once under the
 * SHA-256 of its bytes (`files/ab/abcdef…`), so identical uploads share storage, a stored file
 * can never be altered in place, and the database row names exactly the bytes it refers to.
 * Size and type limits belong to the module that accepts the upload.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Where the bytes of a content address live. */
export function storedFilePath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256 content address: ${sha256}`);
  return path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
}

/** Stores bytes (once) and answers their content address. */
export async function storeFile(dataDir: string, data: Buffer): Promise<StoredFile> {
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  const target = storedFilePath(dataDir, sha256);
  try {
    await fs.access(target);
    return { sha256, size: data.length };
  } catch {
    // Not stored yet.
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  // Written to a temporary name and renamed, so a reader never sees half a file.
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, data, { flag: 'wx' });
  await fs.rename(tmp, target);
  return { sha256, size: data.length };
}

/** The bytes of a stored file; throws when missing (the database refers to a file that is gone). */
export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer> {
  return fs.readFile(storedFilePath(dataDir, sha256));
}

// ---------------------------------------------------------------------------------------------
// Attachments with metadata (documents, task evidence): limits, type check, the `files` table.

/** Largest attachment accepted (the multipart limit of the app is the same). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

interface AttachmentType {
  mime: string;
  /** Leading bytes the content must start with (any of them); none for plain text. */
  magic: readonly (readonly number[])[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** Office documents, PDF, images and plain text — by extension, with the content checked against it. */
export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  pdf: { mime: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [ZIP] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [ZIP] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: [ZIP] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', magic: [ZIP] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', magic: [ZIP] },
  doc: { mime: 'application/msword', magic: [OLE] },
  xls: { mime: 'application/vnd.ms-excel', magic: [OLE] },
  ppt: { mime: 'application/vnd.ms-powerpoint', magic: [OLE] },
  zip: { mime: 'application/zip', magic: [ZIP] },
  png: { mime: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
  jpg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { mime: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  txt: { mime: 'text/plain; charset=utf-8', magic: [] },
  csv: { mime: 'text/csv; charset=utf-8', magic: [] },
};

export type AttachmentCheck =
  { ok: true; mimeType: string; name: string } | { ok: false; code: 'type' | 'content' | 'empty' | 'size'; message: string };

/** A safe display name: no path, no control characters, at most 200 characters, NFC. */
export function cleanFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(-200) || 'tep-dinh-kem'
  );
}

/**
 * Whether an upload is acceptable: an allowed extension, content that really is of that type
 * (the client's content type is not trusted), not empty, not too large.
 */
export function checkAttachment(fileName: string, data: Buffer, maxBytes = MAX_ATTACHMENT_BYTES): AttachmentCheck {
  const name = cleanFileName(fileName);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = ATTACHMENT_TYPES[ext];
  if (!type)
    return { ok: false, code: 'type', message: `Không nhận tệp .${ext || '?'}; chỉ nhận ${Object.keys(ATTACHMENT_TYPES).join(', ')}` };
  if (data.length === 0) return { ok: false, code: 'empty', message: 'Tệp rỗng' };
  if (data.length > maxBytes) return { ok: false, code: 'size', message: `Tệp quá lớn (tối đa ${Math.round(maxBytes / 1024 / 1024)} MB)` };
  if (type.magic.length > 0 && !type.magic.some((m) => m.every((b, i) => data[i] === b))) {
    return { ok: false, code: 'content', message: `Nội dung tệp không phải định dạng .${ext}` };
  }
  if (type.magic.length === 0 && (data.includes(0) || !isUtf8(data)))
    return { ok: false, code: 'content', message: 'Tệp văn bản phải là UTF-8' };
  return { ok: true, mimeType: type.mime, name };
}

function isUtf8(data: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}
