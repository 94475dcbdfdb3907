import {
  foldForSearch,
  normalizeName,
  vietnameseNameSortKey,
  type Membership,
  type MembershipInput,
  type OrgKind,
  type Person,
  type PersonCategory,
  type PersonCreate,
  type PersonListQuery,
  type PersonUpdate,
  type z,
  type MembershipUpdate,
} from '@kycuong/domain';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { assertInScope, canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { OrgRepository } from '../orgs/orgs.repository';
import { PeopleRepository, type PersonListRow } from './people.repository';

export function toPerson(r: PersonListRow): Person {
  return {
    id: r.id,
    fullName: r.full_name,
    email: r.email,
    phone: r.phone,
    position: r.position,
    birthDate: r.birth_date,
    gender: (r.gender as Person['gender']) ?? null,
    categories: JSON.parse(r.categories) as PersonCategory[],
    active: bool(r.active),
    primaryOrgId: r.primary_org_id,
    primaryOrgName: r.primary_org_name,
    userId: r.user_id,
    username: r.username,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

type MembershipWithOrg = Awaited<ReturnType<PeopleRepository['membershipsOf']>>[number];

function toMembership(m: MembershipWithOrg): Membership {
  return {
    id: m.id,
    personId: m.person_id,
    orgId: m.org_id,
    orgName: m.org_name,
    orgKind: m.org_kind as OrgKind,
    title: m.title,
    isHead: bool(m.is_head),
    isDeputy: bool(m.is_deputy),
    isPrimary: bool(m.is_primary),
    version: m.version,
  };
}

/** The folded text a person is searched by (also written by the import). */
export const searchText = (p: { fullName: string; email?: string | null; phone?: string | null; position?: string | null }) =>
  foldForSearch([p.fullName, p.email, p.phone, p.position].filter(Boolean).join(' '));

/**
 * A person as this reader may see them: the primary org is left out when it lies outside the
 * reader's scope (the person is visible through another membership), as its name would reveal it.
 */
function shownPerson(actor: Actor, r: PersonListRow): Person {
  const p = toPerson(r);
  if (actor.personId === r.id || !r.primary_org_path || canIn(actor, 'person.read', r.primary_org_path)) return p;
  return { ...p, primaryOrgId: null, primaryOrgName: null };
}

/** People and memberships: directory within scope, creation inside a managed org, edits. */
export class PeopleService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db: AppContext['db'] | Transaction<Database> = this.ctx.db) {
    return new PeopleRepository(db);
  }

  async list(actor: Actor, q: z.infer<typeof PersonListQuery>) {
    const scope = scopeOf(actor, 'person.read');
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      assertInScope(actor, 'person.read', org?.path);
      orgPath = org!.path;
    }
    const { rows, total } = await this.repo().list({
      scope,
      selfPersonId: actor.personId,
      orgPath: q.direct ? undefined : orgPath,
      directOrgId: q.direct ? q.orgId : undefined,
      foldedQuery: q.q ? foldForSearch(q.q) : undefined,
      category: q.category,
      includeInactive: q.includeInactive ?? false,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => shownPerson(actor, r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** A person is visible when one of their memberships is in the read scope, or it is oneself. */
  private async visible(actor: Actor, id: string, action: 'person.read' | 'person.manage' = 'person.read') {
    const person = await this.repo().findById(id);
    if (!person) throw errors.notFound();
    const memberships = await this.repo().membershipsOf(id);
    const readable = actor.personId === id || memberships.some((m) => canIn(actor, 'person.read', m.org_path));
    if (!readable) throw errors.notFound();
    if (action === 'person.manage' && !memberships.some((m) => canIn(actor, 'person.manage', m.org_path))) throw errors.forbidden();
    return { person, memberships };
  }

  async get(actor: Actor, id: string) {
    const { person, memberships } = await this.visible(actor, id);
    // Memberships outside the reader's scope are not shown (they would reveal other units).
    const shown = memberships.filter((m) => actor.personId === id || canIn(actor, 'person.read', m.org_path));
    return { ...shownPerson(actor, person), memberships: shown.map(toMembership) };
  }

  async create(actor: Actor, input: PersonCreate) {
    const org = await new OrgRepository(this.ctx.db).findById(input.membership.orgId);
    assertInScope(actor, 'org.read', org?.path);
    if (!canIn(actor, 'person.manage', org!.path)) throw errors.forbidden();
    const id = newId();
    const now = nowIso();
    const fullName = normalizeName(input.fullName);
    const categories = [...new Set(input.categories)].sort();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.insertPerson(
        {
          id,
          full_name: fullName,
          sort_key: vietnameseNameSortKey(fullName),
          search_text: searchText({ ...input, fullName }),
          email: input.email ?? null,
          phone: input.phone ?? null,
          position: input.position ?? null,
          birth_date: input.birthDate ?? null,
          gender: input.gender ?? null,
          categories: JSON.stringify(categories),
          active: true,
          version: 1,
          created_at: now,
          updated_at: now,
        },
        categories,
      );
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'person.create',
        entityType: 'person',
        entityId: id,
        orgId: org!.id,
        before: null,
      });
      await this.insertMembership(trx, actor, id, { ...input.membership, isPrimary: true });
    });
    return this.get(actor, id);
  }

  private async insertMembership(trx: Transaction<Database>, actor: Actor, personId: string, input: MembershipInput) {
    const id = newId();
    const now = nowIso();
    if (input.isPrimary) await this.clearOtherPrimaries(trx, actor, personId, id);
    try {
      await this.repo(trx).insertMembership({
        id,
        person_id: personId,
        org_id: input.orgId,
        title: input.title ?? null,
        is_head: input.isHead,
        is_deputy: input.isDeputy,
        is_primary: input.isPrimary,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('conflict', 409, { detail: actor.locale === 'en' ? 'already a member' : 'đã là thành viên của đơn vị này' }, [
          {
            path: 'orgId',
            message: actor.locale === 'en' ? 'Already a member of this org' : 'Người này đã là thành viên của đơn vị',
            code: 'duplicate',
          },
        ]);
      }
      throw err;
    }
    await this.ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: 'membership.create',
      entityType: 'membership',
      entityId: id,
      orgId: input.orgId,
      before: null,
    });
    return id;
  }

  private async clearOtherPrimaries(trx: Transaction<Database>, actor: Actor, personId: string, keepId: string) {
    const repo = this.repo(trx);
    const others = await repo.otherPrimaries(personId, keepId);
    // The primary flag of a membership in an org the actor does not manage is not theirs to clear.
    if (others.some((o) => !canIn(actor, 'person.manage', o.org_path))) throw errors.forbidden();
    for (const other of others) {
      const before = await loadSnapshot(trx, 'membership', other.id);
      await repo.updateMembership(other.id, other.version, { is_primary: false, updated_at: nowIso() });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'membership.update',
        entityType: 'membership',
        entityId: other.id,
        before,
      });
    }
  }

  async update(actor: Actor, id: string, input: PersonUpdate) {
    const { person } = await this.visible(actor, id, 'person.manage');
    const fullName = input.fullName ? normalizeName(input.fullName) : person.full_name;
    const pick = <T>(v: T | undefined, cur: T) => (v === undefined ? cur : v);
    const email = pick(input.email, person.email);
    const phone = pick(input.phone, person.phone);
    const position = pick(input.position, person.position);
    const categories = input.categories ? [...new Set(input.categories)].sort() : undefined;
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'person', id);
      const ok = await this.repo(trx).updatePerson(id, input.version, {
        full_name: fullName,
        sort_key: vietnameseNameSortKey(fullName),
        search_text: searchText({ fullName, email, phone, position }),
        email: email ?? null,
        phone: phone ?? null,
        position: position ?? null,
        birth_date: pick(input.birthDate, person.birth_date) ?? null,
        gender: pick(input.gender, person.gender as Person['gender']) ?? null,
        ...(categories ? { categories: JSON.stringify(categories) } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw errors.versionConflict();
      if (categories) await this.repo(trx).replaceCategories(id, categories);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: input.active === false ? 'person.deactivate' : 'person.update',
        entityType: 'person',
        entityId: id,
        orgId: person.primary_org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  async addMembership(actor: Actor, personId: string, input: MembershipInput) {
    await this.visible(actor, personId);
    const org = await new OrgRepository(this.ctx.db).findById(input.orgId);
    assertInScope(actor, 'org.read', org?.path);
    if (!canIn(actor, 'person.manage', org!.path)) throw errors.forbidden();
    await this.ctx.db.transaction().execute((trx) => this.insertMembership(trx, actor, personId, input));
    return this.get(actor, personId);
  }

  private async manageableMembership(actor: Actor, id: string) {
    const m = await this.repo().findMembership(id);
    assertInScope(actor, 'person.read', m?.org_path);
    if (!canIn(actor, 'person.manage', m!.org_path)) throw errors.forbidden();
    return m!;
  }

  async updateMembership(actor: Actor, id: string, input: z.infer<typeof MembershipUpdate>) {
    const m = await this.manageableMembership(actor, id);
    await this.ctx.db.transaction().execute(async (trx) => {
      if (input.isPrimary) await this.clearOtherPrimaries(trx, actor, m.person_id, id);
      const before = await loadSnapshot(trx, 'membership', id);
      const ok = await this.repo(trx).updateMembership(id, input.version, {
        ...(input.title !== undefined ? { title: input.title ?? null } : {}),
        ...(input.isHead !== undefined ? { is_head: input.isHead } : {}),
        ...(input.isDeputy !== undefined ? { is_deputy: input.isDeputy } : {}),
        ...(input.isPrimary !== undefined ? { is_primary: input.isPrimary } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'membership.update',
        entityType: 'membership',
        entityId: id,
        orgId: m.org_id,
        before,
      });
    });
    return this.get(actor, m.person_id);
  }

  async removeMembership(actor: Actor, id: string) {
    const m = await this.manageableMembership(actor, id);
    if ((await this.repo().countMemberships(m.person_id)) <= 1) {
      throw errors.invalidField(
        'membershipId',
        actor.locale === 'en'
          ? 'A person keeps at least one membership; deactivate the person instead'
          : 'Mỗi người cần ít nhất một đơn vị; hãy ngừng kích hoạt thay vì xóa',
        'last_membership',
      );
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'membership', id);
      await this.repo(trx).deleteMembership(id);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'membership.delete',
        entityType: 'membership',
        entityId: id,
        orgId: m.org_id,
        before,
      });
    });
    return this.get(actor, m.person_id);
  }
}
