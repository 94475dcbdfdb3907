/**
 * The report as a draft: the header (bodies, number, place and date), the narrative sections
 * written from the live figures (the user edits them before rendering), the tables and the
 * signature block. Pure: figures and org facts in, a `ReportDraft` out.
 */
import {
  OUTCOME_CLASSES,
  OUTCOME_LABELS,
  RATING_LEVELS,
  RATING_LEVEL_LABELS,
  REPORT_KIND_LABELS,
  defaultIssuerCode,
  defaultSignerPosition,
  headingCase,
  placeDateLine,
  reportFormatOf,
  reportNumberLine,
  signAuthorityLine,
  type OrgKind,
  type ReportDraft,
  type ReportKind,
  type ReportSection,
  type ReportTable,
} from '@kycuong/domain';
import type { ReportFigures, TaskCounts } from './reports.figures';

export interface DraftInput {
  kind: ReportKind;
  org: { id: string; name: string; kind: OrgKind; code: string };
  parent: { name: string } | null;
  /** Head of the org (signer by default). */
  headName: string | null;
  from: string;
  to: string;
  periodLabel: string;
  /** The date printed on the report. */
  issuedOn: string;
  figures: ReportFigures;
}

export interface DraftOptions {
  numberSeq?: number | null | undefined;
  issuerCode?: string | undefined;
  place?: string | undefined;
  signerName?: string | null | undefined;
  signerPosition?: string | undefined;
  recipients?: string[] | undefined;
  sections?: ReportSection[] | undefined;
  /** The superior body as typed by the user (when the draft could not name it, or to correct it). */
  superior?: string | null | undefined;
}

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toLocaleString('vi-VN')}%`);
const num = (v: number) => v.toLocaleString('vi-VN');
/** dd/mm/yyyy with the leading zero rule of NĐ 30 (months 1 and 2 only). */
const dmy = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${String(d).padStart(2, '0')}/${m < 3 ? `0${m}` : m}/${y}`;
};

function taskSentence(who: string, t: TaskCounts, periodLabel: string): string {
  if (t.total === 0) return `Trong ${periodLabel}, ${who} không có nhiệm vụ đến hạn được theo dõi trên hệ thống.`;
  const done = t.byOutcome.done_on_time + t.byOutcome.done_late;
  const open = t.byOutcome.open_in_time + t.byOutcome.open_overdue;
  return (
    `Trong ${periodLabel}, ${who} được theo dõi ${num(t.total)} nhiệm vụ đến hạn; đã hoàn thành ${num(done)} nhiệm vụ ` +
    `(đúng hạn ${num(t.byOutcome.done_on_time)}, quá hạn ${num(t.byOutcome.done_late)}); chưa hoàn thành ${num(open)} nhiệm vụ ` +
    `(trong hạn ${num(t.byOutcome.open_in_time)}, quá hạn ${num(t.byOutcome.open_overdue)}). ` +
    `Tỷ lệ hoàn thành đúng hạn đạt ${pct(t.onTimeRate)}. ` +
    `Có ${num(t.notUpdated)} nhiệm vụ chưa cập nhật tiến độ; đã đôn đốc ${num(t.reminders)} lượt đối với ${num(t.remindedTasks)} nhiệm vụ, ` +
    `${num(t.escalated)} nhiệm vụ phải báo cáo cấp trên do quá hạn sau nhiều lần đôn đốc.`
  );
}

