/**
 * Official document numbers (số, ký hiệu) in the two styles of DOMAIN §8:
 * - Party (Hướng dẫn 36-HD/VPTW): `Số 24-CT/TU` — number, type code, issuer; no colon; numbers
 *   restart at 01 for each type in each committee term.
 * - State (Nghị định 30/2020/NĐ-CP): `Số: 123/KH-UBND`, legal normative documents with the year
 *   `45/2025/NĐ-CP`, and letters (công văn) without a type code `3241/UBND-KGVX`; numbers restart
 *   each year. Both systems write numbers below 10 with a leading zero (`01`).
 *
 * Pure: parsing, validation, formatting and the next-number proposal from the numbers already used.
 */
import { OTHER_STATE_TYPE_CODES, typeCodeOf, typeFromCode, stateNumberHasYear, type DocumentType, type NumberStyle } from './types';

export interface ParsedNumber {
  style: NumberStyle;
  /** The sequence number (24 for `24-CT/TU`). */
  seq: number;
  /** Year written in the number (`45/2025/NĐ-CP`), else null. */
  year: number | null;
  /** Type code (`CT`, `KH`, `NĐ`), or null for a State công văn. */
  typeCode: string | null;
  /** Issuer code (`TU`, `ĐU`, `UBND`, `CP`, `UBND-KGVX`). */
  issuerCode: string;
  /** The document kind the type code stands for, when it is known. */
  type: DocumentType | null;
  /** The canonical text: Đ normalised, leading zero below 10, no "Số". */
  text: string;
}

export type ParseResult = { ok: true; value: ParsedNumber } | { ok: false; message: string };

// Letters that occur in codes: ASCII plus Đ/đ (codes are Vietnamese abbreviations: ĐU, QĐ, NĐ, ĐA).
const L = 'A-Za-zĐđ';
const PARTY_RE = new RegExp(`^(\\d{1,5})-([${L}]{1,6})/([${L}0-9]{1,15})$`);
const STATE_RE = new RegExp(`^(\\d{1,6})(?:/(\\d{4}))?/([${L}]{1,6})-([${L}0-9]{1,15}(?:-[${L}0-9]{1,15})*)$`);
const STATE_LETTER_RE = new RegExp(`^(\\d{1,6})/([${L}0-9]{1,15}(?:-[${L}0-9]{1,15})+)$`);

/**
 * Cleans what users type or paste: NFC, the Icelandic eth (Ð/ð, a common look-alike typed on
 * some keyboards) to Đ/đ, dashes and slashes of other widths to ASCII, "Số"/"Số:" prefix and
 * spaces removed.
 */
export function normalizeNumberText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/Ð/g, 'Đ')
    .replace(/ð/g, 'đ')
    .replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, '-')
    .replace(/[\u2044\u2215\uFF0F]/g, '/')
    .trim()
    .replace(/^số\s*:?\s*/iu, '')
    .replace(/\s+/g, '');
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function knownStateCode(code: string): boolean {
  return typeFromCode(code, 'state') !== null || OTHER_STATE_TYPE_CODES.includes(code);
}

