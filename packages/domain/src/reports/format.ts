/**
 * The presentation rules (thể thức) of an official report, in one place, for the two systems of
 * DOMAIN §8:
 * - Party bodies: Hướng dẫn 36-HD/VPTW (2018) — "ĐẢNG CỘNG SẢN VIỆT NAM" top right, bold and
 *   underlined; top left the superior body, the issuing committee in bold and a star; the number
 *   without a colon (`Số 05-BC/ĐU`); the place and date in italics.
 * - State bodies: Nghị định 30/2020/NĐ-CP, Phụ lục I — Quốc hiệu and Tiêu ngữ (underlined) top
 *   right; cơ quan chủ quản and cơ quan ban hành (bold) top left; `Số: 05/BC-UBND` with a colon.
 * Both: A4, Times New Roman, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; page
 * numbers centred at the top from page 2.
 *
 * Pure data and text helpers: the DOCX and PDF renderers read every size, weight and margin from
 * here, and the unit tests assert the generated XML against the same table.
 */
import { ORG_KIND_LABELS, type OrgKind } from '../contracts/orgs';

export const REPORT_FORMATS = ['party', 'state'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One run of text: size in points and emphasis. */
export interface TextStyle {
  sizePt: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

const style = (sizePt: number, opts: Partial<Omit<TextStyle, 'sizePt'>> = {}): TextStyle => ({
  sizePt,
  bold: opts.bold ?? false,
  italic: opts.italic ?? false,
  underline: opts.underline ?? false,
});

export interface FormatRules {
  format: ReportFormat;
  /** The legal text the rules come from. */
  standard: string;
  font: 'Times New Roman';
  /** A4 portrait. */
  pageMm: { width: 210; height: 297 };
  marginsMm: { top: number; bottom: number; left: number; right: number };
  /** The national heading, line by line (top right). */
  national: { text: string; style: TextStyle }[];
  /** Superior body (cơ quan chủ quản / cấp trên trực tiếp), top left. */
  superior: TextStyle;
  /** The issuing body, top left, under the superior body. */
  issuer: TextStyle;
  /** Party only: the star under the issuing committee. */
  star: string | null;
  number: TextStyle;
  placeDate: TextStyle;
  /** "BÁO CÁO". */
  docType: TextStyle;
  /** Trích yếu (what the report is about). */
  subject: TextStyle;
  body: TextStyle;
  heading: TextStyle;
  /** First-line indent of body paragraphs. */
  indentMm: number;
  recipientsLabel: { text: string; style: TextStyle };
  recipientsItem: TextStyle;
  signAuthority: TextStyle;
  signPosition: TextStyle;
  signName: TextStyle;
  pageNumber: { position: 'top-center'; fromPage: 2; style: TextStyle };
  /** Table text (annex tables inside the report). */
  table: TextStyle;
}

const MARGINS = { top: 20, bottom: 20, left: 30, right: 15 } as const;

export const FORMAT_RULES: Readonly<Record<ReportFormat, FormatRules>> = {
  party: {
    format: 'party',
    standard: 'Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng',
    font: 'Times New Roman',
    pageMm: { width: 210, height: 297 },
    marginsMm: { ...MARGINS },
    national: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', style: style(15, { bold: true, underline: true }) }],
    superior: style(14),
    issuer: style(14, { bold: true }),
    star: '*',
    number: style(14),
    placeDate: style(14, { italic: true }),
    docType: style(16, { bold: true }),
    subject: style(14, { bold: true }),
    body: style(14),
    heading: style(14, { bold: true }),
    indentMm: 10,
    recipientsLabel: { text: 'Nơi nhận:', style: style(14, { underline: true }) },
    recipientsItem: style(12),
    signAuthority: style(14, { bold: true }),
    signPosition: style(14, { bold: true }),
    signName: style(14, { bold: true }),
    pageNumber: { position: 'top-center', fromPage: 2, style: style(14) },
    table: style(11),
  },
  state: {
    format: 'state',
    standard: 'Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư',
    font: 'Times New Roman',
    pageMm: { width: 210, height: 297 },
    marginsMm: { ...MARGINS },
    national: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: style(13, { bold: true }) },
      { text: 'Độc lập - Tự do - Hạnh phúc', style: style(14, { bold: true, underline: true }) },
    ],
    superior: style(13),
    issuer: style(13, { bold: true }),
    star: null,
    number: style(13),
    placeDate: style(14, { italic: true }),
    docType: style(14, { bold: true }),
    subject: style(14, { bold: true }),
    body: style(14),
    heading: style(14, { bold: true }),
    indentMm: 10,
    recipientsLabel: { text: 'Nơi nhận:', style: style(12, { bold: true, italic: true }) },
    recipientsItem: style(11),
    signAuthority: style(14, { bold: true }),
    signPosition: style(14, { bold: true }),
    signName: style(14, { bold: true }),
    pageNumber: { position: 'top-center', fromPage: 2, style: style(13) },
    table: style(11),
  },
};

