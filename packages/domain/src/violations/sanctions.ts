/**
 * Sanction regimes (DOMAIN §4): which disciplinary forms apply to whom and when, kept as versioned
 * reference data with effective dates rather than hard-coded lists. A regime covers one subject
 * category on one track (Party or State) for a date range and also carries the time limits that
 * go with it (statutory decision deadline, limitation periods by severity). The defaults below are
 * what DOMAIN §4 states; entries marked `verify` could not be confirmed against an original text
 * and an administrator may replace the whole list (it is stored as a setting).
 */

export const DISCIPLINE_TRACKS = ['party', 'state'] as const;
export type DisciplineTrack = (typeof DISCIPLINE_TRACKS)[number];

/** Subject categories a regime is written for: the person categories plus the Party organisation. */
export const REGIME_CATEGORIES = ['party_full', 'party_probation', 'party_org', 'cadre', 'civil_servant', 'public_employee'] as const;
export type RegimeCategory = (typeof REGIME_CATEGORIES)[number];

export const TRACK_OF_CATEGORY: Readonly<Record<RegimeCategory, DisciplineTrack>> = {
  party_full: 'party',
  party_probation: 'party',
  party_org: 'party',
  cadre: 'state',
  civil_servant: 'state',
  public_employee: 'state',
};

export const SANCTION_FORMS = [
  'khien_trach',
  'canh_cao',
  'ha_bac_luong',
  'giang_chuc',
  'cach_chuc',
  'bai_nhiem',
  'buoc_thoi_viec',
  'khai_tru',
  'giai_tan',
] as const;
export type SanctionForm = (typeof SANCTION_FORMS)[number];

export const SANCTION_FORM_LABELS: Readonly<Record<SanctionForm, { vi: string; en: string }>> = {
  khien_trach: { vi: 'Khiển trách', en: 'Reprimand' },
  canh_cao: { vi: 'Cảnh cáo', en: 'Warning' },
  ha_bac_luong: { vi: 'Hạ bậc lương', en: 'Salary-step reduction' },
  giang_chuc: { vi: 'Giáng chức', en: 'Demotion' },
  cach_chuc: { vi: 'Cách chức', en: 'Removal from post' },
  bai_nhiem: { vi: 'Bãi nhiệm', en: 'Dismissal from elected office' },
  buoc_thoi_viec: { vi: 'Buộc thôi việc', en: 'Dismissal' },
  khai_tru: { vi: 'Khai trừ', en: 'Expulsion from the Party' },
  giai_tan: { vi: 'Giải tán', en: 'Dissolution' },
};

/**
 * Severity of a violation as both tracks grade it (ít nghiêm trọng … đặc biệt nghiêm trọng); each
 * form of a regime says which severity it answers, and limitation periods are set per severity.
 */
export const SEVERITIES = ['minor', 'serious', 'very_serious', 'extremely_serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, { vi: string; en: string }>> = {
  minor: { vi: 'Ít nghiêm trọng', en: 'Minor' },
  serious: { vi: 'Nghiêm trọng', en: 'Serious' },
  very_serious: { vi: 'Rất nghiêm trọng', en: 'Very serious' },
  extremely_serious: { vi: 'Đặc biệt nghiêm trọng', en: 'Extremely serious' },
};

export const TRACK_LABELS: Readonly<Record<DisciplineTrack, { vi: string; en: string }>> = {
  party: { vi: 'Kỷ luật Đảng', en: 'Party discipline' },
  state: { vi: 'Kỷ luật hành chính', en: 'State discipline' },
};

export const REGIME_CATEGORY_LABELS: Readonly<Record<RegimeCategory, { vi: string; en: string }>> = {
  party_full: { vi: 'Đảng viên chính thức', en: 'Full Party member' },
  party_probation: { vi: 'Đảng viên dự bị', en: 'Probationary Party member' },
  party_org: { vi: 'Tổ chức đảng', en: 'Party organisation' },
  cadre: { vi: 'Cán bộ', en: 'Cadre' },
  civil_servant: { vi: 'Công chức', en: 'Civil servant' },
  public_employee: { vi: 'Viên chức', en: 'Public employee' },
};