/** Parses a document number in either style; the error message is Vietnamese and says what is wrong. */
export function parseDocumentNumber(raw: string): ParseResult {
  const s = normalizeNumberText(raw);
  if (s === '') return { ok: false, message: 'Chưa nhập số, ký hiệu văn bản' };
  let m = PARTY_RE.exec(s);
  if (m) {
    const seq = Number(m[1]);
    const typeCode = m[2]!;
    const issuerCode = m[3]!;
    if (seq < 1) return { ok: false, message: 'Số văn bản phải từ 01 trở lên' };
    return {
      ok: true,
      value: {
        style: 'party',
        seq,
        year: null,
        typeCode,
        issuerCode,
        type: typeFromCode(typeCode, 'party'),
        text: `${pad(seq)}-${typeCode}/${issuerCode}`,
      },
    };
  }
  m = STATE_RE.exec(s);
  if (m) {
    const seq = Number(m[1]);
    const year = m[2] ? Number(m[2]) : null;
    const first = m[3]!;
    const rest = m[4]!;
    if (seq < 1) return { ok: false, message: 'Số văn bản phải từ 01 trở lên' };
    if (year !== null && (year < 1945 || year > 2100)) return { ok: false, message: `Năm trong số văn bản không hợp lệ: ${year}` };
    const yearPart = year !== null ? `/${year}` : '';
    if (knownStateCode(first)) {
      return {
        ok: true,
        value: {
          style: 'state',
          seq,
          year,
          typeCode: first,
          issuerCode: rest,
          type: typeFromCode(first, 'state'),
          text: `${pad(seq)}${yearPart}/${first}-${rest}`,
        },
      };
    }
    // `3241/UBND-KGVX`: a letter, whose code is the issuer followed by the drafting unit.
    if (year !== null) return { ok: false, message: `Ký hiệu loại văn bản không đúng: ${first}` };
    return {
      ok: true,
      value: {
        style: 'state',
        seq,
        year: null,
        typeCode: null,
        issuerCode: `${first}-${rest}`,
        type: 'cong_van',
        text: `${pad(seq)}/${first}-${rest}`,
      },
    };
  }
  m = STATE_LETTER_RE.exec(s);
  if (m) {
    const seq = Number(m[1]);
    if (seq < 1) return { ok: false, message: 'Số văn bản phải từ 01 trở lên' };
    return {
      ok: true,
      value: { style: 'state', seq, year: null, typeCode: null, issuerCode: m[2]!, type: 'cong_van', text: `${pad(seq)}/${m[2]!}` },
    };
  }
  if (/^\d+-/.test(s)) return { ok: false, message: 'Số văn bản của Đảng có dạng số-LOẠI/CƠQUAN, ví dụ 24-CT/TU' };
  if (/^\d+\//.test(s)) return { ok: false, message: 'Số văn bản hành chính có dạng số/LOẠI-CƠQUAN, ví dụ 123/KH-UBND hoặc 45/2025/NĐ-CP' };
  return { ok: false, message: 'Số, ký hiệu văn bản không đúng dạng (ví dụ 24-CT/TU, 123/KH-UBND, 45/2025/NĐ-CP)' };
}

export interface NumberParts {
  style: NumberStyle;
  seq: number;
  typeCode: string | null;
  issuerCode: string;
  /** Written only for State legal normative documents. */
  year?: number | null;
}

/** The official text of a number: `01-KH/ĐU`, `123/KH-UBND`, `45/2025/NĐ-CP`, `3241/UBND-KGVX`. */
export function formatDocumentNumber(p: NumberParts): string {
  if (!Number.isInteger(p.seq) || p.seq < 1) throw new RangeError(`Số văn bản không hợp lệ: ${p.seq}`);
  if (p.style === 'party') {
    if (!p.typeCode) throw new RangeError('Văn bản của Đảng cần ký hiệu loại văn bản');
    return `${pad(p.seq)}-${p.typeCode}/${p.issuerCode}`;
  }
  const yearPart = p.year ? `/${p.year}` : '';
  return p.typeCode ? `${pad(p.seq)}${yearPart}/${p.typeCode}-${p.issuerCode}` : `${pad(p.seq)}/${p.issuerCode}`;
}

/** Validates that a number matches the document's declared style and kind; null when consistent. */
export function numberMismatch(parsed: ParsedNumber, style: NumberStyle, type: DocumentType): string | null {
  if (parsed.style !== style) {
    return style === 'party' ? 'Văn bản của Đảng đánh số dạng 24-CT/TU' : 'Văn bản hành chính đánh số dạng 123/KH-UBND';
  }
  const expected = typeCodeOf(type, style);
  if (type === 'khac') return null;
  if (expected !== parsed.typeCode) {
    return expected
      ? `Ký hiệu loại của văn bản này phải là ${expected}`
      : 'Công văn hành chính không có ký hiệu loại (ví dụ 3241/UBND-KGVX)';
  }
  if (style === 'state' && stateNumberHasYear(type) && parsed.year === null)
    return 'Văn bản quy phạm pháp luật ghi cả năm ban hành, ví dụ 45/2025/NĐ-CP';
  return null;
}

/**
 * The numbering period a date falls in: for the Party the committee term (the latest term start
 * on or before the date), for the State the calendar year. Returned as a stable key: `T2020-10-01`
 * or `Y2023`. Before the first known term start the period is the year before it, as a term key.
 */
export function numberingPeriod(style: NumberStyle, date: string, partyTermStarts: readonly string[]): string {
  if (style === 'state') return `Y${date.slice(0, 4)}`;
  const starts = [...partyTermStarts].sort();
  let current: string | null = null;
  for (const s of starts) if (s <= date) current = s;
  return current ? `T${current}` : `T0000-00-00`;
}

/** Human label of a period key: "nhiệm kỳ từ 01/10/2020" or "năm 2023". */
export function periodLabel(period: string): string {
  if (period.startsWith('Y')) return `năm ${period.slice(1)}`;
  const d = period.slice(1);
  if (d === '0000-00-00') return 'trước nhiệm kỳ đầu tiên đã khai báo';
  return `nhiệm kỳ từ ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

export interface NextNumberInput {
  style: NumberStyle;
  type: DocumentType;
  issuerCode: string;
  /** Highest sequence already used in the period for this issuing org and type (0 when none). */
  maxSeq: number;
  /** Date of the new document (for the year of State legal normative documents). */
  date: string;
}

/** The next number in a series: max + 1, formatted in the style of the document. */
export function proposeNextNumber(input: NextNumberInput): { seq: number; text: string; typeCode: string | null } {
  const typeCode = typeCodeOf(input.type, input.style);
  if (input.style === 'party' && !typeCode) throw new RangeError(`Đảng không ban hành loại văn bản này: ${input.type}`);
  const seq = Math.max(0, Math.floor(input.maxSeq)) + 1;
  const year = input.style === 'state' && stateNumberHasYear(input.type) ? Number(input.date.slice(0, 4)) : null;
  return { seq, typeCode, text: formatDocumentNumber({ style: input.style, seq, typeCode, issuerCode: input.issuerCode, year }) };
}

/**
 * The issuer code an org usually signs with, from its kind (Thành ủy → TU, Đảng ủy → ĐU, Chi bộ → CB,
 * UBND → UBND) or else its own code. An admin can always type another one.
 */
export function defaultIssuerCode(orgKind: string, orgCode: string): string {
  switch (orgKind) {
    case 'thanh_uy':
      return 'TU';
    case 'dang_bo':
    case 'dang_uy_co_so':
    case 'dang_bo_bo_phan':
      return 'ĐU';
    case 'chi_bo':
      return 'CB';
    case 'ubnd':
      return 'UBND';
    default:
      return orgCode.toUpperCase().replace(/[^A-Z0-9Đ-]/g, '') || 'VP';
  }
}

/** The numbering style an org uses, from the line (Party or State) its kind belongs to. */
export function styleOfOrgKind(orgKind: string): NumberStyle {
  return ['thanh_uy', 'dang_bo', 'dang_uy_co_so', 'dang_bo_bo_phan', 'chi_bo'].includes(orgKind) ? 'party' : 'state';
}
