import type { Scope } from '@kycuong/domain';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { matchesFolded } from '../../db/dialect';
import type { Database, DocumentRecipientsTable, DocumentsTable, DocumentTaskGroupsTable } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

/**
 * Every ancestor path of the scope's subtrees (themselves included): a document addressed to an
 * org above the reader binds the reader too (a directive issued to the Đảng ủy reaches its cells).
 */
export function ancestorPaths(scope: Scope): string[] {
  if (scope.all) return [];
  const out = new Set<string>();
  for (const p of scope.paths) {
    const segs = p.split('/').filter(Boolean);
    for (let i = 1; i <= segs.length; i++) out.add('/' + segs.slice(0, i).join('/') + '/');
  }
  return [...out];
}

export interface DocumentView extends DocumentsTable {
  issuing_org_name: string;
  issuing_org_path: string;
  implements_number: string | null;
  task_count: number;
}

type Eb = ExpressionBuilder<Database & { d: DocumentsTable }, 'd'>;

/** SQL for documents, their task groups, attachments and recipients; lists are scoped in SQL. */
export class DocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * A document is visible when its issuing org or one of its recipients lies in the read scope
   * or above it; drafts only to those who may manage documents of the issuing org.
   */
  visibility(eb: Eb, read: Scope, manage: Scope): Expression<SqlBool> {
    if (read.all && manage.all) return sql<SqlBool>`1 = 1`;
    const up = ancestorPaths(read);
    const orgOk = (col: string) =>
      up.length ? sql<SqlBool>`(${scopePredicate(read, col)} or ${sql.ref(col)} in (${sql.join(up)}))` : scopePredicate(read, col);
    const issuer = eb.exists(
      eb.selectFrom('orgs as io').select(sql.lit(1).as('one')).whereRef('io.id', '=', 'd.issuing_org_id').where(orgOk('io.path')),
    );
    const recipient = eb.exists(
      eb
        .selectFrom('document_recipients as r')
        .innerJoin('orgs as ro', 'ro.id', 'r.org_id')
        .select(sql.lit(1).as('one'))
        .whereRef('r.document_id', '=', 'd.id')
        .where(orgOk('ro.path')),
    );
    const draftOk = eb.or([
      eb('d.status', '!=', 'draft'),
      eb.exists(
        eb
          .selectFrom('orgs as mo')
          .select(sql.lit(1).as('one'))
          .whereRef('mo.id', '=', 'd.issuing_org_id')
          .where(scopePredicate(manage, 'mo.path')),
      ),
    ]);
    return eb.and([read.all ? sql<SqlBool>`1 = 1` : eb.or([issuer, recipient]), draftOk]);
  }

  private base() {
    return this.db
      .selectFrom('documents as d')
      .innerJoin('orgs as io', 'io.id', 'd.issuing_org_id')
      .leftJoin('documents as im', 'im.id', 'd.implements_id')
      .selectAll('d')
      .select(['io.name as issuing_org_name', 'io.path as issuing_org_path', 'im.number_text as implements_number'])
      .select((eb) =>
        eb.selectFrom('tasks as t').select(eb.fn.countAll<number>().as('n')).whereRef('t.document_id', '=', 'd.id').as('task_count'),
      );
  }

  async findById(id: string): Promise<DocumentView | undefined> {
    const r = await this.base().where('d.id', '=', id).executeTakeFirst();
    return r ? { ...r, task_count: Number(r.task_count ?? 0) } : undefined;
  }

  async list(opts: {
    read: Scope;
    manage: Scope;
    foldedQuery?: string | undefined;
    type?: string | undefined;
    status?: string | undefined;
    issuingOrgId?: string | undefined;
    implementsId?: string | undefined;
    issuedFrom?: string | undefined;
    issuedTo?: string | undefined;
    sort: string;
    limit: number;
    offset: number;
  }): Promise<{ rows: DocumentView[]; total: number }> {
    let q = this.base().where((eb) => this.visibility(eb as unknown as Eb, opts.read, opts.manage));
    if (opts.foldedQuery) q = q.where(matchesFolded(this.db, 'documents', 'd', opts.foldedQuery));
    if (opts.type) q = q.where('d.type', '=', opts.type);
    if (opts.status) q = q.where('d.status', '=', opts.status);
    if (opts.issuingOrgId) q = q.where('d.issuing_org_id', '=', opts.issuingOrgId);
    if (opts.implementsId) q = q.where('d.implements_id', '=', opts.implementsId);
    if (opts.issuedFrom) q = q.where('d.issued_on', '>=', opts.issuedFrom);
    if (opts.issuedTo) q = q.where('d.issued_on', '<=', opts.issuedTo);
    const countQ = q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n'));
    const ordered =
      opts.sort === 'issuedOn'
        ? q.orderBy(sql`d.issued_on asc nulls first`).orderBy('d.id')
        : opts.sort === 'number'
          ? q.orderBy('d.number_text').orderBy('d.id')
          : opts.sort === '-updatedAt'
            ? q.orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc')
            : q.orderBy(sql`d.issued_on desc nulls last`).orderBy('d.id', 'desc');
    const [rows, count] = await Promise.all([ordered.limit(opts.limit).offset(opts.offset).execute(), countQ.executeTakeFirstOrThrow()]);
    return { rows: rows.map((r) => ({ ...r, task_count: Number(r.task_count ?? 0) })), total: Number(count.n) };
  }

  /** Whether a document is visible to the reader (same rule as the list). */
  async isVisible(id: string, read: Scope, manage: Scope): Promise<boolean> {
    const r = await this.db
      .selectFrom('documents as d')
      .select('d.id')
      .where('d.id', '=', id)
      .where((eb) => this.visibility(eb as unknown as Eb, read, manage))
      .executeTakeFirst();
    return !!r;
  }

  async insert(row: DocumentsTable): Promise<void> {
    await this.db.insertInto('documents').values(row).execute();
  }

  async update(id: string, version: number, patch: Partial<Omit<DocumentsTable, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('documents')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The highest number used in a series (issuing org, type code, period) and its text. */
  async lastInSeries(orgId: string, typeCode: string | null, docType: string, period: string) {
    let q = this.db
      .selectFrom('documents')
      .select(['number_seq', 'number_text', 'issuer_code'])
      .where('issuing_org_id', '=', orgId)
      .where('number_period', '=', period)
      .where('number_seq', 'is not', null);
    q = typeCode === null ? q.where('type_code', 'is', null).where('type', '=', docType) : q.where('type_code', '=', typeCode);
    return q.orderBy('number_seq', 'desc').limit(1).executeTakeFirst();
  }

  /** The issuer code an org used last in a style (so proposals continue the org's habit). */
  async lastIssuerCode(orgId: string, style: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('documents')
      .select('issuer_code')
      .where('issuing_org_id', '=', orgId)
      .where('style', '=', style)
      .where('issuer_code', 'is not', null)
      .where('type_code', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.issuer_code ?? null;
  }

  // ---- attachments ----

  async files(documentId: string) {
    return this.db
      .selectFrom('document_files as df')
      .innerJoin('files as f', 'f.id', 'df.file_id')
      .selectAll('f')
      .where('df.document_id', '=', documentId)
      .orderBy('df.position')
      .execute();
  }

  async replaceFiles(documentId: string, fileIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom('document_files').where('document_id', '=', documentId).execute();
    if (fileIds.length) {
      await this.db
        .insertInto('document_files')
        .values(fileIds.map((file_id, position) => ({ document_id: documentId, file_id, position })))
        .execute();
    }
  }

  async hasFile(documentId: string, fileId: string): Promise<boolean> {
    return !!(await this.db
      .selectFrom('document_files')
      .select('file_id')
      .where('document_id', '=', documentId)
      .where('file_id', '=', fileId)
      .executeTakeFirst());
  }

  // ---- task groups ----

  async groups(documentId: string) {
    return this.db
      .selectFrom('document_task_groups as g')
      .selectAll('g')
      .select((eb) =>
        eb.selectFrom('tasks as t').select(eb.fn.countAll<number>().as('n')).whereRef('t.group_id', '=', 'g.id').as('task_count'),
      )
      .where('g.document_id', '=', documentId)
      .orderBy('g.position')
      .orderBy('g.code')
      .execute();
  }

  findGroup(id: string) {
    return this.db.selectFrom('document_task_groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertGroup(row: DocumentTaskGroupsTable): Promise<void> {
    await this.db.insertInto('document_task_groups').values(row).execute();
  }

  async updateGroup(id: string, version: number, patch: Partial<Omit<DocumentTaskGroupsTable, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('document_task_groups')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async maxGroupPosition(documentId: string): Promise<number> {
    const r = await this.db
      .selectFrom('document_task_groups')
      .select((eb) => eb.fn.max('position').as('m'))
      .where('document_id', '=', documentId)
      .executeTakeFirst();
    return Number(r?.m ?? 0);
  }

  // ---- relations, recipients (cascade), statistics ----

  /** Documents implementing this one (e.g. the plans of the units) that the reader may see. */
  implementedBy(id: string, read: Scope, manage: Scope) {
    return this.db
      .selectFrom('documents as d')
      .innerJoin('orgs as io', 'io.id', 'd.issuing_org_id')
      .selectAll('d')
      .select(['io.name as issuing_org_name'])
      .where('d.implements_id', '=', id)
      .where('d.status', '!=', 'draft')
      .where((eb) => this.visibility(eb as unknown as Eb, read, manage))
      .orderBy('d.issued_on')
      .execute();
  }

  recipients(documentId: string) {
    return this.db
      .selectFrom('document_recipients as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .leftJoin('tasks as t', 't.id', 'r.task_id')
      .selectAll('r')
      .select(['o.name as org_name', 'o.path as org_path', 't.status as task_status', 't.completed_on as task_completed_on'])
      .where('r.document_id', '=', documentId)
      .orderBy('o.path')
      .execute();
  }

  async recipientOrgIds(documentId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('document_recipients').select('org_id').where('document_id', '=', documentId).execute();
    return new Set(rows.map((r) => r.org_id));
  }

  async insertRecipient(row: DocumentRecipientsTable): Promise<void> {
    await this.db.insertInto('document_recipients').values(row).execute();
  }

  /** Tasks of a document by status and due/completion day, for the official classes. */
  async taskClassCounts(documentId: string, today: string) {
    const r = await this.db
      .selectFrom('tasks')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn
          .sum<number>(sql`case when status = 'done' and (due_date is null or completed_on <= due_date) then 1 else 0 end`)
          .as('done_on_time'),
        eb.fn.sum<number>(sql`case when status = 'done' and completed_on > due_date then 1 else 0 end`).as('done_late'),
        eb.fn
          .sum<number>(sql`case when status not in ('done', 'cancelled') and (due_date is null or due_date >= ${today}) then 1 else 0 end`)
          .as('open_in_time'),
        eb.fn.sum<number>(sql`case when status not in ('done', 'cancelled') and due_date < ${today} then 1 else 0 end`).as('open_overdue'),
      ])
      .where('document_id', '=', documentId)
      .where('status', '!=', 'cancelled')
      .executeTakeFirstOrThrow();
    return {
      total: Number(r.total ?? 0),
      done_on_time: Number(r.done_on_time ?? 0),
      done_late: Number(r.done_late ?? 0),
      open_in_time: Number(r.open_in_time ?? 0),
      open_overdue: Number(r.open_overdue ?? 0),
    };
  }

  /** Orgs (by path) under a subtree, for checks on recipients. */
  async orgsByIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('orgs')
      .select(['id', 'path', 'name', 'active', 'kind'])
      .where('id', 'in', [...ids])
      .execute();
  }
}
