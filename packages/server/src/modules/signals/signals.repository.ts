import type { Scope } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

export interface SignalFilter {
  scope: Scope;
  orgPath?: string | undefined;
  personId?: string | undefined;
  code?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** SQL over stored signals: per-unit and per-person counts and the drill-down to tasks. */
export class SignalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private filtered(f: SignalFilter) {
    let q = this.db.selectFrom('task_signals as s').innerJoin('orgs as o', 'o.id', 's.org_id').where(scopePredicate(f.scope, 'o.path'));
    if (f.orgPath) q = q.where(subtreeOf('o.path', f.orgPath));
    if (f.personId) q = q.where('s.person_id', '=', f.personId);
    if (f.code) q = q.where('s.code', '=', f.code);
    if (f.from) q = q.where('s.detected_on', '>=', f.from);
    if (f.to) q = q.where('s.detected_on', '<=', f.to);
    return q;
  }

  /** Signal counts by unit (or by person) and code. */
  async counts(f: SignalFilter, groupBy: 'org' | 'person') {
    const q = this.filtered(f);
    if (groupBy === 'org') {
      return q
        .select(['s.org_id as key', 'o.name as org_name', 's.code', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['s.org_id', 'o.name', 's.code'])
        .execute()
        .then((rows) =>
          rows.map((r) => ({ key: r.key!, orgName: r.org_name, personName: null as string | null, code: r.code, n: Number(r.n) })),
        );
    }
    return q
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select(['s.person_id as key', 'p.full_name as person_name', 's.code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['s.person_id', 'p.full_name', 's.code'])
      .execute()
      .then((rows) =>
        rows.map((r) => ({ key: r.key!, orgName: null as string | null, personName: r.person_name, code: r.code, n: Number(r.n) })),
      );
  }

  /**
   * Tasks received in the period by each unit (or person): those it leads now, plus those it
   * returned and that now have another lead.
   */
  async received(
    keys: readonly string[],
    groupBy: 'org' | 'person',
    from: string | undefined,
    to: string | undefined,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (keys.length === 0) return out;
    const col = groupBy === 'org' ? 't.lead_org_id' : 't.lead_person_id';
    let led = this.db
      .selectFrom('tasks as t')
      .select([sql<string>`${sql.ref(col)}`.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
      .where(sql.ref(col), 'in', [...keys])
      .where('t.status', '!=', 'cancelled');
    if (from) led = led.where('t.assigned_on', '>=', from);
    if (to) led = led.where('t.assigned_on', '<=', to);
    for (const r of await led.groupBy(sql.ref(col)).execute()) out.set(r.key, Number(r.n));
    const scol = groupBy === 'org' ? 's.org_id' : 's.person_id';
    let moved = this.db
      .selectFrom('task_signals as s')
      .innerJoin('tasks as t', 't.id', 's.task_id')
      .select([sql<string>`${sql.ref(scol)}`.as('key'), (eb) => eb.fn.count<number>('s.task_id').distinct().as('n')])
      .where('s.code', '=', 'returned')
      .where(sql.ref(scol), 'in', [...keys])
      .where(sql.ref(col), '!=', sql.ref(scol));
    if (from) moved = moved.where('s.detected_on', '>=', from);
    if (to) moved = moved.where('s.detected_on', '<=', to);
    for (const r of await moved.groupBy(sql.ref(scol)).execute()) out.set(r.key, (out.get(r.key) ?? 0) + Number(r.n));
    return out;
  }

  /** Signals with their tasks, newest first. */
  async list(f: SignalFilter, limit: number, offset: number) {
    const q = this.filtered(f).innerJoin('tasks as t', 't.id', 's.task_id').leftJoin('people as p', 'p.id', 's.person_id');
    const [rows, count] = await Promise.all([
      q
        .selectAll('s')
        .select(['t.title as task_title', 't.status as task_status', 'o.name as org_name', 'p.full_name as person_name'])
        .orderBy('s.detected_on', 'desc')
        .orderBy('s.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Whether a person has a membership inside the scope (to see their signals). */
  async personInScope(personId: string, scope: Scope): Promise<boolean> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select('m.id')
      .where('m.person_id', '=', personId)
      .where(scopePredicate(scope, 'o.path'))
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }
}
