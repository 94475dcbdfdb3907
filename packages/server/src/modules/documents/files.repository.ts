import type { FileInfo } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { Database, FilesTable } from '../../db/schema';

export function toFileInfo(f: FilesTable): FileInfo {
  return { id: f.id, name: f.name, size: Number(f.size), mimeType: f.mime_type, sha256: f.sha256, uploadedAt: f.created_at };
}

/** SQL for uploaded files' metadata (the bytes live in the content-addressed store). */
export class FileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: FilesTable): Promise<void> {
    await this.db.insertInto('files').values(row).execute();
  }

  find(id: string) {
    return this.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byIds(ids: readonly string[]): Promise<FilesTable[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('files')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  /** Ids among `ids` already attached somewhere (to a document or a task event). */
  async linked(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const a = await this.db
      .selectFrom('document_files')
      .select('file_id')
      .where('file_id', 'in', [...ids])
      .execute();
    const b = await this.db
      .selectFrom('task_event_files')
      .select('file_id')
      .where('file_id', 'in', [...ids])
      .execute();
    return new Set([...a, ...b].map((r) => r.file_id));
  }
}
