import type { Scope } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { bool, matchesFolded, subtreeOf } from '../../db/dialect';
import type { Database, NewOrg, OrgRow } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

export interface OrgView extends OrgRow {
  child_count: number;
}

/** SQL for the org tree; every list is restricted to a scope inside the query. */
export class OrgRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('orgs as o')
      .selectAll('o')
      .select((eb) =>
        eb.selectFrom('orgs as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'o.id').as('child_count'),
      );
  }

  async findById(id: string): Promise<OrgView | undefined> {
    const row = await this.base().where('o.id', '=', id).executeTakeFirst();
    return row ? { ...row, child_count: Number(row.child_count ?? 0) } : undefined;
  }

  findByCode(code: string) {
    return this.db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Orgs in scope, filtered; ordered for display (depth, sort order, name). */
  async list(opts: {
    scope: Scope;
    parentId?: string | undefined;
    roots?: boolean;
    foldedQuery?: string | undefined;
    includeInactive: boolean;
    limit: number;
    offset: number;
  }): Promise<{ rows: OrgView[]; total: number }> {
    let q = this.base().where(scopePredicate(opts.scope, 'o.path'));
    if (opts.parentId) q = q.where('o.parent_id', '=', opts.parentId);
    if (opts.roots) {
      // The top of what the actor sees: real roots, or the granted subtrees' tops.
      q = opts.scope.all ? q.where('o.parent_id', 'is', null) : q.where('o.path', 'in', opts.scope.paths.length ? opts.scope.paths : ['-']);
    }
    if (opts.foldedQuery) q = q.where(matchesFolded(this.db, 'orgs', 'o', opts.foldedQuery));
    if (!opts.includeInactive) q = q.where('o.active', '=', true);
    const countQ = q
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<number>().as('n'));
    const [rows, count] = await Promise.all([
      q.orderBy('o.depth').orderBy('o.sort_order').orderBy('o.name').limit(opts.limit).offset(opts.offset).execute(),
      countQ.executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, child_count: Number(r.child_count ?? 0) })), total: Number(count.n) };
  }

  /** Ancestors of a path (root first), limited to those in scope. */
  async ancestors(path: string, scope: Scope) {
    const segments = path.split('/').filter(Boolean);
    const paths = segments.slice(0, -1).map((_, i) => '/' + segments.slice(0, i + 1).join('/') + '/');
    if (paths.length === 0) return [];
    return this.db
      .selectFrom('orgs as o')
      .select(['o.id', 'o.name', 'o.kind', 'o.depth'])
      .where('o.path', 'in', paths)
      .where(scopePredicate(scope, 'o.path'))
      .orderBy('o.depth')
      .execute();
  }

  async insert(row: NewOrg): Promise<void> {
    await this.db.insertInto('orgs').values(row).execute();
  }

  /** Updates one org if its version matches; answers whether it did. */
  async update(id: string, version: number, patch: Partial<Omit<OrgRow, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('orgs')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Ids of an org and everything under it. */
  async subtreeIds(path: string): Promise<string[]> {
    const rows = await this.db.selectFrom('orgs').select('id').where(subtreeOf('path', path)).execute();
    return rows.map((r) => r.id);
  }

  /** Rewrites the paths and depths of a moved subtree in one statement. */
  async rewriteSubtree(oldPath: string, newPath: string, depthDelta: number, now: string): Promise<void> {
    await this.db
      .updateTable('orgs')
      .set({
        path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
        depth: sql<number>`depth + ${depthDelta}`,
        updated_at: now,
      })
      .where(subtreeOf('path', oldPath))
      .execute();
  }

  async hasActiveChildren(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', '=', id)
      .where('active', '=', true)
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }
}

export function isActive(row: OrgRow): boolean {
  return bool(row.active);
}
