import type { Scope } from '@kycuong/domain';
import type { Kysely, Selectable } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database, ReportsTable } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

export type ReportRow = Selectable<ReportsTable>;
export type ReportView = ReportRow & { org_name: string; org_path: string };

/** SQL over `reports`: every list is scoped by the org's path in SQL. */
export class ReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('reports as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .selectAll('r')
      .select(['o.name as org_name', 'o.path as org_path']);
  }

  findById(id: string): Promise<ReportView | undefined> {
    return this.base().where('r.id', '=', id).executeTakeFirst();
  }

  /** A page of reports within scope (optionally of one subtree), newest first. */
  async list(f: { scope: Scope; orgPath?: string | undefined; limit: number; offset: number }) {
    let q = this.db.selectFrom('reports as r').innerJoin('orgs as o', 'o.id', 'r.org_id').where(scopePredicate(f.scope, 'o.path'));
    if (f.orgPath) q = q.where(subtreeOf('o.path', f.orgPath));
    const [rows, total] = await Promise.all([
      q
        .selectAll('r')
        .select(['o.name as org_name', 'o.path as org_path'])
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  insert(row: ReportRow) {
    return this.db.insertInto('reports').values(row).execute();
  }

  update(id: string, patch: Partial<ReportRow>) {
    return this.db.updateTable('reports').set(patch).where('id', '=', id).execute();
  }

  /** The head of an org (the default signer). */
  async headName(orgId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select('p.full_name')
      .where('m.org_id', '=', orgId)
      .where('m.is_head', '=', true)
      .orderBy('m.created_at')
      .executeTakeFirst();
    return r?.full_name ?? null;
  }
}