export interface RegimeForm {
  form: SanctionForm;
  /** Order within the regime, lightest first (1, 2, …); "one level up" follows it. */
  rank: number;
  severity: Severity;
  /** Only for someone holding a leading or managing post (cách chức, giáng chức). */
  requiresPost: boolean;
  /** How long the sanction runs (for "a new violation while a sanction runs"); null = no running period. */
  runsMonths: number | null;
}

export interface SanctionRegime {
  /** Stable id, kept on each sanction decided under it. */
  id: string;
  category: RegimeCategory;
  /** First day in force; null = since before any record the system holds. */
  effectiveFrom: string | null;
  /** Last day in force; null = still in force. */
  effectiveTo: string | null;
  source: string;
  forms: RegimeForm[];
  /** Statutory days to decide a case from its detection, and with an extension; null = none set. */
  decisionDays: number | null;
  extendedDecisionDays: number | null;
  /** Limitation period in years per severity, counted from the violation; null = no limitation. */
  limitationYears: Record<Severity, number | null>;
  /** A new violation while a sanction runs must take a form at least one level above it. */
  raiseWhileRunning: boolean;
  /** Facts not confirmed against an original text (DOMAIN marks them "verify"). */
  verify: string | null;
}

const f = (form: SanctionForm, rank: number, severity: Severity, runsMonths: number | null, requiresPost = false): RegimeForm => ({
  form,
  rank,
  severity,
  requiresPost,
  runsMonths,
});

const PARTY_LIMITATION: Record<Severity, number | null> = { minor: 5, serious: 10, very_serious: null, extremely_serious: null };
const STATE_LIMITATION_2019: Record<Severity, number | null> = { minor: 2, serious: 5, very_serious: 5, extremely_serious: 5 };
const PARTY_SOURCE = 'Điều lệ Đảng; Quy định 69-QĐ/TW (06/7/2022), sửa đổi bởi Quy định 264-QĐ/TW (14/02/2025)';
const STATE_LIMITATION_NOTE =
  'Thời hiệu 2 năm (khiển trách) / 5 năm theo Luật sửa đổi Luật CBCC và Luật VC 2019; có nguồn cho biết đã nâng lên 5 / 10 năm — cần đối chiếu văn bản gốc.';

