import {
  BATCH_MAX_ROWS,
  CAMPAIGN_STATUS_LABELS,
  ENTRY_PROBLEM_MESSAGES,
  acceptsEntries,
  acceptsHandovers,
  acceptsReversals,
  amountInWords,
  canTransition,
  chooseEntryUnit,
  entryProblems,
  foldForSearch,
  inScope,
  isEditable,
  isEmptyScope,
  nextStatuses,
  participationRate,
  progressToward,
  type Campaign,
  type CampaignCreate,
  type CampaignDetail,
  type CampaignEntry,
  type CampaignKind,
  type CampaignStatus,
  type CampaignUpdate,
  type EntryKind,
  type Handover,
  type PaymentMethod,
  type PersonCategory,
  type PublicCampaign,
  type Scope,
  type UnitTotal,
  type OrgKind,
  type z,
  type CampaignBatchRow,
  type CampaignEntryListQuery,
  type CampaignListQuery,
  type CampaignMemberQuery,
  type HandoverCreate,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import type { CampaignEntriesTable } from '../../db/schema';
import { SYSTEM_USER_ID, assertInScope, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors, type FieldError } from '../../platform/errors';
import { readStoredFile, storeFile } from '../../platform/files';
import { newId } from '../../platform/ids';
import { OrgRepository } from '../orgs/orgs.repository';
import { renderCampaignXlsx } from './campaigns.export';
import { renderReceipt } from './campaigns.receipt';
import { CampaignRepository, type CampaignView, type EntryVisibility, type CampaignVisibility } from './campaigns.repository';

registerAuditedEntity('campaign', { table: 'campaigns', booleans: ['public_show_names'], omit: ['receipt_seq'] });
registerAuditedEntity('campaign_entry', { table: 'campaign_entries', booleans: [] });
registerAuditedEntity('campaign_handover', { table: 'campaign_handovers', booleans: [] });
registerAuditedEntity('campaign_handover_file', { table: 'campaign_handover_files', booleans: [] });

/** Documents accepted as proof of a handover, and their size limit. */
export const HANDOVER_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};
export const HANDOVER_FILE_MAX_BYTES = 10 * 1024 * 1024;

type Row = z.infer<typeof CampaignBatchRow>;
type EntryRow = NonNullable<Awaited<ReturnType<CampaignRepository['findEntry']>>>;

const t = (actor: Actor | null, vi: string, en: string) => (actor?.locale === 'en' ? en : vi);

/** The account that made a change, as stored (the system actor of the CLI and demo data has none). */
const userRef = (actor: Actor) => (actor.userId === SYSTEM_USER_ID ? null : actor.userId);

/** Today's date in Vietnam, whatever the server's time zone. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']. */
function ancestorsOrSelf(path: string): string[] {
  const segs = path.split('/').filter(Boolean);
  return segs.map((_, i) => `/${segs.slice(0, i + 1).join('/')}/`);
}

function minimal(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of [...new Set(paths)].sort()) {
    const last = out[out.length - 1];
    if (last !== undefined && p.startsWith(last)) continue;
    out.push(p);
  }
  return out;
}

function union(a: Scope, b: Scope): Scope {
  if (a.all || b.all) return { all: true };
  return { all: false, paths: minimal([...a.paths, ...b.paths]) };
}

/** The part of a scope inside one subtree. */
function within(scope: Scope, root: string): Scope {
  if (scope.all) return { all: false, paths: [root] };
  const paths: string[] = [];
  for (const p of scope.paths) {
    if (p.startsWith(root)) paths.push(p);
    else if (root.startsWith(p)) paths.push(root);
  }
  return { all: false, paths: minimal(paths) };
}

export const formatReceiptNo = (n: number | null) => (n === null ? null : String(n).padStart(4, '0'));

function toEntry(r: EntryRow): CampaignEntry {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    personId: r.person_id,
    personName: r.person_name,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind as EntryKind,
    amount: Number(r.amount),
    method: (r.method as PaymentMethod | null) ?? null,
    reference: r.reference,
    date: r.entry_date,
    collectedBy: r.collected_by,
    collectedByName: r.collected_by_name ?? null,
    reversesEntryId: r.reverses_entry_id,
    reversedByEntryId: r.reversed_by ?? null,
    reason: r.reason,
    receiptNo: formatReceiptNo(r.receipt_no),
    confirmedAt: r.confirmed_at,
    createdAt: r.created_at,
  };
}

function suggestedFor(c: CampaignView, categories: PersonCategory[]): number | null {
  const byCategory = JSON.parse(c.suggested_by_category) as Partial<Record<PersonCategory, number>>;
  const matches = categories.map((cat) => byCategory[cat]).filter((v): v is number => typeof v === 'number');
  if (matches.length) return Math.max(...matches);
  return c.suggested_amount === null ? null : Number(c.suggested_amount);
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string, inline = false): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Union campaigns: campaigns within scope, the append-only ledger of pledges and contributions
 * (recorded by collectors for the members of their units, corrected only by reversals),
 * receipts, handovers with documents, the treasurer's export and the public transparency page.
 */
