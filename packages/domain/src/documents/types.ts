/**
 * Kinds of directing documents and their abbreviations in official numbers (DOMAIN §8):
 * Party documents follow Hướng dẫn 36-HD/VPTW (2018), State documents Nghị định 30/2020/NĐ-CP.
 * The same kind can have different codes in the two systems (Quy định: QĐ for the Party, QyĐ for
 * the State; TT is a Party "thông tri" but a State "thông tư").
 */

export const DOCUMENT_TYPES = [
  'chi_thi',
  'nghi_quyet',
  'ket_luan',
  'ke_hoach',
  'chuong_trinh',
  'quyet_dinh',
  'quy_dinh',
  'quy_che',
  'huong_dan',
  'thong_bao',
  'thong_tri',
  'bao_cao',
  'cong_van',
  'to_trinh',
  'de_an',
  'phuong_an',
  'bien_ban',
  'nghi_dinh',
  'thong_tu',
  'cong_dien',
  'giay_moi',
  'khac',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Numbering style: Party `24-CT/TU` or State `123/KH-UBND`. */
export const NUMBER_STYLES = ['party', 'state'] as const;
export type NumberStyle = (typeof NUMBER_STYLES)[number];

export const DOCUMENT_STATUSES = ['draft', 'issued', 'superseded'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

interface TypeInfo {
  vi: string;
  en: string;
  /** Abbreviation in a Party number, or null when the Party does not issue this kind. */
  party: string | null;
  /** Abbreviation in a State number; null for a State công văn (no type code) or a kind the State does not issue. */
  state: string | null;
  /** State legal normative documents carry the year in their number: `45/2025/NĐ-CP`. */
  stateWithYear?: boolean;
  /** Whether the type directs others' work (can be issued to units and cascaded). */
  directing?: boolean;
}

export const DOCUMENT_TYPE_INFO: Readonly<Record<DocumentType, TypeInfo>> = {
  chi_thi: { vi: 'Chỉ thị', en: 'Directive', party: 'CT', state: 'CT', directing: true },
  nghi_quyet: { vi: 'Nghị quyết', en: 'Resolution', party: 'NQ', state: 'NQ', directing: true },
  ket_luan: { vi: 'Kết luận', en: 'Conclusion', party: 'KL', state: 'KL', directing: true },
  ke_hoach: { vi: 'Kế hoạch', en: 'Plan', party: 'KH', state: 'KH', directing: true },
  chuong_trinh: { vi: 'Chương trình', en: 'Programme', party: 'CTr', state: 'CTr', directing: true },
  quyet_dinh: { vi: 'Quyết định', en: 'Decision', party: 'QĐ', state: 'QĐ', directing: true },
  quy_dinh: { vi: 'Quy định', en: 'Regulation', party: 'QĐ', state: 'QyĐ', directing: true },
  quy_che: { vi: 'Quy chế', en: 'Rules', party: 'QC', state: 'QC', directing: true },
  huong_dan: { vi: 'Hướng dẫn', en: 'Guidance', party: 'HD', state: 'HD', directing: true },
  thong_bao: { vi: 'Thông báo', en: 'Notice', party: 'TB', state: 'TB', directing: true },
  thong_tri: { vi: 'Thông tri', en: 'Circular (Party)', party: 'TT', state: null, directing: true },
  bao_cao: { vi: 'Báo cáo', en: 'Report', party: 'BC', state: 'BC' },
  cong_van: { vi: 'Công văn', en: 'Official letter', party: 'CV', state: null, directing: true },
  to_trinh: { vi: 'Tờ trình', en: 'Submission', party: 'TTr', state: 'TTr' },
  de_an: { vi: 'Đề án', en: 'Scheme', party: 'ĐA', state: 'ĐA', directing: true },
  phuong_an: { vi: 'Phương án', en: 'Option paper', party: 'PA', state: 'PA', directing: true },
  bien_ban: { vi: 'Biên bản', en: 'Minutes', party: 'BB', state: 'BB' },
  nghi_dinh: { vi: 'Nghị định', en: 'Decree', party: null, state: 'NĐ', stateWithYear: true, directing: true },
  thong_tu: { vi: 'Thông tư', en: 'Circular', party: null, state: 'TT', stateWithYear: true, directing: true },
  cong_dien: { vi: 'Công điện', en: 'Official dispatch', party: null, state: 'CĐ', directing: true },
  giay_moi: { vi: 'Giấy mời', en: 'Invitation', party: null, state: 'GM' },
  khac: { vi: 'Khác', en: 'Other', party: null, state: null },
};

export const DOCUMENT_STATUS_LABELS: Readonly<Record<DocumentStatus, { vi: string; en: string }>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  issued: { vi: 'Đã ban hành', en: 'Issued' },
  superseded: { vi: 'Đã được thay thế', en: 'Superseded' },
};

/** The type code of a document kind in a numbering style, or null when there is none. */
export function typeCodeOf(type: DocumentType, style: NumberStyle): string | null {
  const info = DOCUMENT_TYPE_INFO[type];
  return style === 'party' ? info.party : info.state;
}

/**
 * The document kind of a type code in a style. Party `QĐ` is read as Quyết định (Quy định shares
 * the code; the user picks the kind), unknown codes give null.
 */
export function typeFromCode(code: string, style: NumberStyle): DocumentType | null {
  for (const t of DOCUMENT_TYPES) {
    if (typeCodeOf(t, style) === code) return t;
  }
  return null;
}

/** Whether State numbers of this kind include the year (`45/2025/NĐ-CP`). */
export function stateNumberHasYear(type: DocumentType): boolean {
  return DOCUMENT_TYPE_INFO[type].stateWithYear === true;
}

/**
 * Extra State type codes recognised when parsing (forms and papers a register may hold) so that
 * `12/GUQ-UBND` is read as "type GUQ" rather than as a letter of issuer GUQ.
 */
export const OTHER_STATE_TYPE_CODES: readonly string[] = ['TC', 'DA', 'HĐ', 'GUQ', 'GGT', 'GNP', 'PC', 'PB', 'TTLT', 'BGN', 'CV'];
