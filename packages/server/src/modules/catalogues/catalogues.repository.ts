import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export type CatalogueRow = Awaited<ReturnType<CatalogueRepository['findById']>> & object;

/** SQL for manifestation catalogues and their immutable versions (groups and items per version). */
export class CatalogueRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: string) {
    return this.db.selectFrom('catalogues').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(documentId: string | undefined) {
    let q = this.db.selectFrom('catalogues').selectAll();
    if (documentId) q = q.where('document_id', '=', documentId);
    return q.orderBy('created_at').orderBy('id').limit(200).execute();
  }

  versionOf(catalogueId: string, version: number) {
    return this.db
      .selectFrom('catalogue_versions')
      .selectAll()
      .where('catalogue_id', '=', catalogueId)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** Version history with the name of who made each version. */
  versions(catalogueIds: readonly string[]) {
    if (catalogueIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('catalogue_versions as v')
      .leftJoin('users as u', 'u.id', 'v.created_by')
      .leftJoin('people as p', 'p.id', 'u.person_id')
      .select(['v.catalogue_id', 'v.version', 'v.note', 'v.created_at', 'v.title', 'u.username', 'p.full_name'])
      .where('v.catalogue_id', 'in', catalogueIds)
      .orderBy('v.catalogue_id')
      .orderBy('v.version', 'desc')
      .execute();
  }

  groupsOf(versionIds: readonly string[]) {
    if (versionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('catalogue_groups')
      .selectAll()
      .where('catalogue_version_id', 'in', versionIds)
      .orderBy('sort_order')
      .execute();
  }

  itemsOf(versionIds: readonly string[]) {
    if (versionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('catalogue_items')
      .selectAll()
      .where('catalogue_version_id', 'in', versionIds)
      .orderBy('sort_order')
      .execute();
  }

  /** Every item code ever used in a catalogue with its group, for the "codes never move" rule. */
  async codeHistory(catalogueId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('catalogue_items as i')
      .innerJoin('catalogue_versions as v', 'v.id', 'i.catalogue_version_id')
      .select(['i.code', 'i.group_code'])
      .where('v.catalogue_id', '=', catalogueId)
      .groupBy(['i.code', 'i.group_code'])
      .execute();
    return new Map(rows.map((r) => [r.code, r.group_code]));
  }

  /** Items by code in a given version of a catalogue (for tagging cases). */
  itemsByCode(catalogueId: string, version: number, codes: readonly string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('catalogue_items as i')
      .innerJoin('catalogue_versions as v', 'v.id', 'i.catalogue_version_id')
      .select(['i.id', 'i.code', 'i.group_code', 'i.title'])
      .where('v.catalogue_id', '=', catalogueId)
      .where('v.version', '=', version)
      .where('i.code', 'in', codes)
      .execute();
  }

  insertCatalogue(row: Database['catalogues']) {
    return this.db
      .insertInto('catalogues')
      .values({ ...row, is_sample: row.is_sample === true || row.is_sample === 1 })
      .execute();
  }

  /** Moves a catalogue to its next version if nobody else did first; false on a concurrent edit. */
  async bumpVersion(id: string, expected: number, patch: { title: string; is_sample: boolean; updated_at: string }): Promise<boolean> {
    const r = await this.db
      .updateTable('catalogues')
      .set({ ...patch, current_version: expected + 1 })
      .where('id', '=', id)
      .where('current_version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertVersion(
    version: Database['catalogue_versions'],
    groups: Database['catalogue_groups'][],
    items: Database['catalogue_items'][],
  ): Promise<void> {
    await this.db.insertInto('catalogue_versions').values(version).execute();
    if (groups.length) await this.db.insertInto('catalogue_groups').values(groups).execute();
    for (let i = 0; i < items.length; i += 200)
      await this.db
        .insertInto('catalogue_items')
        .values(items.slice(i, i + 200))
        .execute();
  }
}