function unitSentence(f: ReportFigures): string {
  const ranked = f.units.filter((u) => u.onTimeRate !== null && !u.own).sort((a, b) => (b.onTimeRate ?? 0) - (a.onTimeRate ?? 0));
  if (ranked.length === 0) return 'Chưa có đơn vị trực thuộc có nhiệm vụ đến hạn trong kỳ.';
  const best = ranked[0]!;
  const worst = ranked[ranked.length - 1]!;
  const overdue = f.units.filter((u) => u.byOutcome.open_overdue > 0).sort((a, b) => b.byOutcome.open_overdue - a.byOutcome.open_overdue);
  let s = `Đơn vị có tỷ lệ hoàn thành đúng hạn cao nhất: ${best.orgName} (${pct(best.onTimeRate)})`;
  if (worst !== best) s += `; thấp nhất: ${worst.orgName} (${pct(worst.onTimeRate)})`;
  s += '.';
  if (overdue.length > 0)
    s += ` Còn nhiệm vụ quá hạn chưa hoàn thành tại: ${overdue
      .slice(0, 5)
      .map((u) => `${u.orgName} (${num(u.byOutcome.open_overdue)})`)
      .join(', ')}.`;
  return s;
}

function signalSentence(f: ReportFigures): string {
  if (f.signals.length === 0)
    return 'Trong kỳ, hệ thống không ghi nhận dấu hiệu né tránh, đùn đẩy, thiếu trách nhiệm trong giải quyết công việc.';
  return `Hệ thống ghi nhận dấu hiệu né tránh, đùn đẩy, thiếu trách nhiệm ở ${f.signals
    .map((s) => `${num(s.tasks)} nhiệm vụ (${s.label.toLowerCase()})`)
    .join('; ')}. Các trường hợp này đã được đưa vào diện theo dõi, yêu cầu giải trình.`;
}

function caseSentence(f: ReportFigures): string {
  if (!f.cases) return '[Bổ sung kết quả kiểm tra, giám sát và xử lý vi phạm.]';
  if (f.cases.total === 0) return 'Trong kỳ, không tiếp nhận vụ việc vi phạm kỷ cương, kỷ luật mới.';
  const groups = f.cases.byGroup.filter((g) => g.count > 0);
  return `Trong kỳ, tiếp nhận ${num(f.cases.total)} vụ việc vi phạm kỷ cương, kỷ luật${
    groups.length ? `; theo nhóm biểu hiện: ${groups.map((g) => `${g.title.toLowerCase()} ${num(g.count)}`).join('; ')}` : ''
  }.`;
}

function disseminationSentence(f: ReportFigures): string {
  if (!f.dissemination) return '';
  return ` Công tác quán triệt: ${num(f.dissemination.reached)}/${num(f.dissemination.expected)} lượt cán bộ, đảng viên đã được quán triệt (${pct(
    f.dissemination.rate,
  )}).`;
}

const PLACEHOLDER = (what: string) => `[Đơn vị bổ sung ${what}.]`;