export class CampaignService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db: AppContext['db'] = this.ctx.db) {
    return new CampaignRepository(db);
  }

  // ---- access ---------------------------------------------------------------------------------

  /** Officers and collectors: where the actor may read or collect. */
  private officerScope(actor: Actor): Scope {
    return union(scopeOf(actor, 'campaign.read'), scopeOf(actor, 'campaign.collect'));
  }

  private visibility(actor: Actor): CampaignVisibility {
    const officer = this.officerScope(actor);
    const memberPaths = actor.grants.filter((g) => g.role === 'member' && g.orgPath).map((g) => g.orgPath!);
    const roots = new Set<string>();
    for (const p of [...memberPaths, ...(officer.all ? [] : officer.paths)]) for (const a of ancestorsOrSelf(p)) roots.add(a);
    return { organiserScope: scopeOf(actor, 'campaign.read'), participantRoots: [...roots].sort(), participantScope: officer };
  }

  private canSee(actor: Actor, c: CampaignView): boolean {
    const v = this.visibility(actor);
    if (inScope(v.organiserScope, c.org_path)) return true;
    if (c.status === 'draft') return false;
    return v.participantRoots.includes(c.participant_path) || inScope(v.participantScope, c.participant_path);
  }

  private async visible(actor: Actor, id: string): Promise<CampaignView> {
    const c = await this.repo().findById(id);
    if (!c || !this.canSee(actor, c)) throw errors.notFound();
    return c;
  }

  private canManage(actor: Actor, c: CampaignView): boolean {
    return inScope(scopeOf(actor, 'campaign.manage'), c.org_path);
  }

  private async manageable(actor: Actor, id: string): Promise<CampaignView> {
    const c = await this.visible(actor, id);
    if (!this.canManage(actor, c)) throw errors.forbidden();
    return c;
  }

  /** Where in the participating subtree the actor may record entries. */
  private collectScope(actor: Actor, c: CampaignView): Scope {
    return within(scopeOf(actor, 'campaign.collect'), c.participant_path);
  }

  private entryVisibility(actor: Actor, c: CampaignView): EntryVisibility {
    const read = scopeOf(actor, 'campaign.read');
    if (inScope(read, c.org_path) || inScope(read, c.participant_path)) return { kind: 'all' };
    const units = within(this.officerScope(actor), c.participant_path);
    if (!isEmptyScope(units)) return { kind: 'units', scope: units, personId: actor.personId };
    return { kind: 'own', personId: actor.personId };
  }

  private entryVisibleTo(actor: Actor, c: CampaignView, e: { person_id: string; org_path: string }): boolean {
    const v = this.entryVisibility(actor, c);
    if (v.kind === 'all') return true;
    if (actor.personId && e.person_id === actor.personId) return true;
    return v.kind === 'units' && inScope(v.scope, e.org_path);
  }

  // ---- campaigns ------------------------------------------------------------------------------

  private toCampaign(actor: Actor, c: CampaignView, sums: { contributed: number; contributors: number }): Campaign {
    const target = c.kind === 'money' ? c.target_amount : c.target_participants;
    const current = c.kind === 'money' ? sums.contributed : sums.contributors;
    return {
      id: c.id,
      orgId: c.org_id,
      orgName: c.org_name,
      participantOrgId: c.participant_org_id,
      participantOrgName: c.participant_name,
      kind: c.kind as CampaignKind,
      title: c.title,
      purpose: c.purpose,
      beneficiary: c.beneficiary,
      startDate: c.start_date,
      endDate: c.end_date,
      targetAmount: c.target_amount === null ? null : Number(c.target_amount),
      targetParticipants: c.target_participants,
      suggestedAmount: c.suggested_amount === null ? null : Number(c.suggested_amount),
      suggestedByCategory: JSON.parse(c.suggested_by_category) as Campaign['suggestedByCategory'],
      bankAccount: c.bank_account,
      collectionPoints: c.collection_points,
      publicShowNames: bool(c.public_show_names),
      status: c.status as CampaignStatus,
      contributed: sums.contributed,
      contributors: sums.contributors,
      progress: progressToward(current, target === null ? null : Number(target)),
      canManage: this.canManage(actor, c),
      canCollect: acceptsEntries(c.status as CampaignStatus) && !isEmptyScope(this.collectScope(actor, c)),
      version: c.version,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    };
  }

  async list(actor: Actor, q: z.infer<typeof CampaignListQuery>) {
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      assertInScope(actor, 'org.read', org?.path);
      orgPath = org!.path;
    }
    const { rows, total } = await this.repo().list({
      visibility: this.visibility(actor),
      status: q.status,
      kind: q.kind,
      foldedQuery: q.q ? foldForSearch(q.q) : undefined,
      orgPath,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => this.toCampaign(actor, r, r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Per-unit totals under `parent` (children rolled up, plus the parent's own direct row). */
  private async unitTotals(c: CampaignView, parent: { id: string; path: string; name: string; kind: string }): Promise<UnitTotal[]> {
    const repo = this.repo();
    const [children, direct] = await Promise.all([repo.unitTotals(c.id, parent.id), repo.directTotals(c.id, parent)]);
    const units: UnitTotal[] = children.map((u) => ({
      orgId: u.id,
      orgName: u.name,
      orgKind: u.kind as OrgKind,
      direct: false,
      hasChildren: u.childCount > 0,
      contributed: u.contributed,
      pledged: u.pledged,
      contributors: u.contributors,
      members: u.members,
      participationRate: participationRate(u.contributors, u.members),
    }));
    if (direct.members > 0 || direct.contributed !== 0 || direct.pledged !== 0 || direct.contributors > 0) {
      units.push({
        orgId: parent.id,
        orgName: parent.name,
        orgKind: parent.kind as OrgKind,
        direct: true,
        hasChildren: false,
        ...direct,
        participationRate: participationRate(direct.contributors, direct.members),
      });
    }
    return units;
  }

  private async handoverViews(c: CampaignView): Promise<Handover[]> {
    const rows = await this.repo().handovers(c.id);
    return rows.map((h) => ({
      id: h.id,
      amount: Number(h.amount),
      date: h.handover_date,
      recipient: h.recipient,
      note: h.note,
      createdByName: h.created_by_name ?? null,
      createdAt: h.created_at,
      files: h.files.map((f) => ({ id: f.id, name: f.name, mimeType: f.mime_type, size: Number(f.size), sha256: f.sha256 })),
    }));
  }

  /** One campaign with its totals (by unit, method and day), handovers and what the caller may do. */
  async get(actor: Actor, id: string, unitParentId?: string): Promise<CampaignDetail> {
    const c = await this.visible(actor, id);
    const orgs = new OrgRepository(this.ctx.db);
    let parent = { id: c.participant_org_id, path: c.participant_path, name: c.participant_name, kind: '' };
    if (unitParentId && unitParentId !== c.participant_org_id) {
      const org = await orgs.findById(unitParentId);
      if (!org || !org.path.startsWith(c.participant_path)) {
        throw errors.invalidField(
          'unitParentId',
          t(actor, 'Đơn vị không thuộc phạm vi tham gia cuộc vận động', 'Not a unit of the participating subtree'),
          'not_found',
        );
      }
      parent = { id: org.id, path: org.path, name: org.name, kind: org.kind };
    } else {
      parent.kind = (await orgs.findById(c.participant_org_id))!.kind;
    }
    const repo = this.repo();
    const [totals, members, byUnit, handovers] = await Promise.all([
      repo.totals(c.id),
      repo.memberCount(c.participant_path),
      this.unitTotals(c, parent),
      this.handoverViews(c),
    ]);
    const base = this.toCampaign(actor, c, totals);
    const canManage = base.canManage;
    return {
      ...base,
      totals: {
        contributed: totals.contributed,
        pledged: totals.pledged,
        contributors: totals.contributors,
        members,
        participationRate: participationRate(totals.contributors, members),
        progress: base.progress,
        handedOver: totals.handedOver,
        unitParentId: parent.id,
        byUnit,
        byMethod: totals.byMethod.map((m) => ({ method: m.method as PaymentMethod, amount: m.amount })),
        byDay: totals.byDay,
      },
      handovers,
      nextStatuses: canManage ? [...nextStatuses(c.status as CampaignStatus)] : [],
      entryVisibility: this.entryVisibility(actor, c).kind,
    };
  }

  private kindProblems(
    actor: Actor,
    kind: CampaignKind,
    v: { targetAmount?: number | null | undefined; suggestedAmount?: number | null | undefined; suggestedByCategory?: object | undefined },
  ) {
    if (kind !== 'movement') return;
    const msg = t(actor, 'Phong trào không có số tiền mục tiêu hay mức ủng hộ', 'A movement has no money target or suggested amount');
    if (v.targetAmount) throw errors.invalidField('targetAmount', msg);
    if (v.suggestedAmount) throw errors.invalidField('suggestedAmount', msg);
    if (v.suggestedByCategory && Object.keys(v.suggestedByCategory).length) throw errors.invalidField('suggestedByCategory', msg);
  }

  async create(actor: Actor, input: CampaignCreate) {
    const orgs = new OrgRepository(this.ctx.db);
    const org = await orgs.findById(input.orgId);
    assertInScope(actor, 'org.read', org?.path);
    const manage = scopeOf(actor, 'campaign.manage');
    if (!inScope(manage, org!.path)) throw errors.forbidden();
    let participant = org!;
    if (input.participantOrgId && input.participantOrgId !== input.orgId) {
      const p = await orgs.findById(input.participantOrgId);
      if (!p || !inScope(scopeOf(actor, 'org.read'), p.path)) {
        throw errors.invalidField('participantOrgId', t(actor, 'Không tìm thấy đơn vị', 'Unknown org'), 'not_found');
      }
      // An officer may only ask the members of a subtree they run for money.
      if (!inScope(manage, p.path))
        throw errors.invalidField(
          'participantOrgId',
          t(actor, 'Đơn vị tham gia phải thuộc phạm vi công đoàn bạn phụ trách', 'The participating unit must be within your union scope'),
          'out_of_scope',
        );
      participant = p;
    }
    this.kindProblems(actor, input.kind, input);
    const id = newId();
    const now = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.repo(trx).insert({
        id,
        org_id: org!.id,
        participant_org_id: participant.id,
        kind: input.kind,
        title: input.title,
        search_text: foldForSearch(input.title),
        purpose: input.purpose,
        beneficiary: input.beneficiary,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
        target_amount: input.targetAmount ?? null,
        target_participants: input.targetParticipants ?? null,
        suggested_amount: input.suggestedAmount ?? null,
        suggested_by_category: JSON.stringify(input.suggestedByCategory ?? {}),
        bank_account: input.bankAccount ?? null,
        collection_points: input.collectionPoints ?? null,
        public_show_names: input.publicShowNames ?? false,
        status: 'draft',
        receipt_seq: 0,
        created_by: userRef(actor),
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'campaign.create',
        entityType: 'campaign',
        entityId: id,
        orgId: org!.id,
        before: null,
      });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: CampaignUpdate) {
    const c = await this.manageable(actor, id);
    if (!isEditable(c.status as CampaignStatus)) {
      throw errors.conflict(
        t(
          actor,
          `cuộc vận động ${CAMPAIGN_STATUS_LABELS[c.status as CampaignStatus].vi.toLowerCase()}, không sửa được`,
          'the campaign is closed and can no longer be edited',
        ),
      );
    }
    this.kindProblems(actor, c.kind as CampaignKind, input);
    const start = input.startDate ?? c.start_date;
    const end = input.endDate === undefined ? c.end_date : input.endDate;
    if (end && end < start)
      throw errors.invalidField('endDate', t(actor, 'Ngày kết thúc phải sau ngày bắt đầu', 'The end date must follow the start date'));
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'campaign', id);
      const ok = await this.repo(trx).update(id, input.version, {
        ...(input.title !== undefined ? { title: input.title, search_text: foldForSearch(input.title) } : {}),
        ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
        ...(input.beneficiary !== undefined ? { beneficiary: input.beneficiary } : {}),
        start_date: start,
        end_date: end ?? null,
        ...(input.targetAmount !== undefined ? { target_amount: input.targetAmount ?? null } : {}),
        ...(input.targetParticipants !== undefined ? { target_participants: input.targetParticipants ?? null } : {}),
        ...(input.suggestedAmount !== undefined ? { suggested_amount: input.suggestedAmount ?? null } : {}),
        ...(input.suggestedByCategory !== undefined ? { suggested_by_category: JSON.stringify(input.suggestedByCategory) } : {}),
        ...(input.bankAccount !== undefined ? { bank_account: input.bankAccount ?? null } : {}),
        ...(input.collectionPoints !== undefined ? { collection_points: input.collectionPoints ?? null } : {}),
        ...(input.publicShowNames !== undefined ? { public_show_names: input.publicShowNames } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'campaign.update',
        entityType: 'campaign',
        entityId: id,
        orgId: c.org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  /** Moves the campaign along draft → open → closed → settled (settling needs the handovers to match). */
  async transition(actor: Actor, id: string, to: CampaignStatus, version: number) {
    const c = await this.manageable(actor, id);
    if (c.version !== version) throw errors.versionConflict();
    const from = c.status as CampaignStatus;
    if (!canTransition(from, to)) {
      throw errors.conflict(
        t(
          actor,
          `không chuyển được từ "${CAMPAIGN_STATUS_LABELS[from].vi}" sang "${CAMPAIGN_STATUS_LABELS[to].vi}"`,
          `cannot move from "${CAMPAIGN_STATUS_LABELS[from].en}" to "${CAMPAIGN_STATUS_LABELS[to].en}"`,
        ),
      );
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.lock(id);
      if (to === 'settled' && c.kind === 'money') {
        const totals = await repo.totals(id);
        if (totals.contributed !== totals.handedOver) {
          throw errors.conflict(
            t(
              actor,
              `đã thu ${totals.contributed.toLocaleString('vi-VN')} đồng nhưng đã bàn giao ${totals.handedOver.toLocaleString('vi-VN')} đồng; ghi nhận đủ các lần bàn giao trước khi quyết toán`,
              `collected ${totals.contributed} but handed over ${totals.handedOver}; record every handover before settling`,
            ),
          );
        }
      }
      const before = await loadSnapshot(trx, 'campaign', id);
      if (!(await repo.update(id, version, { status: to, updated_at: nowIso() }))) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: `campaign.${to === 'open' ? 'open' : to === 'closed' ? 'close' : 'settle'}`,
        entityType: 'campaign',
        entityId: id,
        orgId: c.org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  // ---- ledger ---------------------------------------------------------------------------------

  async entries(actor: Actor, id: string, q: z.infer<typeof CampaignEntryListQuery>) {
    const c = await this.visible(actor, id);
    const visibility: EntryVisibility = q.mine ? { kind: 'own', personId: actor.personId } : this.entryVisibility(actor, c);
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      if (!org) throw errors.invalidField('orgId', t(actor, 'Không tìm thấy đơn vị', 'Unknown org'), 'not_found');
      orgPath = org.path;
    }
    const { rows, total } = await this.repo().listEntries({
      campaignId: c.id,
      visibility,
      personId: q.personId,
      orgPath,
      kind: q.kind,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toEntry), total, page: q.page, pageSize: q.pageSize };
  }

  /** The caller's own pledges and contributions across campaigns. */
  async myEntries(actor: Actor, q: { page: number; pageSize: number }) {
    if (!actor.personId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.repo().entriesOfPerson(actor.personId, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({ ...toEntry(r), campaignTitle: r.campaign_title, campaignStatus: r.campaign_status as CampaignStatus })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Members the caller may record for (their units inside the participating subtree), with their sums so far. */
  async members(actor: Actor, id: string, q: z.infer<typeof CampaignMemberQuery>) {
    const c = await this.visible(actor, id);
    const scope = this.collectScope(actor, c);
    if (isEmptyScope(scope)) throw errors.forbidden();
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      if (!org) throw errors.invalidField('orgId', t(actor, 'Không tìm thấy đơn vị', 'Unknown org'), 'not_found');
      orgPath = org.path;
    }
    const repo = this.repo();
    const { rows, total } = await repo.eligiblePeople({
      participantPath: c.participant_path,
      scope,
      orgPath,
      foldedQuery: q.q ? foldForSearch(q.q) : undefined,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const ids = rows.map((r) => r.id);
    const [memberships, sums] = await Promise.all([
      repo.membershipsIn({ participantPath: c.participant_path, scope, personIds: ids }),
      repo.sumsByPerson(c.id, ids),
    ]);
    const items = rows.map((p) => {
      const unit = chooseEntryUnit(
        memberships
          .filter((m) => m.person_id === p.id && (!orgPath || m.org_path.startsWith(orgPath)))
          .map((m) => ({ orgId: m.org_id, depth: m.org_depth, isPrimary: bool(m.is_primary), name: m.org_name })),
      );
      const categories = JSON.parse(p.categories) as PersonCategory[];
      const sum = (b: string) => sums.filter((s) => s.personId === p.id && s.bucket === b).reduce((a, s) => a + s.amount, 0);
      return {
        personId: p.id,
        fullName: p.full_name,
        orgId: unit!.orgId,
        orgName: unit!.name,
        categories,
        contributed: sum('contribution'),
        pledged: sum('pledge'),
        suggestedAmount: suggestedFor(c, categories),
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  private async insertAudited(actor: Actor, c: CampaignView, rows: CampaignEntriesTable[], action: string) {
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const locked = await repo.lock(c.id);
      // Re-checked under the lock: the campaign may have been closed since it was read.
      if (!locked || !acceptsEntries(locked.status as CampaignStatus)) throw notOpen(actor);
      const numbered = rows.filter((r) => r.kind === 'contribution');
      if (numbered.length) {
        let next = await repo.reserveReceiptNumbers(c.id, locked.receipt_seq, numbered.length);
        for (const r of numbered) r.receipt_no = next++;
      }
      await repo.insertEntries(rows);
      for (const r of rows) {
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action,
          entityType: 'campaign_entry',
          entityId: r.id,
          orgId: r.org_id,
          before: null,
        });
      }
    });
  }

  /**
   * Records up to 500 pledges/contributions in one transaction: every row is checked first
   * (amount, method, date, and that the member belongs to a unit the caller collects for), and a
   * single bad row rejects the whole batch with its `rows[i].field` named.
   */
  async recordBatch(actor: Actor, id: string, rows: Row[]) {
    const c = await this.visible(actor, id);
    const scope = this.collectScope(actor, c);
    if (isEmptyScope(scope)) throw errors.forbidden();
    if (!acceptsEntries(c.status as CampaignStatus)) throw notOpen(actor);
    if (rows.length > BATCH_MAX_ROWS)
      throw errors.invalidField('rows', t(actor, `Tối đa ${BATCH_MAX_ROWS} dòng mỗi lần`, `At most ${BATCH_MAX_ROWS} rows`), 'too_big');
    const today = todayInVietnam();
    const bad: FieldError[] = [];
    const missing: FieldError[] = [];
    const memberships = await this.repo().membershipsIn({
      participantPath: c.participant_path,
      scope,
      personIds: [...new Set(rows.map((r) => r.personId))],
    });
    const entries: CampaignEntriesTable[] = [];
    const now = nowIso();
    rows.forEach((r, i) => {
      const at = (f: string) => `rows[${i}].${f}`;
      for (const p of entryProblems(c.kind as CampaignKind, {
        kind: r.kind,
        amount: r.amount,
        method: r.method ?? null,
        reference: r.reference ?? null,
      })) {
        bad.push({ path: at(p.field), message: ENTRY_PROBLEM_MESSAGES[p.problem][actor.locale], code: p.problem });
      }
      if (r.date < c.start_date)
        bad.push({
          path: at('date'),
          message: t(actor, 'Ngày nộp trước ngày bắt đầu cuộc vận động', 'Date before the campaign start'),
          code: 'before_start',
        });
      if (r.date > today)
        bad.push({ path: at('date'), message: t(actor, 'Ngày nộp ở tương lai', 'Date in the future'), code: 'in_future' });
      const mine = memberships.filter((m) => m.person_id === r.personId);
      if (mine.length === 0) {
        // The same answer whether the person does not exist or is outside the caller's units.
        missing.push({
          path: at('personId'),
          message: t(actor, 'Không tìm thấy đoàn viên trong đơn vị bạn được giao thu', 'No such member in the units you collect for'),
          code: 'not_found',
        });
        return;
      }
      if (!bool(mine[0]!.person_active))
        bad.push({ path: at('personId'), message: t(actor, 'Người này đã nghỉ', 'This person is inactive'), code: 'inactive' });
      const candidates = mine.map((m) => ({ orgId: m.org_id, depth: m.org_depth, isPrimary: bool(m.is_primary) }));
      let unit = chooseEntryUnit(candidates);
      if (r.orgId) {
        unit = candidates.find((m) => m.orgId === r.orgId) ?? null;
        if (!unit)
          bad.push({
            path: at('orgId'),
            message: t(actor, 'Người này không thuộc đơn vị đã chọn', 'The member does not belong to this unit'),
            code: 'not_member',
          });
      }
      entries.push({
        id: newId(),
        campaign_id: c.id,
        person_id: r.personId,
        org_id: unit?.orgId ?? '',
        kind: r.kind,
        amount: r.amount,
        method: r.method ?? null,
        reference: r.reference?.trim() || null,
        entry_date: r.date,
        collected_by: userRef(actor),
        reverses_entry_id: null,
        reason: null,
        receipt_no: null,
        confirmed_at: null,
        created_at: now,
      });
    });
    if (missing.length) throw new AppError('not_found', 404, {}, missing);
    if (bad.length) throw new AppError('validation_failed', 400, {}, bad);
    await this.insertAudited(actor, c, entries, 'campaign_entry.create');
    const created = await this.repo().findEntries(entries.map((e) => e.id));
    const order = new Map(entries.map((e, i) => [e.id, i]));
    created.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { created: created.length, entries: created.map(toEntry) };
  }

  /** A member's own pledge. */
  async pledge(actor: Actor, id: string, input: { amount: number; method?: PaymentMethod | null | undefined }) {
    const c = await this.visible(actor, id);
    if (!acceptsEntries(c.status as CampaignStatus)) throw notOpen(actor);
    if (c.kind !== 'money') throw errors.conflict(t(actor, 'phong trào không nhận đăng ký ủng hộ tiền', 'a movement takes no pledges'));
    if (!actor.personId) throw errors.forbidden();
    const mine = await this.repo().membershipsIn({ participantPath: c.participant_path, personIds: [actor.personId] });
    const unit = chooseEntryUnit(mine.map((m) => ({ orgId: m.org_id, depth: m.org_depth, isPrimary: bool(m.is_primary) })));
    if (!unit) throw errors.forbidden();
    const problems = entryProblems('money', { kind: 'pledge', amount: input.amount, method: input.method ?? null, reference: null });
    if (problems.length)
      throw errors.invalidField(problems[0]!.field, ENTRY_PROBLEM_MESSAGES[problems[0]!.problem][actor.locale], problems[0]!.problem);
    const entryId = newId();
    await this.insertAudited(
      actor,
      c,
      [
        {
          id: entryId,
          campaign_id: c.id,
          person_id: actor.personId,
          org_id: unit.orgId,
          kind: 'pledge',
          amount: input.amount,
          method: input.method ?? null,
          reference: null,
          entry_date: todayInVietnam(),
          collected_by: userRef(actor),
          reverses_entry_id: null,
          reason: null,
          receipt_no: null,
          confirmed_at: nowIso(),
          created_at: nowIso(),
        },
      ],
      'campaign_entry.pledge',
    );
    return toEntry((await this.repo().findEntry(c.id, entryId))!);
  }

  private async visibleEntry(actor: Actor, c: CampaignView, entryId: string): Promise<EntryRow> {
    const e = await this.repo().findEntry(c.id, entryId);
    if (!e || !this.entryVisibleTo(actor, c, e)) throw errors.notFound();
    return e;
  }

  /** Cancels an entry with a counter-entry (never an edit or a delete); once per entry. */
  async reverse(actor: Actor, id: string, entryId: string, input: { reason: string; date?: string | undefined }) {
    const c = await this.visible(actor, id);
    const e = await this.visibleEntry(actor, c, entryId);
    if (!this.canManage(actor, c) && !inScope(this.collectScope(actor, c), e.org_path)) throw errors.forbidden();
    if (!acceptsReversals(c.status as CampaignStatus))
      throw errors.conflict(t(actor, 'cuộc vận động đã quyết toán, không đảo bút toán được', 'the campaign is settled'));
    if (e.kind === 'reversal')
      throw errors.conflict(
        t(actor, 'không đảo một bút toán đảo; hãy ghi lại khoản nộp', 'a reversal cannot be reversed; record the entry again'),
      );
    if (e.reversed_by) throw errors.conflict(t(actor, 'khoản này đã được đảo', 'this entry is already reversed'));
    const date = input.date ?? todayInVietnam();
    if (date < e.entry_date)
      throw errors.invalidField(
        'date',
        t(actor, 'Ngày đảo không được trước ngày của khoản bị đảo', 'The reversal cannot precede the entry'),
        'before_entry',
      );
    if (date > todayInVietnam()) throw errors.invalidField('date', t(actor, 'Ngày ở tương lai', 'Date in the future'), 'in_future');
    const reversalId = newId();
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        const repo = this.repo(trx);
        const locked = await repo.lock(c.id);
        if (!locked || !acceptsReversals(locked.status as CampaignStatus))
          throw errors.conflict(t(actor, 'cuộc vận động đã quyết toán', 'the campaign is settled'));
        if (await repo.reversalOf(e.id)) throw errors.conflict(t(actor, 'khoản này đã được đảo', 'this entry is already reversed'));
        await repo.insertEntries([
          {
            id: reversalId,
            campaign_id: c.id,
            person_id: e.person_id,
            org_id: e.org_id,
            kind: 'reversal',
            amount: -Number(e.amount),
            method: e.method,
            reference: e.reference,
            entry_date: date,
            collected_by: userRef(actor),
            reverses_entry_id: e.id,
            reason: input.reason,
            receipt_no: null,
            confirmed_at: null,
            created_at: nowIso(),
          },
        ]);
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'campaign_entry.reverse',
          entityType: 'campaign_entry',
          entityId: reversalId,
          orgId: e.org_id,
          before: null,
        });
      });
    } catch (err) {
      // Two collectors reversing the same entry at once: the unique index lets one win.
      if (isUniqueViolation(err)) throw errors.conflict(t(actor, 'khoản này đã được đảo', 'this entry is already reversed'));
      throw err;
    }
    return toEntry((await this.repo().findEntry(c.id, reversalId))!);
  }

  /** The member confirms their own pledge or contribution (idempotent). */
  async confirm(actor: Actor, id: string, entryId: string) {
    const c = await this.visible(actor, id);
    const e = await this.visibleEntry(actor, c, entryId);
    if (!actor.personId || e.person_id !== actor.personId) throw errors.forbidden();
    if (e.kind === 'reversal' || e.reversed_by) throw errors.conflict(t(actor, 'khoản này đã bị đảo', 'this entry was reversed'));
    if (!e.confirmed_at) {
      await this.ctx.db.transaction().execute(async (trx) => {
        const before = await loadSnapshot(trx, 'campaign_entry', e.id);
        await this.repo(trx).confirm(e.id, nowIso());
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'campaign_entry.confirm',
          entityType: 'campaign_entry',
          entityId: e.id,
          orgId: e.org_id,
          before,
        });
      });
    }
    return toEntry((await this.repo().findEntry(c.id, e.id))!);
  }

  /** The receipt PDF of a contribution: for the member, and for officers/collectors who see the entry. */
  async receipt(actor: Actor, id: string, entryId: string): Promise<{ filename: string; body: Buffer }> {
    const c = await this.visible(actor, id);
    const e = await this.visibleEntry(actor, c, entryId);
    if (e.kind !== 'contribution') throw errors.notFound();
    const orgs = new OrgRepository(this.ctx.db);
    const org = await orgs.findById(c.org_id);
    const parent = org?.parent_id ? await orgs.findById(org.parent_id) : undefined;
    const reversal = e.reversed_by ? await this.repo().findEntry(c.id, e.reversed_by) : undefined;
    const receiptNo = formatReceiptNo(e.receipt_no) ?? '—';
    const body = await renderReceipt({
      receiptNo,
      entryId: e.id,
      orgName: c.org_name,
      parentOrgName: parent?.name ?? null,
      campaignTitle: c.title,
      beneficiary: c.beneficiary,
      personName: e.person_name,
      unitName: e.org_name,
      amount: Number(e.amount),
      method: (e.method as PaymentMethod | null) ?? null,
      reference: e.reference,
      date: e.entry_date,
      collectorName: e.collected_by_name ?? null,
      reversal: reversal ? { date: reversal.entry_date, reason: reversal.reason } : null,
      confirmedAt: e.confirmed_at,
    });
    return { filename: `bien-nhan-${receiptNo}.pdf`, body };
  }

  /** The treasurer's list as XLSX (officers: everything; collectors: their units). */
  async exportXlsx(actor: Actor, id: string): Promise<{ filename: string; body: Buffer }> {
    const c = await this.visible(actor, id);
    const visibility = this.entryVisibility(actor, c);
    if (visibility.kind === 'own') throw errors.forbidden();
    const orgs = new OrgRepository(this.ctx.db);
    const repo = this.repo();
    const [org, units, rows] = await Promise.all([
      orgs.findById(c.org_id),
      repo.unitTotals(c.id, c.participant_org_id),
      repo.allEntries(c.id, visibility),
    ]);
    const parent = org?.parent_id ? await orgs.findById(org.parent_id) : undefined;
    const body = await renderCampaignXlsx({
      orgName: c.org_name,
      parentOrgName: parent?.name ?? null,
      title: c.title,
      beneficiary: c.beneficiary,
      startDate: c.start_date,
      endDate: c.end_date,
      units: units.map((u) => ({ name: u.name, path: u.path, members: u.members })),
      root: { name: c.participant_name, path: c.participant_path },
      partial: visibility.kind === 'units',
      entries: rows.map((r) => ({
        id: r.id,
        kind: r.kind as EntryKind,
        amount: Number(r.amount),
        method: (r.method as PaymentMethod | null) ?? null,
        reference: r.reference,
        date: r.entry_date,
        personName: r.person_name,
        orgName: r.org_name,
        orgPath: r.org_path,
        collectorName: r.collected_by_name ?? null,
        reason: r.reason,
        receiptNo: formatReceiptNo(r.receipt_no),
        reversed: r.reversed_by !== null,
      })),
    });
    return { filename: `danh-sach-ung-ho-${c.start_date}.xlsx`, body };
  }

  // ---- handovers ------------------------------------------------------------------------------

  /** Records a handover of collected money (or goods) to the beneficiary. */
  async addHandover(actor: Actor, id: string, input: z.infer<typeof HandoverCreate>) {
    const c = await this.manageable(actor, id);
    if (!acceptsHandovers(c.status as CampaignStatus)) {
      throw errors.conflict(
        t(
          actor,
          'chỉ ghi bàn giao khi cuộc vận động đang mở hoặc đã kết thúc',
          'handovers are recorded while the campaign is open or closed',
        ),
      );
    }
    if (c.kind === 'money' && input.amount <= 0)
      throw errors.invalidField('amount', ENTRY_PROBLEM_MESSAGES.not_positive[actor.locale], 'not_positive');
    if (input.date < c.start_date)
      throw errors.invalidField(
        'date',
        t(actor, 'Ngày bàn giao trước ngày bắt đầu cuộc vận động', 'Handover before the campaign start'),
        'before_start',
      );
    const hid = newId();
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.repo(trx).lock(c.id);
      await this.repo(trx).insertHandover({
        id: hid,
        campaign_id: c.id,
        amount: input.amount,
        handover_date: input.date,
        recipient: input.recipient,
        note: input.note ?? null,
        created_by: userRef(actor),
        created_at: nowIso(),
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'campaign_handover.create',
        entityType: 'campaign_handover',
        entityId: hid,
        orgId: c.org_id,
        before: null,
      });
    });
    return (await this.handoverViews(c)).find((h) => h.id === hid)!;
  }

  /** Attaches a document (minutes, receipt of the beneficiary, photo) to a handover. */
  async addHandoverFile(actor: Actor, id: string, handoverId: string, file: { filename: string; mimeType: string; data: Buffer }) {
    const c = await this.manageable(actor, id);
    const h = await this.repo().findHandover(c.id, handoverId);
    if (!h) throw errors.notFound();
    if (!HANDOVER_FILE_TYPES[file.mimeType])
      throw errors.invalidField(
        'file',
        t(actor, 'Chỉ nhận PDF, ảnh JPEG/PNG/WebP, DOCX hoặc XLSX', 'Only PDF, JPEG/PNG/WebP images, DOCX or XLSX'),
        'type',
      );
    if (file.data.length === 0) throw errors.invalidField('file', t(actor, 'Tệp rỗng', 'Empty file'), 'empty');
    if (file.data.length > HANDOVER_FILE_MAX_BYTES) throw new AppError('payload_too_large', 413);
    const stored = await storeFile(this.ctx.config.dataDir, file.data);
    const fid = newId();
    const name = file.filename.replace(/[\\/]/g, '_').slice(0, 200) || `tai-lieu${HANDOVER_FILE_TYPES[file.mimeType]}`;
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.repo(trx).insertHandoverFile({
        id: fid,
        handover_id: h.id,
        sha256: stored.sha256,
        name,
        mime_type: file.mimeType,
        size: stored.size,
        created_by: userRef(actor),
        created_at: nowIso(),
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'campaign_handover_file.create',
        entityType: 'campaign_handover_file',
        entityId: fid,
        orgId: c.org_id,
        before: null,
      });
    });
    return (await this.handoverViews(c)).find((x) => x.id === h.id)!;
  }

  /** A handover document, for anyone who sees the campaign. */
  async handoverFile(actor: Actor, id: string, handoverId: string, fileId: string) {
    const c = await this.visible(actor, id);
    const h = await this.repo().findHandover(c.id, handoverId);
    const f = h ? await this.repo().findHandoverFile(h.id, fileId) : undefined;
    if (!f) throw errors.notFound();
    return { filename: f.name, mimeType: f.mime_type, body: await readStoredFile(this.ctx.config.dataDir, f.sha256) };
  }

  // ---- public page ----------------------------------------------------------------------------

  /** The transparency page: totals for anyone; names only when the officer allowed them; drafts do not exist. */
  async publicView(id: string): Promise<PublicCampaign> {
    const c = await this.repo().findById(id);
    if (!c || c.status === 'draft') throw errors.notFound();
    const repo = this.repo();
    const participant = (await new OrgRepository(this.ctx.db).findById(c.participant_org_id))!;
    const [totals, byUnit, handovers, names] = await Promise.all([
      repo.totals(c.id),
      this.unitTotals(c, { id: participant.id, path: participant.path, name: participant.name, kind: participant.kind }),
      repo.handovers(c.id),
      bool(c.public_show_names) ? repo.contributorNames(c.id) : Promise.resolve(null),
    ]);
    const target = c.kind === 'money' ? c.target_amount : c.target_participants;
    return {
      id: c.id,
      title: c.title,
      purpose: c.purpose,
      beneficiary: c.beneficiary,
      orgName: c.org_name,
      kind: c.kind as CampaignKind,
      status: c.status as CampaignStatus,
      startDate: c.start_date,
      endDate: c.end_date,
      bankAccount: c.bank_account,
      collectionPoints: c.collection_points,
      targetAmount: c.target_amount === null ? null : Number(c.target_amount),
      targetParticipants: c.target_participants,
      contributed: totals.contributed,
      contributedInWords: amountInWords(Math.max(0, totals.contributed)),
      contributors: totals.contributors,
      progress: progressToward(c.kind === 'money' ? totals.contributed : totals.contributors, target === null ? null : Number(target)),
      handedOver: totals.handedOver,
      byUnit: byUnit.map((u) => ({
        orgName: u.orgName,
        contributed: u.contributed,
        contributors: u.contributors,
        members: u.members,
        participationRate: u.participationRate,
      })),
      handovers: handovers.map((h) => ({ amount: Number(h.amount), date: h.handover_date, recipient: h.recipient })),
      names,
      updatedAt: c.updated_at,
    };
  }
}

function notOpen(actor: Actor) {
  return errors.conflict(t(actor, 'cuộc vận động không ở trạng thái đang vận động', 'the campaign is not open'));
}