/** The regimes DOMAIN §4 describes; the system uses them until an administrator saves a replacement. */
export const DEFAULT_SANCTION_REGIMES: readonly SanctionRegime[] = [
  {
    id: 'party-full-69',
    category: 'party_full',
    effectiveFrom: null,
    effectiveTo: null,
    source: PARTY_SOURCE,
    forms: [
      f('khien_trach', 1, 'minor', 12),
      f('canh_cao', 2, 'serious', 12),
      f('cach_chuc', 3, 'serious', 12, true),
      f('khai_tru', 4, 'very_serious', null),
    ],
    decisionDays: null,
    extendedDecisionDays: null,
    limitationYears: PARTY_LIMITATION,
    raiseWhileRunning: false,
    verify: 'Thời gian chấp hành kỷ luật Đảng (12 tháng) cần đối chiếu văn bản gốc.',
  },
  {
    id: 'party-probation-69',
    category: 'party_probation',
    effectiveFrom: null,
    effectiveTo: null,
    source: PARTY_SOURCE,
    forms: [f('khien_trach', 1, 'minor', 12), f('canh_cao', 2, 'serious', 12)],
    decisionDays: null,
    extendedDecisionDays: null,
    limitationYears: PARTY_LIMITATION,
    raiseWhileRunning: false,
    verify: 'Thời gian chấp hành kỷ luật Đảng (12 tháng) cần đối chiếu văn bản gốc.',
  },
  {
    id: 'party-org-69',
    category: 'party_org',
    effectiveFrom: null,
    effectiveTo: null,
    source: PARTY_SOURCE,
    forms: [f('khien_trach', 1, 'minor', 12), f('canh_cao', 2, 'serious', 12), f('giai_tan', 3, 'very_serious', null)],
    decisionDays: null,
    extendedDecisionDays: null,
    limitationYears: PARTY_LIMITATION,
    raiseWhileRunning: false,
    verify: null,
  },
  {
    id: 'cadre-2020',
    category: 'cadre',
    effectiveFrom: '2020-07-01',
    effectiveTo: '2025-06-30',
    source: 'Luật Cán bộ, công chức (sửa đổi 2019); Nghị định 112/2020/NĐ-CP, 71/2023/NĐ-CP',
    forms: [
      f('khien_trach', 1, 'minor', 12),
      f('canh_cao', 2, 'serious', 12),
      f('cach_chuc', 3, 'very_serious', 18),
      f('bai_nhiem', 4, 'extremely_serious', null),
    ],
    decisionDays: 90,
    extendedDecisionDays: 150,
    limitationYears: STATE_LIMITATION_2019,
    raiseWhileRunning: true,
    verify: STATE_LIMITATION_NOTE,
  },
  {
    id: 'cadre-172-2025',
    category: 'cadre',
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    source: 'Nghị định 172/2025/NĐ-CP (hiệu lực 01/7/2025)',
    forms: [
      f('khien_trach', 1, 'minor', 12),
      f('canh_cao', 2, 'serious', 12),
      f('cach_chuc', 3, 'very_serious', 18),
      f('bai_nhiem', 4, 'extremely_serious', null),
      f('buoc_thoi_viec', 5, 'extremely_serious', null),
    ],
    decisionDays: 90,
    extendedDecisionDays: 150,
    limitationYears: STATE_LIMITATION_2019,
    raiseWhileRunning: true,
    verify: `Bãi nhiệm và buộc thôi việc đối với cán bộ cần đối chiếu. ${STATE_LIMITATION_NOTE}`,
  },
  {
    id: 'civil-servant-2020',
    category: 'civil_servant',
    effectiveFrom: '2020-07-01',
    effectiveTo: '2025-06-30',
    source: 'Luật Cán bộ, công chức (sửa đổi 2019); Nghị định 112/2020/NĐ-CP, 71/2023/NĐ-CP',
    forms: [
      f('khien_trach', 1, 'minor', 12),
      f('canh_cao', 2, 'serious', 12),
      f('ha_bac_luong', 3, 'serious', 12),
      f('giang_chuc', 4, 'very_serious', 18, true),
      f('cach_chuc', 5, 'very_serious', 18, true),
      f('buoc_thoi_viec', 6, 'extremely_serious', null),
    ],
    decisionDays: 90,
    extendedDecisionDays: 150,
    limitationYears: STATE_LIMITATION_2019,
    raiseWhileRunning: true,
    verify: STATE_LIMITATION_NOTE,
  },
  {
    id: 'civil-servant-172-2025',
    category: 'civil_servant',
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    source: 'Nghị định 172/2025/NĐ-CP (hiệu lực 01/7/2025): bỏ giáng chức và hạ bậc lương',
    forms: [
      f('khien_trach', 1, 'minor', 12),
      f('canh_cao', 2, 'serious', 12),
      f('cach_chuc', 3, 'very_serious', 18, true),
      f('buoc_thoi_viec', 4, 'extremely_serious', null),
    ],
    decisionDays: 90,
    extendedDecisionDays: 150,
    limitationYears: STATE_LIMITATION_2019,
    raiseWhileRunning: true,
    verify: STATE_LIMITATION_NOTE,
  },
  {
    id: 'public-employee-2020',
    category: 'public_employee',
    effectiveFrom: '2020-07-01',
    effectiveTo: null,
    source: 'Luật Viên chức (sửa đổi 2019); Nghị định 112/2020/NĐ-CP',
    forms: [
      f('khien_trach', 1, 'minor', 12),
      f('canh_cao', 2, 'serious', 12),
      f('cach_chuc', 3, 'very_serious', 18, true),
      f('buoc_thoi_viec', 4, 'extremely_serious', null),
    ],
    decisionDays: 90,
    extendedDecisionDays: 150,
    limitationYears: STATE_LIMITATION_2019,
    raiseWhileRunning: true,
    verify: `Hình thức kỷ luật viên chức và thời hạn 90/150 ngày cần đối chiếu. ${STATE_LIMITATION_NOTE}`,
  },
];

