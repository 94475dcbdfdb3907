import type { Scope } from '@kycuong/domain';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { containsFolded, forUpdate, subtreeOf } from '../../db/dialect';
import type { CampaignEntriesTable, CampaignHandoverFilesTable, CampaignHandoversTable, CampaignsTable, Database } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

/** Who sees which campaigns, as the service resolves it from the actor's grants and memberships. */
export interface CampaignVisibility {
  /** Organisers: campaigns whose organising org lies here, drafts included. */
  organiserScope: Scope;
  /** Participants: non-draft campaigns whose participating root is one of these paths (ancestors of the actor's units). */
  participantRoots: string[];
  /** Officers and collectors: non-draft campaigns whose participating root lies inside their subtree. */
  participantScope: Scope;
}

/** Which entries of a campaign the actor sees. */
export type EntryVisibility =
  { kind: 'all' } | { kind: 'units'; scope: Scope; personId: string | null } | { kind: 'own'; personId: string | null };

export interface CampaignView extends CampaignsTable {
  org_name: string;
  org_path: string;
  participant_name: string;
  participant_path: string;
  participant_depth: number;
}

export interface CampaignListRow extends CampaignView {
  contributed: number;
  contributors: number;
}

/** The bucket an entry counts in: a reversal counts against the kind of the entry it reverses (`t`). */
const isContribution = sql<SqlBool>`coalesce(t.kind, e.kind) = 'contribution'`;
const isPledge = sql<SqlBool>`coalesce(t.kind, e.kind) = 'pledge'`;

/** `col` lies in the subtree rooted at the path held by `rootCol` (same range as `subtreeOf`). */
function inSubtreeOfColumn(col: string, rootCol: string): Expression<SqlBool> {
  const c = sql.ref(col);
  const r = sql.ref(rootCol);
  return sql<SqlBool>`(${c} >= ${r} and ${c} < substr(${r}, 1, length(${r}) - 1) || '0')`;
}

/** A standing contribution: a contribution that no reversal names. */
const standing = sql<SqlBool>`e.kind = 'contribution' and not exists (select 1 from campaign_entries r where r.reverses_entry_id = e.id)`;