/** The narrative sections drafted from the figures. */
export function draftSections(d: DraftInput): ReportSection[] {
  const f = d.figures;
  const who = d.org.name;
  if (d.kind === 'ct24') {
    const docs =
      f.implementing.length === 0
        ? 'Chưa có văn bản triển khai Chỉ thị được ghi nhận trên hệ thống trong phạm vi đơn vị.'
        : `Đã ban hành ${num(f.implementing.length)} văn bản triển khai: ${f.implementing
            .map((x) => `${x.number ? `số ${x.number}` : 'văn bản'}${x.issuedOn ? ` ngày ${dmy(x.issuedOn)}` : ''} (${x.title})`)
            .join('; ')}.`;
    const groups =
      f.directiveGroups.length === 0
        ? ''
        : ` Các nhóm nhiệm vụ triển khai Chỉ thị: ${f.directiveGroups
            .map((g) => `${g.group}: ${num(g.total)} nhiệm vụ, đã hoàn thành ${num(g.byOutcome.done_on_time + g.byOutcome.done_late)}`)
            .join('; ')}.`;
    return [
      {
        key: 'leadership',
        heading: 'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, QUÁN TRIỆT, TUYÊN TRUYỀN',
        text: `${docs}${groups}${disseminationSentence(f)}`,
      },
      {
        key: 'tasks',
        heading: 'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO',
        text: `${taskSentence(who, f.tasks, d.periodLabel)} ${unitSentence(f)}`,
      },
      { key: 'shirking', heading: 'III. NHẬN DIỆN BIỂU HIỆN NÉ TRÁNH, ĐÙN ĐẨY, THIẾU TRÁCH NHIỆM', text: signalSentence(f) },
      { key: 'inspection', heading: 'IV. KIỂM TRA, GIÁM SÁT VÀ XỬ LÝ VI PHẠM', text: caseSentence(f) },
      { key: 'assessment', heading: 'V. ĐÁNH GIÁ CHUNG', text: PLACEHOLDER('đánh giá ưu điểm, hạn chế và nguyên nhân') },
      {
        key: 'next',
        heading: 'VI. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI VÀ KIẾN NGHỊ',
        text: PLACEHOLDER('phương hướng, nhiệm vụ kỳ tới và kiến nghị, đề xuất'),
      },
    ];
  }
  const overdue =
    f.overdueTasks.length === 0
      ? 'Không có nhiệm vụ quá hạn chưa hoàn thành.'
      : `Có ${num(f.tasks.byOutcome.open_overdue)} nhiệm vụ quá hạn chưa hoàn thành (danh sách tại Phụ lục), trong đó ${num(
          f.overdueTasks.filter((t) => t.escalated).length,
        )} nhiệm vụ đã báo cáo cấp trên.`;
  return [
    { key: 'overview', heading: 'I. TÌNH HÌNH CHUNG', text: taskSentence(who, f.tasks, d.periodLabel) },
    { key: 'units', heading: 'II. KẾT QUẢ THEO ĐƠN VỊ', text: unitSentence(f) },
    { key: 'overdue', heading: 'III. NHIỆM VỤ QUÁ HẠN, CHƯA CẬP NHẬT', text: `${overdue} ${signalSentence(f)}` },
    { key: 'proposals', heading: 'IV. ĐỀ XUẤT, KIẾN NGHỊ', text: PLACEHOLDER('đề xuất, kiến nghị') },
  ];
}

const OUTCOME_COLUMNS = OUTCOME_CLASSES.map((c) => OUTCOME_LABELS[c].vi);

/** The tables of figures (in the report body and in the XLSX annex). */
export function draftTables(d: DraftInput): ReportTable[] {
  const f = d.figures;
  const t = f.tasks;
  const tables: ReportTable[] = [
    {
      key: 'outcomes',
      title: 'Kết quả thực hiện nhiệm vụ theo phân loại',
      columns: ['Tổng số', ...OUTCOME_COLUMNS, 'Tỷ lệ đúng hạn', 'Chưa cập nhật', 'Lượt đôn đốc'],
      rows: [[t.total, ...OUTCOME_CLASSES.map((c) => t.byOutcome[c]), pct(t.onTimeRate), t.notUpdated, t.reminders]],
      note: `Nhiệm vụ có hạn xử lý trong kỳ, không kể nhiệm vụ đã hủy; phân loại tại ngày ${dmy(f.asOf)}.`,
    },
    {
      key: 'units',
      title: 'Kết quả theo đơn vị',
      columns: ['STT', 'Đơn vị', 'Tổng số', ...OUTCOME_COLUMNS, 'Tỷ lệ đúng hạn', 'Chưa cập nhật', 'Dấu hiệu né tránh'],
      rows: f.units.map((u, i) => [
        i + 1,
        u.own ? `${u.orgName} (trực tiếp chủ trì)` : u.orgName,
        u.total,
        ...OUTCOME_CLASSES.map((c) => u.byOutcome[c]),
        pct(u.onTimeRate),
        u.notUpdated,
        u.signals,
      ]),
      note: null,
    },
    {
      key: 'signals',
      title: 'Dấu hiệu né tránh, đùn đẩy, thiếu trách nhiệm',
      columns: ['STT', 'Dấu hiệu', 'Số nhiệm vụ'],
      rows: f.signals.map((s, i) => [i + 1, s.label, s.tasks]),
      note: null,
    },
  ];
  if (f.cases)
    tables.push({
      key: 'cases',
      title: 'Vụ việc vi phạm tiếp nhận trong kỳ, theo nhóm biểu hiện',
      columns: ['Nhóm biểu hiện', 'Số vụ việc'],
      rows: [...f.cases.byGroup.map((g) => [`${g.code}. ${g.title}`, g.count] as (string | number)[]), ['Tổng số vụ việc', f.cases.total]],
      note: 'Một vụ việc có thể thuộc nhiều nhóm.',
    });
  if (f.evaluations)
    tables.push({
      key: 'evaluations',
      title: `Kết quả đánh giá, xếp loại (kỳ ${f.evaluations.period})`,
      columns: ['Mức xếp loại', 'Số người'],
      rows: [
        ...RATING_LEVELS.map((l) => [RATING_LEVEL_LABELS[l].vi, f.evaluations!.byLevel[l]] as (string | number)[]),
        ['Đã phê duyệt', f.evaluations.approved],
        ['Chưa phê duyệt', f.evaluations.pending],
      ],
      note: null,
    });
  if (d.kind === 'ct24' && f.directiveGroups.length > 0)
    tables.push({
      key: 'directive',
      title: 'Nhiệm vụ triển khai Chỉ thị số 24-CT/TU',
      columns: ['Nhóm nhiệm vụ', 'Tổng số', ...OUTCOME_COLUMNS],
      rows: f.directiveGroups.map((g) => [g.group, g.total, ...OUTCOME_CLASSES.map((c) => g.byOutcome[c])]),
      note: null,
    });
  if (d.kind === 'task-followup')
    tables.push({
      key: 'overdue',
      title: 'Nhiệm vụ quá hạn chưa hoàn thành',
      columns: ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn xử lý', 'Lượt đôn đốc', 'Đã báo cáo cấp trên'],
      rows: f.overdueTasks.map((x, i) => [i + 1, x.title, x.leadOrg, dmy(x.dueDate), x.reminders, x.escalated ? 'Có' : '']),
      note: f.overdueTasks.length === 50 ? '50 nhiệm vụ quá hạn lâu nhất.' : null,
    });
  return tables;
}

