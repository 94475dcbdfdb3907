import { foldForSearch, type Org, type OrgCreate, type OrgKind, type OrgUpdate, type z, type OrgListQuery } from '@kycuong/domain';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import { assertInScope, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId, pathSegment } from '../../platform/ids';
import { OrgRepository, type OrgView } from './orgs.repository';

export function toOrg(r: OrgView): Org {
  return {
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind as OrgKind,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    sortOrder: r.sort_order,
    active: bool(r.active),
    depth: r.depth,
    childCount: r.child_count,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** The folded text an org is searched by (also written by the import). */
export const searchText = (name: string, code: string, shortName?: string | null) => foldForSearch(`${name} ${code} ${shortName ?? ''}`);

/** The org tree: browse within scope, create, rename, move and deactivate. */
export class OrgService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db = this.ctx.db) {
    return new OrgRepository(db);
  }

  async list(actor: Actor, q: z.infer<typeof OrgListQuery>) {
    const scope = scopeOf(actor, 'org.read');
    if (q.parentId) await this.get(actor, q.parentId);
    const { rows, total } = await this.repo().list({
      scope,
      parentId: q.parentId,
      roots: !q.parentId && !q.q && !q.tree,
      foldedQuery: q.q ? foldForSearch(q.q) : undefined,
      includeInactive: q.includeInactive ?? false,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toOrg), total, page: q.page, pageSize: q.pageSize };
  }

  /** One org with its visible ancestors; 404 when missing or outside the read scope. */
  async get(actor: Actor, id: string) {
    const row = await this.repo().findById(id);
    assertInScope(actor, 'org.read', row?.path);
    const ancestors = await this.repo().ancestors(row!.path, scopeOf(actor, 'org.read'));
    return { ...toOrg(row!), ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind as OrgKind })) };
  }

  /** Path of an org the actor may act on, or 404. */
  async pathFor(
    actor: Actor,
    action: 'org.read' | 'org.manage' | 'person.manage' | 'person.read' | 'user.manage' | 'data.export' | 'data.import',
    id: string,
  ): Promise<string> {
    const row = await this.repo().findById(id);
    assertInScope(actor, action, row?.path);
    return row!.path;
  }

  async create(actor: Actor, input: OrgCreate) {
    const id = newId();
    const now = nowIso();
    let path: string;
    let depth: number;
    if (input.parentId) {
      const parent = await this.repo().findById(input.parentId);
      assertInScope(actor, 'org.read', parent?.path);
      // Readable but not manageable parent: the caller may see it, so say it plainly (403).
      assertManage(actor, parent!.path);
      path = `${parent!.path}${pathSegment(id)}/`;
      depth = parent!.depth + 1;
    } else {
      if (!scopeOf(actor, 'org.manage').all) throw errors.forbidden();
      path = `/${pathSegment(id)}/`;
      depth = 0;
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      try {
        await this.repo(trx).insert({
          id,
          parent_id: input.parentId,
          path,
          depth,
          kind: input.kind,
          code: input.code,
          name: input.name,
          short_name: input.shortName ?? null,
          sort_order: input.sortOrder,
          active: true,
          search_text: searchText(input.name, input.code, input.shortName),
          version: 1,
          created_at: now,
          updated_at: now,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw codeTaken(actor);
        throw err;
      }
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'org.create',
        entityType: 'org',
        entityId: id,
        orgId: id,
        before: null,
      });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: OrgUpdate) {
    const current = await this.repo().findById(id);
    assertInScope(actor, 'org.read', current?.path);
    assertManage(actor, current!.path);
    const name = input.name ?? current!.name;
    const code = input.code ?? current!.code;
    const shortName = input.shortName === undefined ? current!.short_name : input.shortName;
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'org', id);
      let ok: boolean;
      try {
        ok = await this.repo(trx).update(id, input.version, {
          ...(input.kind ? { kind: input.kind } : {}),
          code,
          name,
          short_name: shortName ?? null,
          ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          search_text: searchText(name, code, shortName),
          updated_at: nowIso(),
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw codeTaken(actor);
        throw err;
      }
      if (!ok) throw errors.versionConflict();
      const action =
        input.active === false ? 'org.deactivate' : input.active === true && !bool(current!.active) ? 'org.activate' : 'org.update';
      await this.ctx.audit.record(trx, { actorUserId: actor.userId, action, entityType: 'org', entityId: id, orgId: id, before });
    });
    return this.get(actor, id);
  }

  /** Moves an org and its whole subtree under a new parent (paths rewritten in one statement). */
  async move(actor: Actor, id: string, newParentId: string, version: number) {
    const org = await this.repo().findById(id);
    assertInScope(actor, 'org.read', org?.path);
    assertManage(actor, org!.path);
    const parent = await this.repo().findById(newParentId);
    if (!parent) throw errors.invalidField('newParentId', actor.locale === 'en' ? 'Unknown org' : 'Không tìm thấy đơn vị', 'not_found');
    assertInScope(actor, 'org.read', parent.path);
    assertManage(actor, parent.path);
    if (parent.path.startsWith(org!.path)) {
      throw errors.invalidField(
        'newParentId',
        actor.locale === 'en' ? 'Cannot move an org under itself' : 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó',
        'cycle',
      );
    }
    const oldPath = org!.path;
    const newPath = `${parent.path}${pathSegment(id)}/`;
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const ids = await repo.subtreeIds(oldPath);
      const befores = new Map<string, Record<string, unknown> | null>();
      for (const sid of ids) befores.set(sid, await loadSnapshot(trx, 'org', sid));
      if (!(await repo.update(id, version, { parent_id: newParentId, updated_at: nowIso() }))) throw errors.versionConflict();
      await repo.rewriteSubtree(oldPath, newPath, parent.depth + 1 - org!.depth, nowIso());
      for (const sid of ids) {
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: sid === id ? 'org.move' : 'org.move_descendant',
          entityType: 'org',
          entityId: sid,
          orgId: sid,
          before: befores.get(sid) ?? null,
        });
      }
    });
    return this.get(actor, id);
  }
}

function assertManage(actor: Actor, path: string) {
  const s = scopeOf(actor, 'org.manage');
  if (!s.all && !s.paths.some((p) => path.startsWith(p))) throw errors.forbidden();
}

function codeTaken(actor: Actor) {
  return new AppError('conflict', 409, { detail: actor.locale === 'en' ? 'code already used' : 'mã đơn vị đã tồn tại' }, [
    { path: 'code', message: actor.locale === 'en' ? 'Code already used' : 'Mã đơn vị đã tồn tại', code: 'duplicate' },
  ]);
}
