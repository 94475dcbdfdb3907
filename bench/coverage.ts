/**
 * Deterministic generator of dissemination (quán triệt, issue 4) on a generated city: for one
 * directive of the Thành ủy, a conference in every sở and commune (all their staff) and in every
 * Party committee under them (their Party members), with the expected attendees the service would
 * draw from memberships (each person once per conference, at their deepest membership in the
 * conference's subtree, the primary one on a tie), check-ins and acknowledgements.
 *
 * It can run on a database generated earlier (it reads the orgs and memberships back), so the
 * coverage benchmark reuses the city of the tasks benchmark. Rows are written in bulk; no audit
 * records, quiz attempts or catch-up tasks are written.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../packages/server/src/db/dialect';
import type { ConferencesTable, DisseminationExpectedTable } from '../packages/server/src/db/schema';
import { deferIndexes, fastId as newId, openBulk, type Cell } from './lib/bulk';
import { createRng } from './lib/prng';
import type { Target } from './lib/target';

/** What the coverage scenarios need, kept in `manifest.extensions.coverage`. */
export interface CoverageManifest {
  documentId: string;
  documentNumber: string | null;
  conferences: number;
  expectedRows: number;
  /** The subtrees measured, with the people expected in each. */
  subtrees: { orgId: string; name: string; people: number }[];
  timingsMs: { total: number };
}

const EXPECTED_COLUMNS = [
  'id',
  'conference_id',
  'document_id',
  'person_id',
  'org_id',
  'org_path',
  'attended_at',
  'checkin_method',
  'checked_in_by_user_id',
  'acknowledged_at',
  'ack_method',
  'catch_up_task_id',
  'added_manually',
  'counted',
  'doc_attended_at',
  'created_at',
] as const satisfies readonly (keyof DisseminationExpectedTable)[];

interface OrgRow {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: string;
  name: string;
  code: string;
}

