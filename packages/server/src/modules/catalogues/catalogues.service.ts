import crypto from 'node:crypto';
import {
  SAMPLE_CATALOGUE_NOTICE,
  catalogueChanges,
  validateCatalogue,
  type Catalogue,
  type CatalogueCreate,
  type CatalogueGroupDraft,
  type CatalogueUpdate,
  type RuleIssue,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { bool, nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { assertAnywhere, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { existingIds, hasTable } from '../cases/optional-tables';
import { CatalogueRepository } from './catalogues.repository';

registerAuditedEntity('catalogue', { table: 'catalogues', booleans: ['is_sample'] });
registerAuditedEntity('catalogue_version', { table: 'catalogue_versions', booleans: [] });

/** A 400 carrying every rule issue as a named field, with an optional path prefix. */
export function ruleIssues(issues: readonly RuleIssue[], prefix = ''): AppError {
  return new AppError(
    'validation_failed',
    400,
    {},
    issues.map((i) => ({ path: prefix + i.path, message: i.message, code: i.code })),
  );
}

function contentHash(groups: readonly CatalogueGroupDraft[]): string {
  const canonical = groups.map((g) => ({ code: g.code, title: g.title, items: g.items.map((i) => [i.code, i.title]) }));
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

type Repo = CatalogueRepository;

/** Manifestation catalogues of directives: read by those who work with them, versioned edits by administrators. */
export class CatalogueService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db: AppContext['db'] = this.ctx.db): Repo {
    return new CatalogueRepository(db);
  }

  async list(actor: Actor, q: { documentId?: string | undefined; version?: number | undefined }) {
    assertAnywhere(actor, 'catalogue.read');
    const rows = await this.repo().list(q.documentId);
    const wanted = rows.filter((r) => q.version === undefined || q.version <= r.current_version);
    return { items: await this.present(wanted.map((r) => ({ row: r, version: q.version ?? r.current_version }))) };
  }

  /** One catalogue at its current version or at `version`; 404 when either is missing. */
  async get(actor: Actor, id: string, version?: number): Promise<Catalogue> {
    assertAnywhere(actor, 'catalogue.read');
    const row = await this.repo().findById(id);
    if (!row || (version !== undefined && version > row.current_version)) throw errors.notFound();
    return (await this.present([{ row, version: version ?? row.current_version }]))[0]!;
  }

  private async present(wanted: { row: NonNullable<Awaited<ReturnType<Repo['findById']>>>; version: number }[]): Promise<Catalogue[]> {
    const repo = this.repo();
    const history = await repo.versions(wanted.map((w) => w.row.id));
    const versionRows = await Promise.all(wanted.map((w) => repo.versionOf(w.row.id, w.version)));
    const versionIds = versionRows.filter((v) => v !== undefined).map((v) => v.id);
    const [groups, items] = await Promise.all([repo.groupsOf(versionIds), repo.itemsOf(versionIds)]);
    return wanted.map((w, i) => {
      const v = versionRows[i]!;
      const isSample = bool(w.row.is_sample);
      return {
        id: w.row.id,
        documentId: w.row.document_id,
        title: v.title,
        isSample,
        sampleNotice: isSample ? SAMPLE_CATALOGUE_NOTICE : null,
        version: w.version,
        currentVersion: w.row.current_version,
        groups: groups
          .filter((g) => g.catalogue_version_id === v.id)
          .map((g) => ({
            code: g.code,
            title: g.title,
            items: items
              .filter((it) => it.catalogue_version_id === v.id && it.group_code === g.code)
              .map((it) => ({ id: it.id, code: it.code, groupCode: it.group_code, title: it.title })),
          })),
        versions: history
          .filter((h) => h.catalogue_id === w.row.id)
          .map((h) => ({ version: h.version, createdAt: h.created_at, createdBy: h.full_name ?? h.username ?? null, note: h.note })),
        updatedAt: w.row.updated_at,
      };
    });
  }

  /** Editing is system-wide reference data: only a system-wide `catalogue.manage` grant may do it. */
  private assertManage(actor: Actor) {
    assertAnywhere(actor, 'catalogue.read');
    if (!scopeOf(actor, 'catalogue.manage').all) throw errors.forbidden();
  }

  /** The directive must exist when the documents registry is installed (else the reference is kept as given). */
  private async assertDocument(actor: Actor, documentId: string) {
    if (!(await hasTable(this.ctx.db, 'documents'))) return;
    const found = await existingIds(this.ctx.db, 'documents', [documentId]);
    if (!found.has(documentId)) {
      throw errors.invalidField('documentId', actor.locale === 'en' ? 'Unknown document' : 'Không tìm thấy văn bản', 'not_found');
    }
  }

  async create(actor: Actor, input: CatalogueCreate): Promise<Catalogue> {
    this.assertManage(actor);
    const issues = validateCatalogue(input.groups);
    if (issues.length) throw ruleIssues(issues);
    await this.assertDocument(actor, input.documentId);
    const id = newId();
    const now = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.insertCatalogue({
        id,
        document_id: input.documentId,
        title: input.title,
        is_sample: input.isSample,
        current_version: 1,
        created_at: now,
        updated_at: now,
      });
      const versionId = await this.writeVersion(trx, id, 1, input.title, input.groups, 'Phiên bản đầu tiên', actor, now);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'catalogue.create',
        entityType: 'catalogue',
        entityId: id,
        before: null,
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'catalogue.version',
        entityType: 'catalogue_version',
        entityId: versionId,
        before: null,
      });
    });
    return this.get(actor, id);
  }

  /** Saves a new version (copy-on-write of the whole list); a stale `version` answers 409. */
  async update(actor: Actor, id: string, input: CatalogueUpdate): Promise<Catalogue> {
    const row = await this.repo().findById(id);
    if (!row) {
      assertAnywhere(actor, 'catalogue.read');
      throw errors.notFound();
    }
    this.assertManage(actor);
    const issues = validateCatalogue(input.groups, await this.repo().codeHistory(id));
    if (issues.length) throw ruleIssues(issues);
    const now = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await loadSnapshot(trx, 'catalogue', id);
      const previous = await repo.versionOf(id, input.version);
      const title = input.title ?? previous?.title ?? row.title;
      if (!(await repo.bumpVersion(id, input.version, { title, is_sample: input.isSample ?? bool(row.is_sample), updated_at: now })))
        throw errors.versionConflict();
      const prevGroups = previous ? await this.draftsOf(trx, previous.id) : [];
      const changes = catalogueChanges(prevGroups, input.groups);
      const summary = [
        changes.added.length ? `thêm ${changes.added.join(', ')}` : '',
        changes.removed.length ? `bỏ ${changes.removed.join(', ')}` : '',
        changes.reworded.length ? `sửa lời ${changes.reworded.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const note = [input.note, summary].filter(Boolean).join(' — ') || null;
      const versionId = await this.writeVersion(trx, id, input.version + 1, title, input.groups, note, actor, now);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'catalogue.update',
        entityType: 'catalogue',
        entityId: id,
        before,
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'catalogue.version',
        entityType: 'catalogue_version',
        entityId: versionId,
        before: null,
      });
    });
    return this.get(actor, id);
  }

  private async draftsOf(db: AppContext['db'], versionId: string): Promise<CatalogueGroupDraft[]> {
    const repo = this.repo(db);
    const [groups, items] = await Promise.all([repo.groupsOf([versionId]), repo.itemsOf([versionId])]);
    return groups.map((g) => ({
      code: g.code,
      title: g.title,
      items: items.filter((i) => i.group_code === g.code).map((i) => ({ code: i.code, title: i.title })),
    }));
  }

  private async writeVersion(
    db: AppContext['db'],
    catalogueId: string,
    version: number,
    title: string,
    groups: readonly CatalogueGroupDraft[],
    note: string | null,
    actor: Actor,
    now: string,
  ): Promise<string> {
    const versionId = newId();
    const groupRows: Database['catalogue_groups'][] = groups.map((g, i) => ({
      id: newId(),
      catalogue_version_id: versionId,
      code: g.code,
      title: g.title,
      sort_order: i,
    }));
    let order = 0;
    const itemRows: Database['catalogue_items'][] = groups.flatMap((g) =>
      g.items.map((it) => ({
        id: newId(),
        catalogue_version_id: versionId,
        group_code: g.code,
        code: it.code,
        title: it.title,
        sort_order: order++,
      })),
    );
    await this.repo(db).insertVersion(
      {
        id: versionId,
        catalogue_id: catalogueId,
        version,
        title,
        note,
        content_hash: contentHash(groups),
        created_by: actor.userId,
        created_at: now,
      },
      groupRows,
      itemRows,
    );
    return versionId;
  }
}
