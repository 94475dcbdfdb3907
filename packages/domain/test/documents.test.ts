import { describe, expect, it } from 'vitest';
import {
  defaultIssuerCode,
  formatDocumentNumber,
  normalizeNumberText,
  numberingPeriod,
  numberMismatch,
  parseDocumentNumber,
  periodLabel,
  proposeNextNumber,
  styleOfOrgKind,
  typeFromCode,
  type ParsedNumber,
} from '../src/documents';

function parsed(s: string): ParsedNumber {
  const r = parseDocumentNumber(s);
  if (!r.ok) throw new Error(`${s}: ${r.message}`);
  return r.value;
}

describe('Party numbers (Hướng dẫn 36-HD/VPTW)', () => {
  it('parses the directive and the plan of the article', () => {
    expect(parsed('24-CT/TU')).toEqual({
      style: 'party',
      seq: 24,
      year: null,
      typeCode: 'CT',
      issuerCode: 'TU',
      type: 'chi_thi',
      text: '24-CT/TU',
    });
    expect(parsed('Số 31-KH/ĐU')).toMatchObject({ seq: 31, typeCode: 'KH', issuerCode: 'ĐU', type: 'ke_hoach', text: '31-KH/ĐU' });
    expect(parsed('171-KH/TU').type).toBe('ke_hoach');
  });

  it('reads the look-alike Ð (U+00D0) and ð as Đ/đ, and other dashes as a hyphen', () => {
    expect('Ð'.charCodeAt(0)).toBe(0xd0);
    expect(parsed('31-KH/ÐU').text).toBe('31-KH/ĐU');
    expect(parsed('31-KH/ÐU').issuerCode).toBe('Đ'.concat('U'));
    expect(parsed('05–ĐA/ĐU').text).toBe('05-ĐA/ĐU');
    expect(normalizeNumberText('  Số  24 - CT / TU ')).toBe('24-CT/TU');
  });

  it('writes numbers below 10 with a leading zero', () => {
    expect(parsed('1-KH/CB').text).toBe('01-KH/CB');
    expect(formatDocumentNumber({ style: 'party', seq: 3, typeCode: 'NQ', issuerCode: 'ĐU' })).toBe('03-NQ/ĐU');
  });

  it('keeps mixed-case type codes (CTr, TTr)', () => {
    expect(parsed('02-CTr/ĐU')).toMatchObject({ typeCode: 'CTr', type: 'chuong_trinh' });
    expect(parsed('15-TTr/ĐU').type).toBe('to_trinh');
  });

  it('rejects malformed numbers with a message saying the expected form', () => {
    const bad = parseDocumentNumber('24-CT');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('24-CT/TU');
    expect(parseDocumentNumber('0-CT/TU').ok).toBe(false);
    expect(parseDocumentNumber('').ok).toBe(false);
    expect(parseDocumentNumber('CT/TU').ok).toBe(false);
  });
});

describe('State numbers (Nghị định 30/2020/NĐ-CP)', () => {
  it('parses type-and-issuer numbers, with or without "Số:"', () => {
    expect(parsed('Số: 123/KH-UBND')).toEqual({
      style: 'state',
      seq: 123,
      year: null,
      typeCode: 'KH',
      issuerCode: 'UBND',
      type: 'ke_hoach',
      text: '123/KH-UBND',
    });
    expect(parsed('847/QĐ-UBND').type).toBe('quyet_dinh');
  });

  it('parses legal normative documents with the year, including NĐ and mixed-case issuers', () => {
    expect(parsed('45/2025/NĐ-CP')).toEqual({
      style: 'state',
      seq: 45,
      year: 2025,
      typeCode: 'NĐ',
      issuerCode: 'CP',
      type: 'nghi_dinh',
      text: '45/2025/NĐ-CP',
    });
    expect(parsed('42/2014/QĐ-TTg')).toMatchObject({ year: 2014, typeCode: 'QĐ', issuerCode: 'TTg' });
    expect(parsed('30/2020/NÐ-CP').text).toBe('30/2020/NĐ-CP');
  });

  it('reads a letter (công văn) without a type code: issuer then drafting unit', () => {
    expect(parsed('3241/UBND-KGVX')).toMatchObject({ typeCode: null, issuerCode: 'UBND-KGVX', type: 'cong_van', text: '3241/UBND-KGVX' });
    expect(parsed('12729/VPCP-KGVX').issuerCode).toBe('VPCP-KGVX');
  });

  it('rejects an unknown type code with a year and an impossible year', () => {
    expect(parseDocumentNumber('12/2025/XX-CP').ok).toBe(false);
    expect(parseDocumentNumber('12/1800/NĐ-CP').ok).toBe(false);
  });

  it('quy định is QyĐ for the State and QĐ for the Party', () => {
    expect(typeFromCode('QyĐ', 'state')).toBe('quy_dinh');
    expect(typeFromCode('TT', 'state')).toBe('thong_tu');
    expect(typeFromCode('TT', 'party')).toBe('thong_tri');
  });
});