export async function generateCoverage(
  target: Target,
  handle: DbHandle,
  opts: { seed: number; log?: (msg: string) => void },
): Promise<CoverageManifest> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const rng = createRng(opts.seed).fork('coverage');
  const db = handle.db;
  const orgs: OrgRow[] = await db
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'path', 'depth', 'kind', 'name', 'code'])
    .orderBy('path')
    .execute();
  const roots = orgs.filter((o) => o.parent_id === null);
  const partyRoot = roots.find((o) => o.kind === 'thanh_uy') ?? roots[0]!;
  const stateRoot = roots.find((o) => o.kind === 'ubnd') ?? roots[0]!;
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'number_text', 'issued_on'])
    .where('issuing_org_id', '=', partyRoot.id)
    // A directive (chỉ thị) if there is one, like 24-CT/TU.
    .orderBy(sql`case when type = 'chi_thi' then 0 else 1 end`)
    .orderBy('issued_on')
    .orderBy('number_seq')
    .limit(1)
    .executeTakeFirst();
  if (!doc) throw new Error('no document of the Thành ủy: generate tasks first (they bring the documents)');

  // Conference hosts: every sở and commune (children of UBND), every commune Party committee
  // (children of the Thành ủy) and every Party committee of a sở (children of the Đảng bộ UBND).
  const depthOf = new Map(orgs.map((o) => [o.id, o.depth]));
  const partyOfState = orgs.find((o) => o.parent_id === partyRoot.id && o.code === 'DB-UBNDTP');
  const hosts = orgs.filter(
    (o) =>
      o.parent_id === stateRoot.id ||
      (o.parent_id === partyRoot.id && o.id !== partyOfState?.id) ||
      (partyOfState !== undefined && o.parent_id === partyOfState.id),
  );
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.person_id', 'm.org_id', 'o.path', 'm.is_primary'])
    .execute();
  // Memberships by path, to take each host's subtree as a range of the sorted list.
  members.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lowerBound = (p: string) => {
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (members[mid]!.path < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const stamp = new Date().toISOString();
  const heldOn = doc.issued_on ?? stamp.slice(0, 10);
  const bulk = await openBulk(target, handle);
  const restore = await deferIndexes(bulk, target, handle, ['dissemination_expected']);
  let expectedRows = 0;
  try {
    const conferences: ConferencesTable[] = [];
    let rows: Cell[][] = [];
    const flush = async () => {
      const batch = rows;
      rows = [];
      await bulk.transaction(() => bulk.insert('dissemination_expected', EXPECTED_COLUMNS, batch));
    };
    for (const host of hosts) {
      conferences.push({
        id: newId(),
        document_id: doc.id,
        org_id: host.id,
        title: `Hội nghị quán triệt ${doc.number_text ?? ''}`.trim(),
        held_on: heldOn,
        start_time: '08:00',
        place: `Hội trường ${host.name}`,
        online_link: null,
        chair: null,
        format: 'in_person',
        categories: '[]',
        catch_up_days: 5,
        quiz: null,
        minutes: null,
        status: 'closed',
        closed_at: `${heldOn}T10:00:00.000Z`,
        created_by_user_id: null,
        version: 2,
        created_at: stamp,
        updated_at: stamp,
      });
    }
    await bulk.transaction(() =>
      bulk.insert(
        'conferences',
        Object.keys(conferences[0]!),
        conferences.map((c) => Object.values(c) as Cell[]),
      ),
    );
    const byPerson = new Map<string, { acknowledgedAt: string | null; docAttendedAt: string | null }>();
    for (const [k, host] of hosts.entries()) {
      const id = conferences[k]!.id;
      // As DisseminationRepository.candidates: the deepest membership in the subtree, primary on a tie.
      const best = new Map<string, { org_id: string; path: string; depth: number; primary: boolean }>();
      const upper = host.path.slice(0, -1) + '0';
      for (let i = lowerBound(host.path); i < members.length && members[i]!.path < upper; i++) {
        const m = members[i]!;
        const depth = depthOf.get(m.org_id) ?? 0;
        const primary = m.is_primary === true || (m.is_primary as unknown) === 1;
        const cur = best.get(m.person_id);
        if (!cur || depth > cur.depth || (depth === cur.depth && primary && !cur.primary))
          best.set(m.person_id, { org_id: m.org_id, path: m.path, depth, primary });
      }
      for (const [personId, b] of best) {
        // As the service keeps them: one counted row per person (their first conference of the
        // document), attendance of the document and the acknowledgement the same on all their rows.
        const prior = byPerson.get(personId);
        const attended = rng.chance(0.86);
        const acknowledged = prior ? prior.acknowledgedAt !== null : attended ? rng.chance(0.97) : rng.chance(0.6);
        const acknowledgedAt = prior ? prior.acknowledgedAt : acknowledged ? `${heldOn}T03:00:00.000Z` : null;
        const attendedAt = attended ? `${heldOn}T01:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z` : null;
        const docAttendedAt = prior?.docAttendedAt ?? attendedAt;
        if (!prior) byPerson.set(personId, { acknowledgedAt, docAttendedAt });
        rows.push([
          newId(),
          id,
          doc.id,
          personId,
          b.org_id,
          b.path,
          attendedAt,
          attended ? rng.pick(['secretary', 'qr']) : null,
          null,
          acknowledgedAt,
          acknowledged ? (attended ? 'conference' : 'reading') : null,
          null,
          false,
          !prior,
          docAttendedAt,
          stamp,
        ]);
        expectedRows++;
      }
      if (rows.length >= 50_000) await flush();
    }
    await flush();
    await restore();
    if (handle.dialect === 'postgres') await sql`analyze dissemination_expected`.execute(db);
    log(`coverage: ${conferences.length} conferences, ${expectedRows} expected attendees`);
    const peopleUnder = async (path: string) => {
      const upper = path.slice(0, -1) + '0';
      const r = await sql<{ n: number }>`select count(distinct person_id) as n from dissemination_expected
        where document_id = ${doc.id} and org_path >= ${path} and org_path < ${upper}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    };
    const subtrees = [];
    for (const o of [stateRoot, partyRoot]) subtrees.push({ orgId: o.id, name: o.name, people: await peopleUnder(o.path) });
    return {
      documentId: doc.id,
      documentNumber: doc.number_text,
      conferences: conferences.length,
      expectedRows,
      subtrees,
      timingsMs: { total: Math.round(performance.now() - t0) },
    };
  } finally {
    await bulk.close();
  }
}