/** A problem found in a regime list or a sanction choice: the field path and a Vietnamese message. */
export interface RuleIssue {
  path: string;
  message: string;
  code: string;
}

/** Whether a regime is in force on a date (`YYYY-MM-DD`, compared as text). */
export function regimeInForce(r: SanctionRegime, date: string): boolean {
  return (r.effectiveFrom === null || r.effectiveFrom <= date) && (r.effectiveTo === null || date <= r.effectiveTo);
}

/** The regime for a category in force on a date, or undefined when the reference data has none. */
export function regimeFor(regimes: readonly SanctionRegime[], category: RegimeCategory, date: string): SanctionRegime | undefined {
  return regimes.find((r) => r.category === category && regimeInForce(r, date));
}

/**
 * Checks a list of regimes an administrator wants to save: known categories and forms, ranks
 * 1…n without gaps, sensible dates, and no two regimes of one category in force on the same day
 * (so "the regime on a date" is always unique).
 */
export function validateRegimes(regimes: readonly SanctionRegime[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const ids = new Set<string>();
  regimes.forEach((r, i) => {
    if (ids.has(r.id)) issues.push({ path: `regimes.${i}.id`, message: 'Mã chế độ kỷ luật bị trùng', code: 'duplicate' });
    ids.add(r.id);
    if (r.effectiveFrom && r.effectiveTo && r.effectiveTo < r.effectiveFrom)
      issues.push({ path: `regimes.${i}.effectiveTo`, message: 'Ngày hết hiệu lực trước ngày có hiệu lực', code: 'invalid_range' });
    if (r.forms.length === 0) issues.push({ path: `regimes.${i}.forms`, message: 'Cần ít nhất một hình thức kỷ luật', code: 'too_small' });
    const ranks = r.forms.map((x) => x.rank).sort((a, b) => a - b);
    if (ranks.some((rank, k) => rank !== k + 1))
      issues.push({ path: `regimes.${i}.forms`, message: 'Thứ bậc hình thức phải là 1, 2, 3… không trùng', code: 'invalid_rank' });
    const forms = new Set<string>();
    r.forms.forEach((x, k) => {
      if (forms.has(x.form)) issues.push({ path: `regimes.${i}.forms.${k}.form`, message: 'Hình thức bị trùng', code: 'duplicate' });
      forms.add(x.form);
    });
    if (r.decisionDays !== null && r.extendedDecisionDays !== null && r.extendedDecisionDays < r.decisionDays)
      issues.push({
        path: `regimes.${i}.extendedDecisionDays`,
        message: 'Thời hạn kéo dài ngắn hơn thời hạn thường',
        code: 'invalid_range',
      });
    regimes.forEach((o, j) => {
      if (j >= i || o.category !== r.category) return;
      const startA = r.effectiveFrom ?? '0000-01-01';
      const endA = r.effectiveTo ?? '9999-12-31';
      const startB = o.effectiveFrom ?? '0000-01-01';
      const endB = o.effectiveTo ?? '9999-12-31';
      if (startA <= endB && startB <= endA)
        issues.push({
          path: `regimes.${i}.effectiveFrom`,
          message: `Trùng thời gian hiệu lực với chế độ ${o.id} cùng đối tượng`,
          code: 'overlap',
        });
    });
  });
  return issues;
}

/** Who a sanction is chosen for: the category on the track, and whether they hold a post. */
export interface SanctionSubject {
  category: RegimeCategory;
  holdsPost: boolean;
}

/** A sanction running when a new violation happened, for the one-level-raise rule. */
export interface RunningSanction {
  form: SanctionForm;
  regimeId: string;
  effectiveUntil: string | null;
  decisionDate: string;
}

/** The form entry of a regime, if the regime has that form. */
export function formIn(regime: SanctionRegime, form: SanctionForm): RegimeForm | undefined {
  return regime.forms.find((x) => x.form === form);
}

/** Forms a subject may receive under a regime (posts-only forms dropped for someone without a post). */
export function formsFor(regime: SanctionRegime, holdsPost: boolean): RegimeForm[] {
  return [...regime.forms].filter((x) => holdsPost || !x.requiresPost).sort((a, b) => a.rank - b.rank);
}

/**
 * "One form per decision: the highest" — for several violations decided together, the form of
 * the highest rank in the regime. Forms the regime does not know are ignored.
 */
export function highestForm(regime: SanctionRegime, forms: readonly SanctionForm[]): SanctionForm | undefined {
  let best: RegimeForm | undefined;
  for (const form of forms) {
    const entry = formIn(regime, form);
    if (entry && (!best || entry.rank > best.rank)) best = entry;
  }
  return best?.form;
}

/**
 * "A new violation while a sanction runs raises it one level": the next form above `running`
 * that the subject can receive under `regime` (matched by rank when the running form was decided
 * under an earlier regime that no longer has it). The top form stays the top form.
 */
export function raiseOneLevel(regime: SanctionRegime, running: SanctionForm, holdsPost: boolean, runningRank?: number): SanctionForm {
  const available = formsFor(regime, holdsPost);
  const top = available[available.length - 1]!;
  const current = formIn(regime, running);
  const rank = current?.rank ?? runningRank ?? 0;
  return available.find((x) => x.rank > rank)?.form ?? top.form;
}

/** Whether a sanction is still running on a date. */
export function sanctionRunsOn(s: RunningSanction, date: string): boolean {
  return s.decisionDate <= date && s.effectiveUntil !== null && date <= s.effectiveUntil;
}

/**
 * Checks a chosen form against the regime in force on the decision date: the form must belong
 * to it (abolished forms only for earlier decisions), posts-only forms need a post, and where
 * the regime says so a violation committed while another sanction runs takes at least one level
 * more. Returns the issues (empty = allowed) with paths relative to the sanction input.
 */
export function checkSanction(input: {
  regimes: readonly SanctionRegime[];
  subject: SanctionSubject;
  form: SanctionForm;
  decisionDate: string;
  violationDate: string | null;
  running: readonly (RunningSanction & { rank?: number })[];
}): { regime: SanctionRegime | undefined; issues: RuleIssue[]; minimumForm: SanctionForm | undefined } {
  const { regimes, subject, form, decisionDate } = input;
  const regime = regimeFor(regimes, subject.category, decisionDate);
  const label = REGIME_CATEGORY_LABELS[subject.category].vi.toLowerCase();
  if (!regime) {
    return {
      regime,
      minimumForm: undefined,
      issues: [{ path: 'category', message: `Không có chế độ kỷ luật cho ${label} vào ngày ${decisionDate}`, code: 'no_regime' }],
    };
  }
  const entry = formIn(regime, form);
  if (!entry) {
    return {
      regime,
      minimumForm: undefined,
      issues: [
        {
          path: 'form',
          message: `Hình thức "${SANCTION_FORM_LABELS[form].vi}" không áp dụng cho ${label} theo ${regime.source} (ngày quyết định ${decisionDate})`,
          code: 'form_not_in_regime',
        },
      ],
    };
  }
  const issues: RuleIssue[] = [];
  if (entry.requiresPost && !subject.holdsPost)
    issues.push({
      path: 'form',
      message: `Hình thức "${SANCTION_FORM_LABELS[form].vi}" chỉ áp dụng với người giữ chức vụ lãnh đạo, quản lý`,
      code: 'requires_post',
    });
  let minimumForm: SanctionForm | undefined;
  const onDate = input.violationDate ?? decisionDate;
  const runningNow = input.running.filter((s) => sanctionRunsOn(s, onDate));
  if (runningNow.length > 0) {
    const raised = runningNow.map((s) => raiseOneLevel(regime, s.form, subject.holdsPost, s.rank));
    minimumForm = highestForm(regime, raised);
    const min = minimumForm ? formIn(regime, minimumForm) : undefined;
    if (regime.raiseWhileRunning && min && entry.rank < min.rank)
      issues.push({
        path: 'form',
        message: `Vi phạm mới trong thời gian đang chấp hành kỷ luật: phải áp dụng hình thức nặng hơn một mức, ít nhất là "${SANCTION_FORM_LABELS[min.form].vi}"`,
        code: 'raise_required',
      });
  }
  return { regime, issues, minimumForm };
}
