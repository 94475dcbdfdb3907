import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_column-types';
import { createPlpgsqlTriggerFunction, ensurePathDepths } from './_subtree-counters';

/**
 * Dissemination coverage counters (issue 4: coverage of a document over a subtree of 300,000
 * people; issue 5: the dashboard's coverage figure). `dissemination_rollup` holds, for every
 * document and org, the distinct people expected in the org's subtree, those of them who attended a
 * conference of the document and those who acknowledged it. Coverage of any subtree, per child
 * unit, is then one row per child.
 *
 * A person may be expected through several orgs (a civil servant in a sở and, as a Party member, in
 * a chi bộ of another line): they count once in every subtree holding any of their rows — in both
 * lines, and once in a common ancestor. So a change is applied per (document, person) pair: the
 * pair's contribution after the change minus its contribution before, each the set of ancestors of
 * its rows. SQLite runs row triggers as each row is written, so "before" is the pair's rows with the
 * row's old values; PostgreSQL runs them after the whole statement, so it uses statement triggers
 * and the transition tables. Attendance and acknowledgement are per person and document (the
 * service writes them on all the pair's rows), so a pair counts as attended or acknowledged when
 * any of its rows says so. `document_id` and `person_id` of a row never change.
 */
const ROW = 'document_id, person_id, org_path, doc_attended_at, acknowledged_at';

/** The contribution of a set of rows (several pairs), signed: one row per pair and ancestor. */
const expand = (rows: string, sign: '1' | '-1') => `
  select r.document_id, substr(r.org_path, 1, 1 + 33 * d.n) as org_path, r.person_id,
    max(case when r.doc_attended_at is not null then 1 else 0 end) as att,
    max(case when r.acknowledged_at is not null then 1 else 0 end) as ack, ${sign} as s
  from (${rows}) r, kc_path_depths d
  where 1 + 33 * d.n <= length(r.org_path)
  group by r.document_id, substr(r.org_path, 1, 1 + 33 * d.n), r.person_id`;

/** Adds (after − before) to the counters, rows in key order. */
const apply = (after: string, before: string) => `
  insert into dissemination_rollup (document_id, org_path, expected, attended, acknowledged)
  select document_id, org_path, sum(s), sum(s * att), sum(s * ack)
  from (${expand(after, '1')} union all ${expand(before, '-1')}) x
  where true
  group by document_id, org_path
  order by document_id, org_path
  on conflict (document_id, org_path) do update set
    expected = dissemination_rollup.expected + excluded.expected,
    attended = dissemination_rollup.attended + excluded.attended,
    acknowledged = dissemination_rollup.acknowledged + excluded.acknowledged`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await ensurePathDepths(db);
  await db.schema
    .createTable('dissemination_rollup')
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('org_path', t.binaryText, (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('acknowledged', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dissemination_rollup_pk', ['document_id', 'org_path'])
    .execute();
  await db.schema.createIndex('dissemination_rollup_org_idx').on('dissemination_rollup').columns(['org_path', 'document_id']).execute();

  if (t.pg) {
    // The current rows of the pairs a statement touched, and the same before it.
    const current = (changed: string) => `
      select e.document_id, e.person_id, e.org_path, e.doc_attended_at, e.acknowledged_at
      from dissemination_expected e
      join (select distinct document_id, person_id from ${changed}) p on p.document_id = e.document_id and p.person_id = e.person_id`;
    const fns: [string, string, string][] = [
      ['insert', 'referencing new table as n', apply(current('n'), `${current('n')} where e.id not in (select id from n)`)],
      ['delete', 'referencing old table as o', apply(current('o'), `${current('o')} union all select ${ROW} from o`)],
      [
        'update',
        'referencing old table as o new table as n',
        apply(current('n'), `${current('n')} where e.id not in (select id from n) union all select ${ROW} from o`),
      ],
    ];
    for (const [op, referencing, body] of fns) {
      await createPlpgsqlTriggerFunction(db, `kc_dissemination_rollup_${op}`, body);
      await sql
        .raw(
          `create trigger dissemination_rollup_${op} after ${op} on dissemination_expected ${referencing}
           for each statement execute function kc_dissemination_rollup_${op}()`,
        )
        .execute(db);
    }
  } else {
    const pair = (a: 'new' | 'old') =>
      `select ${ROW} from dissemination_expected where document_id = ${a}.document_id and person_id = ${a}.person_id`;
    const oldRow = `select old.document_id, old.person_id, old.org_path, old.doc_attended_at, old.acknowledged_at`;
    const triggers: [string, string, string][] = [
      ['insert', 'after insert on dissemination_expected for each row', apply(pair('new'), `${pair('new')} and id <> new.id`)],
      ['delete', 'after delete on dissemination_expected for each row', apply(pair('old'), `${pair('old')} union all ${oldRow}`)],
      [
        'update',
        `after update of org_path, doc_attended_at, acknowledged_at on dissemination_expected for each row
         when old.org_path is not new.org_path or old.doc_attended_at is not new.doc_attended_at or old.acknowledged_at is not new.acknowledged_at`,
        apply(pair('new'), `${pair('new')} and id <> new.id union all ${oldRow}`),
      ],
    ];
    for (const [op, when, body] of triggers)
      await sql.raw(`create trigger dissemination_rollup_${op} ${when} begin ${body}; end`).execute(db);
  }

  // Existing rows: each pair once per ancestor of any of its rows.
  await sql
    .raw(
      `insert into dissemination_rollup (document_id, org_path, expected, attended, acknowledged)
       select document_id, org_path, count(*), sum(att), sum(ack)
       from (${expand(`select ${ROW} from dissemination_expected`, '1')}) x
       group by document_id, org_path`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  for (const op of ['insert', 'delete', 'update']) {
    await sql.raw(`drop trigger if exists dissemination_rollup_${op}${t.pg ? ' on dissemination_expected' : ''}`).execute(db);
    if (t.pg) await sql.raw(`drop function if exists kc_dissemination_rollup_${op}()`).execute(db);
  }
  await db.schema.dropTable('dissemination_rollup').execute();
}
