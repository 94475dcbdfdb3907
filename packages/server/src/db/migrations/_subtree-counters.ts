/**
 * Subtree counters kept by triggers, for migrations (frozen with them, like `_column-types`).
 *
 * A counter table holds, for every org path and some key (a month, a document…), sums of measures
 * over the source rows whose org path lies in that org's subtree: each source row adds its
 * measures to the row of its own org and of every ancestor. Org paths are made of fixed-length
 * segments (`/` + 32 hex digits), so the ancestors of a path are its prefixes of length 1 + 33·n,
 * taken from the small table `kc_path_depths` (SQLite triggers cannot use a recursive CTE).
 * Triggers on the source table apply a row's old contribution negatively and its new one
 * positively in one statement, rows in key order (PostgreSQL row locks are taken in that order).
 */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_column-types';

export interface SubtreeCounters {
  /** The counter table (created by the caller, primary key `org_path` + key columns). */
  table: string;
  /** The source table and its column holding the org path. */
  source: string;
  pathColumn: string;
  /** Key columns of the counter table besides `org_path`, as SQL over the source row alias. */
  keys: { name: string; expr: (alias: string) => string }[];
  /** Measures, as SQL over the source row alias (integers). */
  measures: { name: string; expr: (alias: string) => string }[];
  /** Which source rows count, as SQL over the alias. */
  counts: (alias: string) => string;
  /** Source columns whose change moves a row's contribution. */
  watched: string[];
  /** Prefix of the trigger (and, on PostgreSQL, function) names. */
  name: string;
}

/** Creates `kc_path_depths` (1..64 levels) when missing. */
export async function ensurePathDepths(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists kc_path_depths (n integer primary key)`.execute(db);
  const r = await sql<{ n: number | string }>`select count(*) as n from kc_path_depths`.execute(db);
  if (Number(r.rows[0]?.n ?? 0) > 0) return;
  await sql`insert into kc_path_depths (n) values ${sql.join(Array.from({ length: 64 }, (_, i) => sql`(${sql.lit(i + 1)})`))}`.execute(db);
}

/** The rows one source row (`new`/`old`) adds to the counters, negated with `sign = '-'`. */
export function contributionRows(c: SubtreeCounters, a: string, sign: '' | '-'): string {
  const path = `${a}.${c.pathColumn}`;
  return `select substr(${path}, 1, 1 + 33 * d.n) as org_path, ${c.keys.map((k) => `${k.expr(a)} as ${k.name}`).join(', ')},
      ${c.measures.map((m) => `${sign}(${m.expr(a)}) as ${m.name}`).join(', ')}
    from kc_path_depths d
    where ${c.counts(a)} and ${path} is not null and 1 + 33 * d.n <= length(${path})`;
}

/** `insert … select … on conflict do update` adding the given contribution rows to the counters. */
export function upsertCounters(c: SubtreeCounters, rows: string): string {
  const keys = ['org_path', ...c.keys.map((k) => k.name)];
  const measures = c.measures.map((m) => m.name);
  return `insert into ${c.table} (${[...keys, ...measures].join(', ')})
    select ${keys.join(', ')}, ${measures.map((m) => `sum(${m})`).join(', ')}
    from (${rows}) x where true group by ${keys.join(', ')} order by ${keys.join(', ')}
    on conflict (${keys.join(', ')}) do update set ${measures.map((m) => `${m} = ${c.table}.${m} + excluded.${m}`).join(', ')}`;
}

/** A PostgreSQL trigger function running one statement. */
export async function createPlpgsqlTriggerFunction(db: Kysely<unknown>, name: string, statement: string): Promise<void> {
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${statement}; return null; end $$`).execute(db);
}

/** The insert, delete and update triggers keeping the counters. */
export async function createCounterTriggers(db: Kysely<unknown>, c: SubtreeCounters): Promise<void> {
  const t = columnTypes(db);
  const both = `${contributionRows(c, 'old', '-')} union all ${contributionRows(c, 'new', '')}`;
  if (t.pg) {
    await sql
      .raw(
        `create function ${c.name}_counters() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then ${upsertCounters(c, contributionRows(c, 'new', ''))};
          elsif tg_op = 'DELETE' then ${upsertCounters(c, contributionRows(c, 'old', '-'))};
          else ${upsertCounters(c, both)};
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${c.name}_insert after insert on ${c.source} for each row execute function ${c.name}_counters();
         create trigger ${c.name}_delete after delete on ${c.source} for each row execute function ${c.name}_counters();
         create trigger ${c.name}_update after update of ${c.watched.join(', ')} on ${c.source} for each row
           when (${c.watched.map((w) => `old.${w} is distinct from new.${w}`).join(' or ')}) execute function ${c.name}_counters();`,
      )
      .execute(db);
    return;
  }
  const trigger = (suffix: string, when: string, body: string) =>
    sql.raw(`create trigger ${c.name}_${suffix} ${when} begin ${body}; end`).execute(db);
  await trigger('insert', `after insert on ${c.source} for each row`, upsertCounters(c, contributionRows(c, 'new', '')));
  await trigger('delete', `after delete on ${c.source} for each row`, upsertCounters(c, contributionRows(c, 'old', '-')));
  await trigger(
    'update',
    `after update of ${c.watched.join(', ')} on ${c.source} for each row when ${c.watched.map((w) => `old.${w} is not new.${w}`).join(' or ')}`,
    upsertCounters(c, both),
  );
}

export async function dropCounterTriggers(db: Kysely<unknown>, c: Pick<SubtreeCounters, 'name' | 'source'>): Promise<void> {
  const t = columnTypes(db);
  for (const suffix of ['insert', 'delete', 'update'])
    await sql.raw(`drop trigger if exists ${c.name}_${suffix}${t.pg ? ` on ${c.source}` : ''}`).execute(db);
  if (t.pg) await sql.raw(`drop function if exists ${c.name}_counters()`).execute(db);
}

/**
 * Counts of the existing rows: grouped once per org path and key (the bulk of the work), then
 * summed to each ancestor depth from that much smaller set.
 */
export async function backfillCounters(db: Kysely<unknown>, c: SubtreeCounters): Promise<void> {
  const keys = c.keys.map((k) => k.name);
  const measures = c.measures.map((m) => m.name);
  await sql
    .raw(
      `create temporary table kc_counter_leaf as
      select s.${c.pathColumn} as org_path, ${c.keys.map((k) => `${k.expr('s')} as ${k.name}`).join(', ')},
        ${c.measures.map((m) => `sum(${m.expr('s')}) as ${m.name}`).join(', ')}
      from ${c.source} s
      where ${c.counts('s')} and s.${c.pathColumn} is not null
      group by s.${c.pathColumn}, ${c.keys.map((k) => k.expr('s')).join(', ')}`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into ${c.table} (org_path, ${[...keys, ...measures].join(', ')})
      select substr(l.org_path, 1, 1 + 33 * d.n), ${keys.map((k) => `l.${k}`).join(', ')}, ${measures.map((m) => `sum(l.${m})`).join(', ')}
      from kc_counter_leaf l join kc_path_depths d on 1 + 33 * d.n <= length(l.org_path)
      group by substr(l.org_path, 1, 1 + 33 * d.n), ${keys.map((k) => `l.${k}`).join(', ')}`,
    )
    .execute(db);
  await sql`drop table kc_counter_leaf`.execute(db);
}