/** The format an org's reports take: Party bodies use the Party format, every other body the State one. */
export function reportFormatOf(kind: OrgKind): ReportFormat {
  return ORG_KIND_LABELS[kind].line === 'party' ? 'party' : 'state';
}

/** Upper case as Vietnamese headings write it (the locale keeps đ → Đ). */
export function headingCase(s: string): string {
  return s.normalize('NFC').toLocaleUpperCase('vi-VN');
}

/** The number and symbol line: `Số 05-BC/ĐU` (Party), `Số: 05/BC-UBND` (State); blanks for the registry to fill. */
export function reportNumberLine(format: ReportFormat, seq: number | null, issuerCode: string, typeCode = 'BC'): string {
  const n = seq === null ? '      ' : seq < 10 ? `0${seq}` : String(seq);
  return format === 'party' ? `Số ${n}-${typeCode}/${issuerCode}` : `Số: ${n}/${typeCode}-${issuerCode}`;
}

/**
 * The place and date line, "Hà Nội, ngày 05 tháng 02 năm 2026": a day below 10 and the months
 * January and February take a leading zero (NĐ 30/2020, Phụ lục I, mục 6), so the date cannot be
 * altered by writing a digit in front.
 */
export function placeDateLine(place: string, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

const SIGN_AUTHORITY: Readonly<Record<OrgKind, string | null>> = {
  thanh_uy: 'T/M BAN THƯỜNG VỤ',
  dang_bo: 'T/M ĐẢNG ỦY',
  dang_uy_co_so: 'T/M ĐẢNG ỦY',
  dang_bo_bo_phan: 'T/M ĐẢNG ỦY',
  chi_bo: 'T/M CHI BỘ',
  ubnd: 'TM. ỦY BAN NHÂN DÂN',
  phuong_xa: 'TM. ỦY BAN NHÂN DÂN',
  // Bodies under the head-of-agency regime: the head signs in their own title.
  so: null,
  phong: null,
  chi_cuc: null,
  don_vi_su_nghiep: null,
  cong_doan: 'TM. BAN CHẤP HÀNH',
  to_cong_doan: null,
  doan_thanh_nien: 'TM. BAN CHẤP HÀNH',
  hoi_ccb: 'TM. BAN CHẤP HÀNH',
  ban_nu_cong: null,
  khac: null,
};

const SIGNER_POSITION: Readonly<Record<OrgKind, string>> = {
  thanh_uy: 'BÍ THƯ',
  dang_bo: 'BÍ THƯ',
  dang_uy_co_so: 'BÍ THƯ',
  dang_bo_bo_phan: 'BÍ THƯ',
  chi_bo: 'BÍ THƯ',
  ubnd: 'CHỦ TỊCH',
  phuong_xa: 'CHỦ TỊCH',
  so: 'GIÁM ĐỐC',
  phong: 'TRƯỞNG PHÒNG',
  chi_cuc: 'CHI CỤC TRƯỞNG',
  don_vi_su_nghiep: 'GIÁM ĐỐC',
  cong_doan: 'CHỦ TỊCH',
  to_cong_doan: 'TỔ TRƯỞNG',
  doan_thanh_nien: 'BÍ THƯ',
  hoi_ccb: 'CHỦ TỊCH',
  ban_nu_cong: 'TRƯỞNG BAN',
  khac: 'THỦ TRƯỞNG ĐƠN VỊ',
};

/** "T/M ĐẢNG ỦY" (Party, collective), "TM. ỦY BAN NHÂN DÂN" (State, collective), or none for a head-of-agency body. */
export function signAuthorityLine(kind: OrgKind): string | null {
  return SIGN_AUTHORITY[kind];
}

/** The signer's title as printed over the signature. */
export function defaultSignerPosition(kind: OrgKind): string {
  return SIGNER_POSITION[kind];
}

export const MM_PER_INCH = 25.4;
/** Millimetres to twentieths of a point (the unit of Word page settings). */
export function mmToTwip(mm: number): number {
  return Math.round((mm / MM_PER_INCH) * 1440);
}
/** Millimetres to PDF points. */
export function mmToPt(mm: number): number {
  return (mm / MM_PER_INCH) * 72;
}
