import {
  FLAG_LABELS,
  RATING_LEVEL_LABELS,
  SANCTION_FORM_LABELS,
  checkExcellentQuota,
  computeScore,
  levelRank,
  nextEvaluationStatus,
  parsePeriod,
  partyRating,
  reprimandedTwiceInTerm,
  sanctionCountsForYear,
  taskPart,
  twoYearsNotCompleted,
  type EvaluationDetail,
  type EvaluationStatus,
  type EvaluationStep,
  type EvaluationSummary,
  type EvaluationTrack,
  type Flag,
  type RatingLevel,
  type SanctionForm,
  type ScoredTaskInput,
  type z,
  type ApproveBody,
  type EvaluationCycleBody,
  type EvaluationListQuery,
  type ProposalBody,
  type SelfAssessmentBody,
  type TaskAdjustment,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import type { EvaluationsTable } from '../../db/schema';
import { bool, nowIso } from '../../db/dialect';
import { assertInScope, canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { DisciplineRepository } from '../discipline/discipline.repository';
import { EvaluationRepository, type EvaluationView, type ScoredTaskRow } from './evaluations.repository';

registerAuditedEntity('evaluation', { table: 'evaluations', booleans: ['is_manager'] });

type Adjustment = z.infer<typeof TaskAdjustment>;
type Detail = EvaluationDetail;
type TaskLine = Detail['tasks'][number];

/** Everything computed for one evaluation: what the person sees behind their level. */
interface Computed {
  score: EvaluationSummary['score'];
  level: RatingLevel | null;
  tasks: TaskLine[];
  totalWeight: number;
  unit: Detail['unit'];
  sanctions: Detail['sanctions'];
}

const vi = (actor: Actor, v: string, e: string) => (actor.locale === 'en' ? e : v);

function adjustmentsOf(e: EvaluationView): Adjustment[] {
  return JSON.parse(e.task_adjustments) as Adjustment[];
}

function scoredInput(t: ScoredTaskRow, adj: Adjustment | undefined): ScoredTaskInput {
  const done = t.status === 'done';
  return {
    taskId: t.id,
    title: t.title,
    weight: Number(t.weight),
    done,
    qualityAccepted: t.quality_accepted === null ? null : bool(t.quality_accepted),
    delays: t.delay_count,
    completedLate: done && t.due_date !== null && t.completed_on !== null && t.completed_on > t.due_date,
    lateObjective: adj?.lateObjective ?? false,
    majorErrors: adj?.majorErrors ?? 0,
    objectiveErrors: adj?.objectiveErrors ?? 0,
  };
}

const EMPTY_SCORE: EvaluationSummary['score'] = {
  quantityPercent: null,
  qualityPercent: null,
  timelinessPercent: null,
  ownPercent: null,
  unitPercent: null,
  unitCapped: false,
  taskPoints: null,
  generalPoints: null,
  total: null,
  bandLevel: null,
  automatic: null,
};

/**
 * Evaluation of people (issue 5): periods per person and unit, the NĐ 335/2025 score computed from
 * the period's tasks, the Party-member rating, the steps self-assessment → proposal → approval and
 * the history with the Quy định 41-QĐ/TW flags.
 */
export class EvaluationService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db = this.ctx.db) {
    return new EvaluationRepository(db);
  }

  /**
   * Computes evaluations of one period in a batch: one query for all people's tasks, one for
   * sanctions, and per manager one for the unit's tasks and one for subordinates' levels.
   */
  async computeBatch(evals: readonly EvaluationView[], repo = this.repo()): Promise<Map<string, Computed>> {
    const out = new Map<string, Computed>();
    if (evals.length === 0) return out;
    const from = evals.reduce((m, e) => (e.period_from < m ? e.period_from : m), evals[0]!.period_from);
    const to = evals.reduce((m, e) => (e.period_to > m ? e.period_to : m), evals[0]!.period_to);
    const years = evals.map((e) => e.year);
    const personIds = [...new Set(evals.map((e) => e.person_id))];
    const stateIds = [...new Set(evals.filter((e) => e.track === 'state').map((e) => e.person_id))];
    const [tasks, sanctions] = await Promise.all([
      repo.tasksOfPeople(stateIds, from, to),
      repo.sanctionsOf(personIds, `${Math.min(...years)}-01-01`, `${Math.max(...years)}-12-31`),
    ]);
    for (const e of evals) {
      const mySanctions = sanctions
        .filter((s) => s.subject_person_id === e.person_id && s.decision_date.slice(0, 4) === String(e.year))
        .map((s) => {
          const track = s.track as 'party' | 'state';
          const counts = e.track === 'state' ? sanctionCountsForYear({ track, rank: s.rank }) : track === 'party';
          return {
            track,
            form: s.form,
            formLabel: SANCTION_FORM_LABELS[s.form as SanctionForm]?.vi ?? s.form,
            decisionDate: s.decision_date,
            counts,
          };
        });
      const sanctioned = mySanctions.some((s) => s.counts);
      if (e.track === 'party') {
        const proposed = e.proposed_level as RatingLevel | null;
        const r = proposed ? partyRating(proposed, sanctioned) : null;
        out.set(e.id, {
          score: { ...EMPTY_SCORE, automatic: sanctioned ? 'party_sanction_in_year' : null },
          level: r ? r.level : null,
          tasks: [],
          totalWeight: 0,
          unit: null,
          sanctions: mySanctions,
        });
        continue;
      }
      const adjustments = new Map(adjustmentsOf(e).map((a) => [a.taskId, a]));
      const rows = tasks.filter(
        (t) =>
          t.lead_person_id === e.person_id &&
          (t.due_date !== null
            ? t.due_date >= e.period_from && t.due_date <= e.period_to
            : t.completed_on! >= e.period_from && t.completed_on! <= e.period_to),
      );
      const inputs = rows.map((t) => scoredInput(t, adjustments.get(t.id)));
      const own = taskPart(inputs);
      let manager: Parameters<typeof computeScore>[0]['manager'] = null;
      let unit: Detail['unit'] = null;
      if (bool(e.is_manager)) {
        const [unitTasks, levels] = await Promise.all([
          repo.tasksOfUnit(e.org_path, e.period_from, e.period_to),
          repo.levelsUnder(e.org_path, e.period_key, 'state'),
        ]);
        const unitPart = taskPart(unitTasks.map((t) => scoredInput(t, undefined)));
        const failing = levels.filter((l) => l.person_id !== e.person_id && l.level === 'khong_hoan_thanh');
        manager = { unit: unitPart, subordinateNotCompleted: failing.length > 0 };
        unit = {
          orgId: e.org_id,
          orgName: e.org_name,
          taskCount: unitTasks.length,
          percent: unitPart.percent,
          subordinateNotCompleted: failing.map((l) => ({ personId: l.person_id, personName: l.person_name })),
        };
      }
      const s = computeScore({
        own,
        manualTaskPercent: e.manual_task_percent,
        manager,
        generalPoints: e.general_points,
        sanctionedInYear: sanctioned,
      });
      // The leader may lower the computed level (e.g. to respect the quota), never raise it.
      const proposed = e.proposed_level as RatingLevel | null;
      const level = s.level && proposed && levelRank(proposed) < levelRank(s.level) ? proposed : s.level;
      out.set(e.id, {
        score: {
          quantityPercent: own.quantityPercent,
          qualityPercent: own.qualityPercent,
          timelinessPercent: own.timelinessPercent,
          ownPercent: s.ownPercent,
          unitPercent: s.unitPercent,
          unitCapped: s.unitCapped,
          taskPoints: s.taskPoints,
          generalPoints: s.generalPoints,
          total: s.total,
          bandLevel: s.bandLevel,
          automatic: s.automatic,
        },
        level,
        tasks: own.lines.map((l, i) => {
          const row = rows.find((r) => r.id === l.taskId)!;
          const inp = inputs[i]!;
          return {
            taskId: l.taskId,
            title: l.title,
            weight: l.weight,
            done: l.done,
            dueDate: row.due_date,
            completedOn: row.completed_on,
            qualityAccepted: inp.qualityAccepted,
            delays: inp.delays,
            completedLate: inp.completedLate,
            majorErrors: inp.majorErrors,
            objectiveErrors: inp.objectiveErrors,
            lateObjective: inp.lateObjective,
            quantity: l.quantity,
            quality: l.quality,
            timeliness: l.timeliness,
            deductions: l.deductions,
          };
        }),
        totalWeight: own.totalWeight,
        unit,
        sanctions: mySanctions,
      });
    }
    return out;
  }

  private frozen(e: EvaluationView): Computed | null {
    return e.status === 'approved' && e.breakdown ? (JSON.parse(e.breakdown) as Computed) : null;
  }

  private summary(e: EvaluationView, c: Computed | undefined): EvaluationSummary {
    const f = this.frozen(e) ?? c;
    return {
      id: e.id,
      personId: e.person_id,
      personName: e.person_name,
      orgId: e.org_id,
      orgName: e.org_name,
      track: e.track as EvaluationTrack,
      period: e.period_key,
      periodKind: e.period_kind as EvaluationSummary['periodKind'],
      from: e.period_from,
      to: e.period_to,
      status: e.status as EvaluationStatus,
      isManager: bool(e.is_manager),
      quotaGroup: e.quota_group,
      selfLevel: e.self_level as RatingLevel | null,
      proposedLevel: e.proposed_level as RatingLevel | null,
      level: e.status === 'approved' ? (e.level as RatingLevel | null) : (f?.level ?? null),
      score: f?.score ?? EMPTY_SCORE,
      approvedAt: e.approved_at,
      version: e.version,
    };
  }

  /** The evaluations of a unit for a period, the quota of each group and the members not yet in the cycle. */
  async list(actor: Actor, q: z.infer<typeof EvaluationListQuery>) {
    const period = parsePeriod(q.period);
    if (!period) throw errors.invalidField('period', vi(actor, 'Kỳ đánh giá không hợp lệ', 'Invalid period'));
    const repo = this.repo();
    const org = await repo.org(q.orgId);
    assertInScope(actor, 'evaluation.read', org?.path);
    const [evals, members] = await Promise.all([repo.ofOrg(org!.id, period.key, q.track), repo.membersOf(org!.id)]);
    const computed = await this.computeBatch(evals, repo);
    const items = evals.map((e) => this.summary(e, computed.get(e.id)));
    const groups = [...new Set(items.map((i) => i.quotaGroup))].sort();
    const evaluated = new Set(evals.map((e) => e.person_id));
    return {
      org: { id: org!.id, name: org!.name },
      period: period.key,
      track: q.track,
      items,
      quota: groups.map((g) => ({ group: g, ...checkExcellentQuota(items.filter((i) => i.quotaGroup === g).map((i) => i.level)) })),
      notOpened: members.filter((m) => !evaluated.has(m.person_id)).map((m) => ({ personId: m.person_id, personName: m.full_name })),
      canManage: canIn(actor, 'evaluation.manage', org!.path),
    };
  }

  /** Opens the period for every member of a unit who has no evaluation yet (idempotent). */
  async openCycle(actor: Actor, body: z.infer<typeof EvaluationCycleBody>) {
    const period = parsePeriod(body.period);
    if (!period) throw errors.invalidField('period', vi(actor, 'Kỳ đánh giá không hợp lệ', 'Invalid period'));
    const repo = this.repo();
    const org = await repo.org(body.orgId);
    assertInScope(actor, 'evaluation.read', org?.path);
    if (!canIn(actor, 'evaluation.manage', org!.path)) throw errors.forbidden();
    const [members, existing] = await Promise.all([repo.membersOf(org!.id), repo.ofOrg(org!.id, period.key, body.track)]);
    const have = new Set(existing.map((e) => e.person_id));
    const now = nowIso();
    let created = 0;
    let skipped = 0;
    await this.ctx.db.transaction().execute(async (trx) => {
      const r = this.repo(trx);
      for (const m of members) {
        if (have.has(m.person_id)) continue;
        // One rating per person, track and period: a member of two units is rated in the first that opens it.
        const taken = await trx
          .selectFrom('evaluations')
          .select('id')
          .where('person_id', '=', m.person_id)
          .where('track', '=', body.track)
          .where('period_key', '=', period.key)
          .executeTakeFirst();
        if (taken) {
          skipped++;
          continue;
        }
        const id = newId();
        await r.insert({
          id,
          person_id: m.person_id,
          org_id: org!.id,
          track: body.track,
          period_key: period.key,
          period_kind: period.kind,
          period_from: period.from,
          period_to: period.to,
          year: period.year,
          status: 'open',
          is_manager: bool(m.is_head) || bool(m.is_deputy),
          quota_group: body.quotaGroup,
          self_level: null,
          self_text: null,
          self_at: null,
          general_points: null,
          manual_task_percent: null,
          task_adjustments: '[]',
          proposed_level: null,
          proposal_note: null,
          proposed_by_user_id: null,
          proposed_by_name: null,
          proposed_at: null,
          level: null,
          total: null,
          breakdown: null,
          approved_by_user_id: null,
          approved_by_name: null,
          approved_at: null,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'evaluation.open',
          entityType: 'evaluation',
          entityId: id,
          orgId: org!.id,
          before: null,
        });
        created++;
      }
    });
    return { created, existing: have.size + skipped };
  }

  /** An evaluation the actor may read: their own, or one of a unit in their evaluation.read scope. */
  private async loadReadable(actor: Actor, id: string): Promise<EvaluationView> {
    const e = await this.repo().findById(id);
    if (!e) throw errors.notFound();
    if (e.person_id !== actor.personId) assertInScope(actor, 'evaluation.read', e.org_path);
    return e;
  }

  private allowedSteps(actor: Actor, e: EvaluationView): EvaluationStep[] {
    const status = e.status as EvaluationStatus;
    const steps: EvaluationStep[] = [];
    if (actor.personId === e.person_id && nextEvaluationStatus(status, 'self_assess')) steps.push('self_assess');
    if (actor.personId !== e.person_id && canIn(actor, 'evaluation.manage', e.org_path)) {
      if (nextEvaluationStatus(status, 'propose')) steps.push('propose');
      if (nextEvaluationStatus(status, 'approve')) steps.push('approve');
    }
    return steps;
  }

  private async flagsOf(personId: string, onDate: string): Promise<Detail['flags']> {
    const [yearly, sanctions] = await Promise.all([
      this.repo().yearlyLevels(personId),
      new DisciplineRepository(this.ctx.db).ofPerson(personId),
    ]);
    const flags = [
      twoYearsNotCompleted(yearly.filter((y) => y.level).map((y) => ({ year: y.year, level: y.level as RatingLevel }))),
      reprimandedTwiceInTerm(
        sanctions.map((s) => ({ form: s.form, decisionDate: s.decision_date })),
        onDate,
      ),
    ].filter((f): f is Flag => f !== null);
    return flags.map((f) => ({ code: f.code, label: FLAG_LABELS[f.code].vi, evidence: f.evidence }));
  }

  /** One evaluation with every number behind it (frozen once approved). */
  async get(actor: Actor, id: string): Promise<Detail> {
    const e = await this.loadReadable(actor, id);
    const c = this.frozen(e) ?? (await this.computeBatch([e])).get(e.id)!;
    const today = nowIso().slice(0, 10);
    return {
      ...this.summary(e, c),
      selfText: e.self_text,
      selfAt: e.self_at,
      manualTaskPercent: e.manual_task_percent,
      proposalNote: e.proposal_note,
      proposedAt: e.proposed_at,
      proposedBy: e.proposed_by_name,
      approvedBy: e.approved_by_name,
      tasks: c.tasks,
      totalWeight: c.totalWeight,
      unit: c.unit,
      sanctions: c.sanctions,
      flags: await this.flagsOf(e.person_id, e.period_to < today ? e.period_to : today),
      allowedSteps: this.allowedSteps(actor, e),
    };
  }

  /** A person's ratings over time (their own: all; another's: those of units in the reader's scope), with the flags. */
  async history(actor: Actor, personId: string | undefined) {
    const pid = personId ?? actor.personId;
    if (!pid) throw errors.notFound();
    const repo = this.repo();
    const person = await repo.person(pid);
    if (!person) throw errors.notFound();
    const own = pid === actor.personId;
    const scope = scopeOf(actor, 'evaluation.read');
    if (!own && !(await repo.personInScope(pid, scope))) throw errors.notFound();
    const rows = await repo.history(pid, own ? null : scope);
    return {
      personId: pid,
      personName: person.full_name,
      items: rows.map((e) => this.summary(e, undefined)),
      flags: await this.flagsOf(pid, nowIso().slice(0, 10)),
    };
  }

  /** Runs one step under the version check, recomputes the level, writes the change and its audit record. */
  private async step(
    actor: Actor,
    id: string,
    version: number,
    step: EvaluationStep,
    patch: (e: EvaluationView) => Partial<EvaluationsTable>,
    check?: (e: EvaluationView, c: Computed, repo: EvaluationRepository) => Promise<void>,
  ) {
    const current = await this.loadReadable(actor, id);
    if (step === 'self_assess') {
      if (actor.personId !== current.person_id) throw errors.forbidden();
    } else {
      if (!canIn(actor, 'evaluation.manage', current.org_path)) throw errors.forbidden();
      // Nobody proposes or approves their own rating.
      if (actor.personId === current.person_id) throw errors.forbidden();
    }
    const next = nextEvaluationStatus(current.status as EvaluationStatus, step);
    if (!next)
      throw errors.conflict(
        vi(actor, 'Bước này không thực hiện được ở trạng thái hiện tại', 'This step is not allowed in the current status'),
      );
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await loadSnapshot(trx, 'evaluation', id);
      const fields = patch(current);
      const changed: EvaluationView = { ...current, ...fields, status: next };
      const c = (await this.computeBatch([changed], repo)).get(id)!;
      if (check) await check(changed, c, repo);
      const now = nowIso();
      const ok = await repo.update(id, version, {
        ...fields,
        status: next,
        level: c.level,
        total: c.score.total,
        ...(next === 'approved'
          ? { breakdown: JSON.stringify(c), approved_by_user_id: actor.userId, approved_by_name: actor.displayName, approved_at: now }
          : {}),
        updated_at: now,
      });
      if (!ok) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: `evaluation.${step}`,
        entityType: 'evaluation',
        entityId: id,
        orgId: current.org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  /** The person's own assessment (level and text); revisable until the leader proposes. */
  selfAssess(actor: Actor, id: string, body: z.infer<typeof SelfAssessmentBody>) {
    return this.step(actor, id, body.version, 'self_assess', () => ({ self_level: body.level, self_text: body.text, self_at: nowIso() }));
  }

  /** The leader's proposal: general points, major errors per task, a lowered level (or the Party level). */
  async propose(actor: Actor, id: string, body: z.infer<typeof ProposalBody>) {
    return this.step(
      actor,
      id,
      body.version,
      'propose',
      (e) => ({
        general_points: e.track === 'state' ? (body.generalPoints ?? null) : null,
        manual_task_percent: e.track === 'state' ? (body.manualTaskPercent ?? null) : null,
        task_adjustments: JSON.stringify(body.taskAdjustments),
        proposed_level: body.level ?? null,
        quota_group: body.quotaGroup ?? e.quota_group,
        proposal_note: body.note ?? null,
        proposed_by_user_id: actor.userId,
        proposed_by_name: actor.displayName,
        proposed_at: nowIso(),
      }),
      async (e, c) => {
        if (e.track === 'party') {
          if (!body.level) throw errors.invalidField('level', vi(actor, 'Chọn mức xếp loại', 'Choose a level'), 'required');
          return;
        }
        if (body.generalPoints === null || body.generalPoints === undefined)
          throw errors.invalidField(
            'generalPoints',
            vi(actor, 'Nhập điểm tiêu chí chung (0–30)', 'Enter the general points (0–30)'),
            'required',
          );
        const known = new Set(c.tasks.map((t) => t.taskId));
        body.taskAdjustments.forEach((a, i) => {
          if (!known.has(a.taskId))
            throw errors.invalidField(
              `taskAdjustments.${i}.taskId`,
              vi(actor, 'Nhiệm vụ không thuộc kỳ đánh giá', 'Task not in the period'),
            );
          if (a.objectiveErrors > a.majorErrors)
            throw errors.invalidField(
              `taskAdjustments.${i}.objectiveErrors`,
              vi(actor, 'Số lỗi do khách quan không vượt quá số lỗi lớn', 'Objective errors cannot exceed major errors'),
            );
        });
        if (c.tasks.length > 0 && body.manualTaskPercent !== null && body.manualTaskPercent !== undefined)
          throw errors.invalidField(
            'manualTaskPercent',
            vi(actor, 'Chỉ nhập tay khi không có nhiệm vụ nào trong kỳ', 'Only when no task was assigned in the period'),
          );
        if (c.tasks.length === 0 && (body.manualTaskPercent === null || body.manualTaskPercent === undefined))
          throw errors.invalidField(
            'manualTaskPercent',
            vi(actor, 'Không có nhiệm vụ trong kỳ: nhập tỷ lệ kết quả công việc', 'No task in the period: enter the task percentage'),
            'required',
          );
        const computed = c.score.automatic ? 'khong_hoan_thanh' : c.score.bandLevel;
        if (body.level && computed && levelRank(body.level) > levelRank(computed))
          throw errors.invalidField(
            'level',
            vi(
              actor,
              `Không được đề xuất cao hơn mức tính theo điểm (${RATING_LEVEL_LABELS[computed].vi})`,
              `Cannot propose above the computed level (${RATING_LEVEL_LABELS[computed].en})`,
            ),
          );
      },
    );
  }

  /** Approval: the level and breakdown are frozen; "xuất sắc" beyond the group's quota is refused (409). */
  async approve(actor: Actor, id: string, body: z.infer<typeof ApproveBody>) {
    return this.step(
      actor,
      id,
      body.version,
      'approve',
      () => ({}),
      // Inside the transaction (SQLite has one connection: a query outside it would wait for ever).
      async (e, c, repo) => {
        if (c.level === null) throw errors.conflict(vi(actor, 'Chưa đủ dữ liệu để xếp loại', 'The rating is not complete'));
        if (c.level !== 'xuat_sac') return;
        const others = await repo.quotaGroupLevels(e.org_id, e.period_key, e.track, e.quota_group);
        const levels = others.map((o) => (o.id === e.id ? c.level : (o.level as RatingLevel | null)));
        const q = checkExcellentQuota(levels);
        if (q.exceeded)
          throw new AppError('conflict', 409, {
            detail: vi(
              actor,
              `Vượt tỷ lệ "xuất sắc": tối đa ${q.allowed} trên ${q.good} người hoàn thành tốt trong nhóm "${e.quota_group}"`,
              `Over the "excellent" quota: at most ${q.allowed} for ${q.good} rated good in group "${e.quota_group}"`,
            ),
          });
      },
    );
  }
}