describe('consistency of a number with the document', () => {
  it('names what does not match', () => {
    expect(numberMismatch(parsed('24-CT/TU'), 'party', 'chi_thi')).toBeNull();
    expect(numberMismatch(parsed('24-CT/TU'), 'party', 'ke_hoach')).toContain('KH');
    expect(numberMismatch(parsed('24-CT/TU'), 'state', 'chi_thi')).toContain('123/KH-UBND');
    expect(numberMismatch(parsed('45/NĐ-CP'), 'state', 'nghi_dinh')).toContain('năm');
    expect(numberMismatch(parsed('45/2025/NĐ-CP'), 'state', 'nghi_dinh')).toBeNull();
    expect(numberMismatch(parsed('3241/UBND-KGVX'), 'state', 'cong_van')).toBeNull();
  });
});

describe('numbering periods and the next number', () => {
  const terms = ['2015-10-01', '2020-10-01', '2025-10-01'];

  it('Party numbers run per committee term, State numbers per year', () => {
    expect(numberingPeriod('party', '2023-09-11', terms)).toBe('T2020-10-01');
    expect(numberingPeriod('party', '2025-10-01', terms)).toBe('T2025-10-01');
    expect(numberingPeriod('party', '2025-09-30', terms)).toBe('T2020-10-01');
    expect(numberingPeriod('state', '2025-09-30', terms)).toBe('Y2025');
    expect(periodLabel('T2020-10-01')).toBe('nhiệm kỳ từ 01/10/2020');
    expect(periodLabel('Y2026')).toBe('năm 2026');
  });

  it('proposes max + 1 in the right style', () => {
    expect(proposeNextNumber({ style: 'party', type: 'ke_hoach', issuerCode: 'ĐU', maxSeq: 30, date: '2023-09-11' }).text).toBe('31-KH/ĐU');
    expect(proposeNextNumber({ style: 'party', type: 'chi_thi', issuerCode: 'TU', maxSeq: 0, date: '2026-01-05' }).text).toBe('01-CT/TU');
    expect(proposeNextNumber({ style: 'state', type: 'ke_hoach', issuerCode: 'UBND', maxSeq: 122, date: '2026-03-02' }).text).toBe(
      '123/KH-UBND',
    );
    expect(proposeNextNumber({ style: 'state', type: 'nghi_dinh', issuerCode: 'CP', maxSeq: 44, date: '2025-02-03' }).text).toBe(
      '45/2025/NĐ-CP',
    );
    expect(proposeNextNumber({ style: 'state', type: 'cong_van', issuerCode: 'UBND-KGVX', maxSeq: 3240, date: '2023-10-04' }).text).toBe(
      '3241/UBND-KGVX',
    );
  });

  it('refuses a Party number for a kind the Party does not issue', () => {
    expect(() => proposeNextNumber({ style: 'party', type: 'nghi_dinh', issuerCode: 'ĐU', maxSeq: 0, date: '2026-01-05' })).toThrow(
      RangeError,
    );
  });

  it('derives issuer codes and styles from org kinds', () => {
    expect(defaultIssuerCode('thanh_uy', 'TU-HN')).toBe('TU');
    expect(defaultIssuerCode('dang_uy_co_so', 'DU-STTTT')).toBe('ĐU');
    expect(defaultIssuerCode('chi_bo', 'CB-VP')).toBe('CB');
    expect(defaultIssuerCode('so', 'STTTT')).toBe('STTTT');
    expect(styleOfOrgKind('dang_uy_co_so')).toBe('party');
    expect(styleOfOrgKind('so')).toBe('state');
  });
});