/** The full draft: header, sections (drafted or as edited), tables, signature, recipients. */
export function buildDraft(d: DraftInput, opts: DraftOptions = {}): ReportDraft {
  const format = reportFormatOf(d.org.kind);
  const issuerCode = opts.issuerCode ?? defaultIssuerCode(d.org.kind, d.org.code);
  const place = opts.place ?? 'Hà Nội';
  const subject =
    d.kind === 'ct24'
      ? `Kết quả thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Thành ủy về tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc trong hệ thống chính trị thành phố Hà Nội ${d.periodLabel}`
      : `Tình hình thực hiện nhiệm vụ được giao ${d.periodLabel}`;
  const superiorRecipient = d.parent ? [format === 'party' ? `${d.parent.name} (để báo cáo)` : `${d.parent.name} (để b/c)`] : [];
  return {
    kind: d.kind,
    format,
    org: { id: d.org.id, name: d.org.name, kind: d.org.kind },
    from: d.from,
    to: d.to,
    asOf: d.figures.asOf,
    periodLabel: d.periodLabel,
    docType: 'BÁO CÁO',
    subject,
    header: {
      superior: opts.superior ? headingCase(opts.superior) : d.parent ? headingCase(d.parent.name) : null,
      issuer: headingCase(d.org.name),
      issuerCode,
      numberLine: reportNumberLine(format, opts.numberSeq ?? null, issuerCode),
      place,
      placeDate: placeDateLine(place, d.issuedOn),
    },
    sections: opts.sections ?? draftSections(d),
    tables: draftTables(d),
    signer: {
      authority: signAuthorityLine(d.org.kind),
      position: opts.signerPosition ?? defaultSignerPosition(d.org.kind),
      name: opts.signerName !== undefined ? opts.signerName : d.headName,
    },
    recipients: opts.recipients ?? [...superiorRecipient, 'Lưu: VT.'],
  };
}

export const reportTitle = (kind: ReportKind, periodLabel: string) => `${REPORT_KIND_LABELS[kind].vi} ${periodLabel}`;
