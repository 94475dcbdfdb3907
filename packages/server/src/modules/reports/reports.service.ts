import {
  rangeLabel,
  removeDiacritics,
  reportFormatOf,
  reportPeriodRange,
  vietnamDate,
  type OrgKind,
  type Report,
  type ReportCreate,
  type ReportDraft,
  type ReportDraftRequest,
  type ReportFileFormat,
  type ReportKind,
  type ReportSection,
  type z,
  type ReportListQuery,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import { assertAnywhere, assertInScope, canIn, scopeOf, systemActor, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { errors } from '../../platform/errors';
import { readStoredFile, storeFile } from '../../platform/files';
import { newId } from '../../platform/ids';
import { PermanentJobError, enqueue, registerHandler, type JobContext } from '../../platform/jobs';
import { AuthRepository } from '../auth/auth.repository';
import { OrgRepository } from '../orgs/orgs.repository';
import { buildDraft, reportTitle, type DraftInput } from './reports.draft';
import { renderDocx } from './reports.docx';
import { loadFigures } from './reports.figures';
import { renderPdf } from './reports.pdf';
import { ReportRepository, type ReportView } from './reports.repository';
import { renderXlsx } from './reports.xlsx';

// Progress, status and the error move while the job runs; the audited facts are the request and the files.
registerAuditedEntity('report', { table: 'reports', booleans: [], omit: ['progress', 'status', 'error', 'updated_at'] });

export const REPORT_RENDER_JOB = 'reports.render';

/** What the request asked for, kept with the report so the job renders exactly that. */
interface StoredInput {
  sections: ReportSection[];
  numberSeq: number | null;
  issuerCode: string | undefined;
  place: string | undefined;
  signerName: string | null | undefined;
  signerPosition: string | undefined;
  recipients: string[] | undefined;
  /** Whether the requester reads the superior body (named in the header only then). */
  includeParent: boolean;
  /** The superior body as typed by the requester (upper-cased in the header). */
  superior: string | null | undefined;
  /** The date printed on the report: the day it was asked for. */
  issuedOn: string;
}

export const REPORT_MIME: Record<ReportFileFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const KIND_SHORT: Record<ReportKind, string> = { ct24: 'Bao cao CT 24-CT-TU', 'task-followup': 'Bao cao theo doi nhiem vu' };

/**
 * Official reports: a draft from live figures, then rendering to DOCX, PDF and XLSX as a durable
 * job. Reading and asking for a report of an org needs `task.read` there (404 otherwise).
 */
export class ReportService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private repo(db = this.ctx.db) {
    return new ReportRepository(db);
  }

  private async orgFor(actor: Actor, orgId: string) {
    const org = await new OrgRepository(this.ctx.db).findById(orgId);
    assertInScope(actor, 'task.read', org?.path);
    return org!;
  }

  private period(q: { period?: string | undefined; from?: string | undefined; to?: string | undefined }) {
    if (q.period) {
      const r = reportPeriodRange(q.period);
      if (!r) throw errors.invalidField('period', 'Kỳ báo cáo không hợp lệ');
      return r;
    }
    return { from: q.from!, to: q.to!, label: rangeLabel(q.from!, q.to!) };
  }

  /** Everything the draft builder needs, figures aggregated now. */
  private async draftInput(
    org: { id: string; name: string; kind: string; code: string; path: string; parent_id: string | null },
    kind: ReportKind,
    period: { from: string; to: string; label: string },
    actor: Actor,
    showParent: boolean,
    issuedOn: string,
  ): Promise<DraftInput> {
    const db = this.ctx.db;
    const [parent, headName] = await Promise.all([
      org.parent_id && showParent ? db.selectFrom('orgs').select('name').where('id', '=', org.parent_id).executeTakeFirst() : undefined,
      this.repo().headName(org.id),
    ]);
    const figures = await loadFigures(db, {
      org: { id: org.id, path: org.path, name: org.name },
      from: period.from,
      to: period.to,
      now: this.clock(),
      actor,
    });
    return {
      kind,
      org: { id: org.id, name: org.name, kind: org.kind as OrgKind, code: org.code },
      parent: parent ? { name: parent.name } : null,
      headName,
      from: period.from,
      to: period.to,
      periodLabel: period.label,
      issuedOn,
      figures,
    };
  }

  /**
   * Whether the superior body may be named in the header: only when the requester reads it (a
   * chi bộ leader who does not see the committee above types its name in `superior` instead).
   * Case and rating figures follow the dashboard's rule (included where the requester reads them).
   */
  private async parentVisible(actor: Actor, org: { parent_id: string | null }) {
    const parent = org.parent_id ? await new OrgRepository(this.ctx.db).findById(org.parent_id) : undefined;
    return !!parent && canIn(actor, 'org.read', parent.path);
  }

  /** The report drafted from live data (sections and tables), for the user to edit before rendering. */
  async draft(actor: Actor, q: ReportDraftRequest): Promise<ReportDraft> {
    const org = await this.orgFor(actor, q.orgId);
    const period = this.period(q);
    const input = await this.draftInput(org, q.kind, period, actor, await this.parentVisible(actor, org), vietnamDate(this.clock()));
    return buildDraft(input);
  }

  /** Records the report as asked (sections as edited) and queues its rendering; answers the job. */
  async create(actor: Actor, input: ReportCreate) {
    const org = await this.orgFor(actor, input.orgId);
    const period = this.period(input);
    const stored: StoredInput = {
      sections: input.sections,
      numberSeq: input.numberSeq ?? null,
      issuerCode: input.issuerCode,
      place: input.place,
      signerName: input.signerName,
      signerPosition: input.signerPosition,
      recipients: input.recipients,
      includeParent: await this.parentVisible(actor, org),
      superior: input.superior,
      issuedOn: vietnamDate(this.clock()),
    };
    const id = newId();
    const now = nowIso();
    return this.ctx.db.transaction().execute(async (trx) => {
      const job = await enqueue(trx, { type: REPORT_RENDER_JOB, payload: { reportId: id } });
      await new ReportRepository(trx).insert({
        id,
        kind: input.kind,
        format: reportFormatOf(org.kind as OrgKind),
        org_id: org.id,
        period_from: period.from,
        period_to: period.to,
        period_label: period.label,
        title: reportTitle(input.kind, period.label),
        input: JSON.stringify(stored),
        status: 'queued',
        progress: 0,
        error: null,
        job_id: job.id,
        docx_sha256: null,
        docx_size: null,
        pdf_sha256: null,
        pdf_size: null,
        xlsx_sha256: null,
        xlsx_size: null,
        created_by_user_id: actor.userId,
        created_by_name: actor.displayName,
        created_at: now,
        finished_at: null,
        version: 1,
        updated_at: now,
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'report.create',
        entityType: 'report',
        entityId: id,
        orgId: org.id,
        before: null,
      });
      return { id, jobId: job.id, status: 'queued' as const };
    });
  }

  /** Status and progress, then the download links. */
  async get(actor: Actor, id: string): Promise<Report> {
    const row = await this.repo().findById(id);
    assertInScope(actor, 'task.read', row?.org_path);
    return toReport(row!);
  }

  /** Reports of the orgs the caller reads tasks of (optionally one subtree), newest first. */
  async list(actor: Actor, q: z.infer<typeof ReportListQuery>) {
    assertAnywhere(actor, 'task.read');
    let orgPath: string | undefined;
    if (q.orgId) orgPath = (await this.orgFor(actor, q.orgId)).path;
    const { rows, total } = await this.repo().list({
      scope: scopeOf(actor, 'task.read'),
      orgPath,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toReport), total, page: q.page, pageSize: q.pageSize };
  }

  /** The bytes of one rendered file; 404 until rendered. */
  async file(actor: Actor, id: string, format: ReportFileFormat) {
    const row = await this.repo().findById(id);
    assertInScope(actor, 'task.read', row?.org_path);
    const sha = row![`${format}_sha256`];
    if (!sha) throw errors.notFound();
    return { filename: fileName(row!, format), contentType: REPORT_MIME[format], data: await readStoredFile(this.ctx.config.dataDir, sha) };
  }

  private creator(row: ReportView): Promise<Actor> {
    return creatorOf(this.ctx, row.created_by_user_id);
  }

  /** The job: aggregate, render the three files, store them, mark the report done (with the job) in one transaction. */
  async render(reportId: string, job: JobContext): Promise<void> {
    const repo = this.repo();
    const row = await repo.findById(reportId);
    if (!row || row.status === 'done') return;
    const step = (progress: number) => repo.update(reportId, { status: 'running', progress, updated_at: nowIso() });
    try {
      await step(5);
      const org = await new OrgRepository(this.ctx.db).findById(row.org_id);
      if (!org) throw new Error('org gone');
      const stored = JSON.parse(row.input) as StoredInput;
      const input = await this.draftInput(
        org,
        row.kind as ReportKind,
        { from: row.period_from.slice(0, 10), to: row.period_to.slice(0, 10), label: row.period_label },
        await this.creator(row),
        stored.includeParent,
        stored.issuedOn,
      );
      await step(30);
      const draft = buildDraft(input, stored);
      const dataDir = this.ctx.config.dataDir;
      const docx = await storeFile(dataDir, await renderDocx(draft));
      await step(55);
      const pdf = await storeFile(dataDir, await renderPdf(draft));
      await step(80);
      const xlsx = await storeFile(dataDir, await renderXlsx(draft));
      await step(95);
      await this.ctx.db.transaction().execute(async (trx) => {
        const before = await loadSnapshot(trx, 'report', reportId);
        const now = nowIso();
        await new ReportRepository(trx).update(reportId, {
          status: 'done',
          progress: 100,
          error: null,
          docx_sha256: docx.sha256,
          docx_size: docx.size,
          pdf_sha256: pdf.sha256,
          pdf_size: pdf.size,
          xlsx_sha256: xlsx.sha256,
          xlsx_size: xlsx.size,
          finished_at: now,
          updated_at: now,
          version: row.version + 1,
        });
        await this.ctx.audit.record(trx, {
          actorUserId: null,
          action: 'report.render',
          entityType: 'report',
          entityId: reportId,
          orgId: row.org_id,
          before,
        });
        await job.markDone(trx);
      });
    } catch (err) {
      // The last attempt leaves the report failed with the reason; earlier ones are retried.
      if (job.job.retryAt === null)
        await repo.update(reportId, {
          status: 'failed',
          error: err instanceof Error ? err.message.slice(0, 500) : String(err),
          updated_at: nowIso(),
        });
      throw err;
    }
  }
}

/** The requester as an actor with their current grants (figures respect their reach, as the dashboard does). */
async function creatorOf(ctx: AppContext, userId: string | null): Promise<Actor> {
  const user = userId
    ? await ctx.db.selectFrom('users').select(['id', 'username', 'person_id']).where('id', '=', userId).executeTakeFirst()
    : undefined;
  if (!user) throw new PermanentJobError('the person who asked for the report no longer has an account');
  const grants = await new AuthRepository(ctx.db).grantsOf(user.id, user.person_id);
  return { ...systemActor(), userId: user.id, username: user.username, personId: user.person_id, grants };
}

function fileName(r: ReportView, format: ReportFileFormat): string {
  return `${KIND_SHORT[r.kind as ReportKind] ?? 'Bao cao'} - ${removeDiacritics(r.period_label)} - ${r.org_name}.${format}`;
}

function toReport(r: ReportView): Report {
  const link = (format: ReportFileFormat) => {
    const size = r[`${format}_size`];
    return r[`${format}_sha256`] && size !== null
      ? { url: `/api/v1/reports/${r.id}/files/${format}`, size: Number(size), name: fileName(r, format) }
      : null;
  };
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    format: r.format as Report['format'],
    orgId: r.org_id,
    orgName: r.org_name,
    from: r.period_from.slice(0, 10),
    to: r.period_to.slice(0, 10),
    periodLabel: r.period_label,
    title: r.title,
    status: r.status,
    progress: Number(r.progress),
    error: r.error,
    jobId: r.job_id,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    finishedAt: r.finished_at,
    files: { docx: link('docx'), pdf: link('pdf'), xlsx: link('xlsx') },
  };
}

registerHandler<{ reportId: string }>(REPORT_RENDER_JOB, (payload, job) => new ReportService(job.app).render(payload.reportId, job), {
  maxAttempts: 3,
  backoffBaseMs: 10_000,
});
