import type { Scope } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

/** `where x in (…)` lists are split so no statement carries thousands of parameters. */
const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** What an export covers: the caller's export scope, optionally narrowed to one org's subtree. */
export interface ExportRange {
  scope: Scope;
  subtreePath?: string | undefined;
}

export interface OrgLookupRow {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: string;
  code: string;
  name: string;
  short_name: string | null;
  sort_order: number;
  active: boolean | number;
  version: number;
  parent_code: string | null;
}

/** SQL of import and export: look-ups by code and e-mail for validation, and keyset-paged exports. */
export class ImportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Orgs with these codes, with their parent's code. */
  async orgsByCodes(codes: readonly string[]): Promise<OrgLookupRow[]> {
    const out: OrgLookupRow[] = [];
    for (const part of chunks([...new Set(codes)])) {
      const rows = await this.db
        .selectFrom('orgs as o')
        .leftJoin('orgs as p', 'p.id', 'o.parent_id')
        .select([
          'o.id',
          'o.parent_id',
          'o.path',
          'o.depth',
          'o.kind',
          'o.code',
          'o.name',
          'o.short_name',
          'o.sort_order',
          'o.active',
          'o.version',
          'p.code as parent_code',
        ])
        .where('o.code', 'in', part)
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /** People whose e-mail matches one of these (case-insensitively), with the paths of their orgs. */
  async peopleByEmails(emails: readonly string[]) {
    const out: { id: string; full_name: string; email: string | null }[] = [];
    for (const part of chunks([...new Set(emails.map((e) => e.toLowerCase()))])) {
      const rows = await this.db
        .selectFrom('people')
        .select(['id', 'full_name', 'email'])
        .where(sql<string>`lower(email)`, 'in', part)
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /** People with one of these exact names (candidates for matching rows without e-mail). */
  async peopleByNames(names: readonly string[]) {
    const out: { id: string; full_name: string; birth_date: string | null; email: string | null }[] = [];
    for (const part of chunks([...new Set(names)])) {
      const rows = await this.db
        .selectFrom('people')
        .select(['id', 'full_name', 'birth_date', 'email'])
        .where('full_name', 'in', part)
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /** Memberships of these people, with their orgs' paths (visibility and existing memberships). */
  async membershipsOf(personIds: readonly string[]) {
    const out: { person_id: string; org_id: string; org_path: string }[] = [];
    for (const part of chunks([...new Set(personIds)])) {
      const rows = await this.db
        .selectFrom('memberships as m')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .select(['m.person_id', 'm.org_id', 'o.path as org_path'])
        .where('m.person_id', 'in', part)
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /** Orgs of an export range in path order (parents before children), one page after `afterPath`. */
  orgPage(range: ExportRange, afterPath: string | null, limit: number) {
    let q = this.db
      .selectFrom('orgs as o')
      .leftJoin('orgs as p', 'p.id', 'o.parent_id')
      .select([
        'o.path',
        'o.code',
        'o.name',
        'o.short_name',
        'o.kind',
        'o.sort_order',
        'o.active',
        'p.code as parent_code',
        'p.path as parent_path',
      ])
      .where(scopePredicate(range.scope, 'o.path'));
    if (range.subtreePath) q = q.where(subtreeOf('o.path', range.subtreePath));
    if (afterPath !== null) q = q.where('o.path', '>', afterPath);
    return q.orderBy('o.path').limit(limit).execute();
  }

  /**
   * Active people with a membership in the range, in Vietnamese name order, one page after the
   * key (sort_key, id) of the last person of the previous page.
   */
  peoplePage(range: ExportRange, after: { sortKey: string; id: string } | null, limit: number) {
    let q = this.db
      .selectFrom('people as p')
      .select(['p.id', 'p.sort_key', 'p.full_name', 'p.email', 'p.phone', 'p.position', 'p.birth_date', 'p.gender', 'p.categories'])
      .where('p.active', '=', true)
      .where((eb) => {
        let sub = eb
          .selectFrom('memberships as m')
          .innerJoin('orgs as o', 'o.id', 'm.org_id')
          .select(sql.lit(1).as('one'))
          .whereRef('m.person_id', '=', 'p.id')
          .where(scopePredicate(range.scope, 'o.path'));
        if (range.subtreePath) sub = sub.where(subtreeOf('o.path', range.subtreePath));
        return eb.exists(sub);
      });
    if (after)
      q = q.where((eb) =>
        eb.or([eb('p.sort_key', '>', after.sortKey), eb.and([eb('p.sort_key', '=', after.sortKey), eb('p.id', '>', after.id)])]),
      );
    return q.orderBy('p.sort_key').orderBy('p.id').limit(limit).execute();
  }

  /** The memberships of these people that lie in the range (others are not the caller's to see). */
  async membershipsInRange(range: ExportRange, personIds: readonly string[]) {
    if (personIds.length === 0) return [];
    let q = this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.person_id', 'o.code as org_code', 'o.depth as org_depth', 'm.title', 'm.is_head', 'm.is_deputy', 'm.is_primary'])
      .where('m.person_id', 'in', [...personIds])
      .where(scopePredicate(range.scope, 'o.path'));
    if (range.subtreePath) q = q.where(subtreeOf('o.path', range.subtreePath));
    return q.orderBy('m.person_id').orderBy('m.is_primary', 'desc').orderBy('o.depth').orderBy('o.code').execute();
  }
}
