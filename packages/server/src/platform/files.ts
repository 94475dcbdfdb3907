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