/** SQL for campaigns, their ledger and handovers; every list is restricted inside the query. */
export class CampaignRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('campaigns as c')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .innerJoin('orgs as po', 'po.id', 'c.participant_org_id')
      .selectAll('c')
      .select([
        'o.name as org_name',
        'o.path as org_path',
        'po.name as participant_name',
        'po.path as participant_path',
        'po.depth as participant_depth',
      ]);
  }

  findById(id: string): Promise<CampaignView | undefined> {
    return this.base().where('c.id', '=', id).executeTakeFirst();
  }

  /** Locks the campaign row for the rest of the transaction (PostgreSQL; SQLite serialises writers). */
  async lock(id: string): Promise<CampaignsTable | undefined> {
    return forUpdate(this.db, this.db.selectFrom('campaigns').selectAll().where('id', '=', id)).executeTakeFirst();
  }

  async list(opts: {
    visibility: CampaignVisibility;
    status?: string | undefined;
    kind?: string | undefined;
    foldedQuery?: string | undefined;
    orgPath?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<{ rows: CampaignListRow[]; total: number }> {
    const v = opts.visibility;
    let q = this.base().where((eb) =>
      eb.or([
        scopePredicate(v.organiserScope, 'o.path'),
        eb.and([
          eb('c.status', '!=', 'draft'),
          eb.or([
            v.participantRoots.length ? eb('po.path', 'in', v.participantRoots) : sql<SqlBool>`1 = 0`,
            scopePredicate(v.participantScope, 'po.path'),
          ]),
        ]),
      ]),
    );
    if (opts.status) q = q.where('c.status', '=', opts.status);
    if (opts.kind) q = q.where('c.kind', '=', opts.kind);
    if (opts.foldedQuery) q = q.where(containsFolded('c.search_text', opts.foldedQuery));
    if (opts.orgPath) q = q.where(subtreeOf('o.path', opts.orgPath));
    const countQ = q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n'));
    const [rows, count] = await Promise.all([
      q
        .select((eb) => [
          eb
            .selectFrom('campaign_entries as e')
            .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
            .select(sql<number>`coalesce(sum(e.amount), 0)`.as('s'))
            .whereRef('e.campaign_id', '=', 'c.id')
            .where(isContribution)
            .as('contributed'),
          eb
            .selectFrom('campaign_entries as e')
            .select(sql<number>`count(distinct e.person_id)`.as('n'))
            .whereRef('e.campaign_id', '=', 'c.id')
            .where(standing)
            .as('contributors'),
        ])
        .orderBy('c.start_date', 'desc')
        .orderBy('c.id', 'desc')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute(),
      countQ.executeTakeFirstOrThrow(),
    ]);
    return {
      rows: rows.map((r) => ({ ...r, contributed: Number(r.contributed ?? 0), contributors: Number(r.contributors ?? 0) })),
      total: Number(count.n),
    };
  }

  async insert(row: CampaignsTable): Promise<void> {
    await this.db.insertInto('campaigns').values(row).execute();
  }

  /** Updates a campaign if its version matches; answers whether it did. */
  async update(id: string, version: number, patch: Partial<Omit<CampaignsTable, 'id' | 'version' | 'receipt_seq'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('campaigns')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Reserves `n` receipt numbers; call with the campaign row locked. Returns the first one. */
  async reserveReceiptNumbers(id: string, current: number, n: number): Promise<number> {
    await this.db
      .updateTable('campaigns')
      .set({ receipt_seq: current + n })
      .where('id', '=', id)
      .execute();
    return current + 1;
  }

  // ---- ledger -------------------------------------------------------------------------------

  private entryBase() {
    return this.db
      .selectFrom('campaign_entries as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('orgs as eo', 'eo.id', 'e.org_id')
      .leftJoin('users as cu', 'cu.id', 'e.collected_by')
      .leftJoin('people as cp', 'cp.id', 'cu.person_id')
      .leftJoin('campaign_entries as rv', 'rv.reverses_entry_id', 'e.id')
      .selectAll('e')
      .select([
        'p.full_name as person_name',
        'p.sort_key as person_sort_key',
        'eo.name as org_name',
        'eo.path as org_path',
        'eo.sort_order as org_sort_order',
        'rv.id as reversed_by',
        (eb) => eb.fn.coalesce('cp.full_name', 'cu.username').as('collected_by_name'),
      ]);
  }

  findEntry(campaignId: string, entryId: string) {
    return this.entryBase().where('e.campaign_id', '=', campaignId).where('e.id', '=', entryId).executeTakeFirst();
  }

  findEntries(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.entryBase().where('e.id', 'in', ids).execute();
  }

  private entryVisibility(v: EntryVisibility): Expression<SqlBool> {
    if (v.kind === 'all') return sql<SqlBool>`1 = 1`;
    const own = v.personId ? sql<SqlBool>`e.person_id = ${v.personId}` : sql<SqlBool>`1 = 0`;
    if (v.kind === 'own') return own;
    return sql<SqlBool>`(${scopePredicate(v.scope, 'eo.path')} or ${own})`;
  }

  async listEntries(opts: {
    campaignId: string;
    visibility: EntryVisibility;
    personId?: string | undefined;
    orgPath?: string | undefined;
    kind?: string | undefined;
    limit: number;
    offset: number;
  }) {
    let q = this.entryBase().where('e.campaign_id', '=', opts.campaignId).where(this.entryVisibility(opts.visibility));
    if (opts.personId) q = q.where('e.person_id', '=', opts.personId);
    if (opts.orgPath) q = q.where(subtreeOf('eo.path', opts.orgPath));
    if (opts.kind) q = q.where('e.kind', '=', opts.kind);
    const countQ = q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n'));
    const [rows, count] = await Promise.all([
      q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
      countQ.executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Every entry of a campaign visible to the actor, in unit then name order (exports). */
  allEntries(campaignId: string, visibility: EntryVisibility) {
    return this.entryBase()
      .where('e.campaign_id', '=', campaignId)
      .where(this.entryVisibility(visibility))
      .orderBy('eo.path')
      .orderBy('p.sort_key')
      .orderBy('e.created_at')
      .execute();
  }

  /** A person's own entries across campaigns they may still see (not drafts). */
  async entriesOfPerson(personId: string, limit: number, offset: number) {
    const q = this.entryBase()
      .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
      .select(['c.title as campaign_title', 'c.status as campaign_status'])
      .where('e.person_id', '=', personId)
      .where('c.status', '!=', 'draft');
    const countQ = this.db
      .selectFrom('campaign_entries as e')
      .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('e.person_id', '=', personId)
      .where('c.status', '!=', 'draft');
    const [rows, count] = await Promise.all([
      q.orderBy('e.entry_date', 'desc').orderBy('e.id', 'desc').limit(limit).offset(offset).execute(),
      countQ.executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async insertEntries(rows: CampaignEntriesTable[]): Promise<void> {
    // Chunked so a 500-row batch stays under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 100) {
      await this.db
        .insertInto('campaign_entries')
        .values(rows.slice(i, i + 100))
        .execute();
    }
  }

  async reversalOf(entryId: string) {
    return this.db.selectFrom('campaign_entries').select('id').where('reverses_entry_id', '=', entryId).executeTakeFirst();
  }

  async confirm(entryId: string, at: string): Promise<void> {
    await this.db
      .updateTable('campaign_entries')
      .set({ confirmed_at: at })
      .where('id', '=', entryId)
      .where('confirmed_at', 'is', null)
      .execute();
  }

  // ---- members who may take part --------------------------------------------------------------

  /**
   * Memberships of people inside the participating subtree (optionally also inside a scope),
   * with what each org is, so the service can choose the unit an entry counts for.
   */
  membershipsIn(opts: { participantPath: string; scope?: Scope | undefined; personIds?: string[] | undefined }) {
    let q = this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select([
        'm.person_id',
        'm.org_id',
        'm.is_primary',
        'o.path as org_path',
        'o.depth as org_depth',
        'o.name as org_name',
        'p.active as person_active',
      ])
      .where(subtreeOf('o.path', opts.participantPath));
    if (opts.scope) q = q.where(scopePredicate(opts.scope, 'o.path'));
    if (opts.personIds) {
      if (opts.personIds.length === 0) return Promise.resolve([]);
      q = q.where('m.person_id', 'in', opts.personIds);
    }
    return q.execute();
  }

  /** People with a membership in the participating subtree and the scope, in name order. */
  async eligiblePeople(opts: {
    participantPath: string;
    scope: Scope;
    orgPath?: string | undefined;
    foldedQuery?: string | undefined;
    limit: number;
    offset: number;
  }) {
    let q = this.db
      .selectFrom('people as p')
      .where('p.active', '=', true)
      .where((eb) => {
        let sub = eb
          .selectFrom('memberships as m')
          .innerJoin('orgs as o', 'o.id', 'm.org_id')
          .select(sql.lit(1).as('one'))
          .whereRef('m.person_id', '=', 'p.id')
          .where(subtreeOf('o.path', opts.participantPath))
          .where(scopePredicate(opts.scope, 'o.path'));
        if (opts.orgPath) sub = sub.where(subtreeOf('o.path', opts.orgPath));
        return eb.exists(sub);
      });
    if (opts.foldedQuery) q = q.where(containsFolded('p.search_text', opts.foldedQuery));
    const countQ = q.select((eb) => eb.fn.countAll<number>().as('n'));
    const [rows, count] = await Promise.all([
      q
        .select(['p.id', 'p.full_name', 'p.categories'])
        .orderBy('p.sort_key')
        .orderBy('p.id')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute(),
      countQ.executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Net pledged and contributed per person of a campaign. */
  async sumsByPerson(campaignId: string, personIds?: string[]) {
    if (personIds && personIds.length === 0) return [];
    let q = this.db
      .selectFrom('campaign_entries as e')
      .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
      .select(['e.person_id', sql<string>`coalesce(t.kind, e.kind)`.as('bucket'), sql<number>`coalesce(sum(e.amount), 0)`.as('amount')])
      .where('e.campaign_id', '=', campaignId)
      .groupBy(['e.person_id', sql`coalesce(t.kind, e.kind)`]);
    if (personIds) q = q.where('e.person_id', 'in', personIds);
    const rows = await q.execute();
    return rows.map((r) => ({ personId: r.person_id, bucket: r.bucket, amount: Number(r.amount) }));
  }

  // ---- totals ---------------------------------------------------------------------------------

  async totals(campaignId: string) {
    const [sums, contributors, byMethod, byDay, handed] = await Promise.all([
      this.db
        .selectFrom('campaign_entries as e')
        .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
        .select([sql<string>`coalesce(t.kind, e.kind)`.as('bucket'), sql<number>`coalesce(sum(e.amount), 0)`.as('amount')])
        .where('e.campaign_id', '=', campaignId)
        .groupBy(sql`coalesce(t.kind, e.kind)`)
        .execute(),
      this.db
        .selectFrom('campaign_entries as e')
        .select(sql<number>`count(distinct e.person_id)`.as('n'))
        .where('e.campaign_id', '=', campaignId)
        .where(standing)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('campaign_entries as e')
        .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
        .select(['e.method', sql<number>`coalesce(sum(e.amount), 0)`.as('amount')])
        .where('e.campaign_id', '=', campaignId)
        .where(isContribution)
        .where('e.method', 'is not', null)
        .groupBy('e.method')
        .orderBy('e.method')
        .execute(),
      this.db
        .selectFrom('campaign_entries as e')
        .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
        .select(['e.entry_date', sql<number>`coalesce(sum(e.amount), 0)`.as('amount')])
        .where('e.campaign_id', '=', campaignId)
        .where(isContribution)
        .groupBy('e.entry_date')
        .orderBy('e.entry_date')
        .execute(),
      this.db
        .selectFrom('campaign_handovers')
        .select(sql<number>`coalesce(sum(amount), 0)`.as('amount'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow(),
    ]);
    const bucket = (b: string) => Number(sums.find((s) => s.bucket === b)?.amount ?? 0);
    return {
      contributed: bucket('contribution'),
      pledged: bucket('pledge'),
      contributors: Number(contributors.n),
      byMethod: byMethod.map((m) => ({ method: m.method!, amount: Number(m.amount) })),
      byDay: byDay.map((d) => ({ date: d.entry_date, amount: Number(d.amount) })),
      handedOver: Number(handed.amount),
    };
  }

  /** Active people with a membership somewhere in a subtree. */
  async memberCount(path: string): Promise<number> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(sql<number>`count(distinct m.person_id)`.as('n'))
      .where(subtreeOf('o.path', path))
      .where('p.active', '=', true)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Totals of each child unit of `parentId` (its whole subtree rolled up), in display order:
   * net contributions and pledges, standing contributors and active members.
   */
  async unitTotals(campaignId: string, parentId: string) {
    const rows = await this.db
      .selectFrom('orgs as ch')
      .select((eb) => [
        'ch.id',
        'ch.name',
        'ch.kind',
        'ch.path',
        eb.selectFrom('orgs as g').select(eb.fn.countAll<number>().as('n')).whereRef('g.parent_id', '=', 'ch.id').as('child_count'),
        eb
          .selectFrom('campaign_entries as e')
          .innerJoin('orgs as eo', 'eo.id', 'e.org_id')
          .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
          .select(sql<number>`coalesce(sum(e.amount), 0)`.as('s'))
          .where('e.campaign_id', '=', campaignId)
          .where(isContribution)
          .where(inSubtreeOfColumn('eo.path', 'ch.path'))
          .as('contributed'),
        eb
          .selectFrom('campaign_entries as e')
          .innerJoin('orgs as eo', 'eo.id', 'e.org_id')
          .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
          .select(sql<number>`coalesce(sum(e.amount), 0)`.as('s'))
          .where('e.campaign_id', '=', campaignId)
          .where(isPledge)
          .where(inSubtreeOfColumn('eo.path', 'ch.path'))
          .as('pledged'),
        eb
          .selectFrom('campaign_entries as e')
          .innerJoin('orgs as eo', 'eo.id', 'e.org_id')
          .select(sql<number>`count(distinct e.person_id)`.as('n'))
          .where('e.campaign_id', '=', campaignId)
          .where(standing)
          .where(inSubtreeOfColumn('eo.path', 'ch.path'))
          .as('contributors'),
        eb
          .selectFrom('memberships as m')
          .innerJoin('orgs as mo', 'mo.id', 'm.org_id')
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .select(sql<number>`count(distinct m.person_id)`.as('n'))
          .where('p.active', '=', true)
          .where(inSubtreeOfColumn('mo.path', 'ch.path'))
          .as('members'),
      ])
      .where('ch.parent_id', '=', parentId)
      .orderBy('ch.sort_order')
      .orderBy('ch.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      path: r.path,
      childCount: Number(r.child_count ?? 0),
      contributed: Number(r.contributed ?? 0),
      pledged: Number(r.pledged ?? 0),
      contributors: Number(r.contributors ?? 0),
      members: Number(r.members ?? 0),
    }));
  }

  /** Entries attributed to the org itself (not to a sub-unit), and its members with no membership below it. */
  async directTotals(campaignId: string, org: { id: string; path: string }) {
    const [sums, contributors, members] = await Promise.all([
      this.db
        .selectFrom('campaign_entries as e')
        .leftJoin('campaign_entries as t', 't.id', 'e.reverses_entry_id')
        .select([sql<string>`coalesce(t.kind, e.kind)`.as('bucket'), sql<number>`coalesce(sum(e.amount), 0)`.as('amount')])
        .where('e.campaign_id', '=', campaignId)
        .where('e.org_id', '=', org.id)
        .groupBy(sql`coalesce(t.kind, e.kind)`)
        .execute(),
      this.db
        .selectFrom('campaign_entries as e')
        .select(sql<number>`count(distinct e.person_id)`.as('n'))
        .where('e.campaign_id', '=', campaignId)
        .where('e.org_id', '=', org.id)
        .where(standing)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select(sql<number>`count(distinct m.person_id)`.as('n'))
        .where('m.org_id', '=', org.id)
        .where('p.active', '=', true)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('memberships as m2')
                .innerJoin('orgs as o2', 'o2.id', 'm2.org_id')
                .select(sql.lit(1).as('one'))
                .whereRef('m2.person_id', '=', 'm.person_id')
                .where(subtreeOf('o2.path', org.path))
                .where('o2.id', '!=', org.id),
            ),
          ),
        )
        .executeTakeFirstOrThrow(),
    ]);
    const bucket = (b: string) => Number(sums.find((s) => s.bucket === b)?.amount ?? 0);
    return {
      contributed: bucket('contribution'),
      pledged: bucket('pledge'),
      contributors: Number(contributors.n),
      members: Number(members.n),
    };
  }

  /** Contributors with their net standing amount, for the public page when names are allowed. */
  async contributorNames(campaignId: string) {
    const rows = await this.db
      .selectFrom('campaign_entries as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('orgs as eo', 'eo.id', 'e.org_id')
      .select(['p.full_name', 'p.sort_key', 'eo.name as org_name', sql<number>`sum(e.amount)`.as('amount')])
      .where('e.campaign_id', '=', campaignId)
      .where(standing)
      .groupBy(['e.person_id', 'p.full_name', 'p.sort_key', 'eo.name'])
      .orderBy('eo.name')
      .orderBy('p.sort_key')
      .execute();
    return rows.map((r) => ({ fullName: r.full_name, orgName: r.org_name, amount: Number(r.amount) }));
  }

  // ---- handovers ------------------------------------------------------------------------------

  async insertHandover(row: CampaignHandoversTable): Promise<void> {
    await this.db.insertInto('campaign_handovers').values(row).execute();
  }

  findHandover(campaignId: string, id: string) {
    return this.db
      .selectFrom('campaign_handovers')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async handovers(campaignId: string) {
    const rows = await this.db
      .selectFrom('campaign_handovers as h')
      .leftJoin('users as u', 'u.id', 'h.created_by')
      .leftJoin('people as up', 'up.id', 'u.person_id')
      .selectAll('h')
      .select((eb) => eb.fn.coalesce('up.full_name', 'u.username').as('created_by_name'))
      .where('h.campaign_id', '=', campaignId)
      .orderBy('h.handover_date')
      .orderBy('h.id')
      .execute();
    const files = rows.length
      ? await this.db
          .selectFrom('campaign_handover_files')
          .selectAll()
          .where(
            'handover_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('created_at')
          .execute()
      : [];
    return rows.map((r) => ({ ...r, files: files.filter((f) => f.handover_id === r.id) }));
  }

  async insertHandoverFile(row: CampaignHandoverFilesTable): Promise<void> {
    await this.db.insertInto('campaign_handover_files').values(row).execute();
  }

  findHandoverFile(handoverId: string, id: string) {
    return this.db
      .selectFrom('campaign_handover_files')
      .selectAll()
      .where('handover_id', '=', handoverId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
