import { describe, expect, it } from 'vitest';
import {
  FORMAT_RULES,
  mmToTwip,
  placeDateLine,
  reportFormatOf,
  reportNumberLine,
  signAuthorityLine,
  headingCase,
} from '../src/reports/format';
import { quarterOf, rangeLabel, reportPeriodRange } from '../src/reports/period';
import { ReportCreate } from '../src/contracts/reports';

describe('report format rules', () => {
  it('puts Party bodies in the Party format and every other body in the State format', () => {
    expect(reportFormatOf('dang_uy_co_so')).toBe('party');
    expect(reportFormatOf('chi_bo')).toBe('party');
    expect(reportFormatOf('thanh_uy')).toBe('party');
    expect(reportFormatOf('so')).toBe('state');
    expect(reportFormatOf('ubnd')).toBe('state');
    expect(reportFormatOf('cong_doan')).toBe('state');
  });

  it('keeps both formats inside the margins both texts allow, on A4 in Times New Roman', () => {
    for (const r of Object.values(FORMAT_RULES)) {
      expect(r.font).toBe('Times New Roman');
      expect(r.pageMm).toEqual({ width: 210, height: 297 });
      expect(r.marginsMm.top).toBeGreaterThanOrEqual(20);
      expect(r.marginsMm.top).toBeLessThanOrEqual(25);
      expect(r.marginsMm.bottom).toBeGreaterThanOrEqual(20);
      expect(r.marginsMm.bottom).toBeLessThanOrEqual(25);
      expect(r.marginsMm.left).toBeGreaterThanOrEqual(30);
      expect(r.marginsMm.left).toBeLessThanOrEqual(35);
      expect(r.marginsMm.right).toBeGreaterThanOrEqual(15);
      expect(r.marginsMm.right).toBeLessThanOrEqual(20);
      expect(r.pageNumber).toMatchObject({ position: 'top-center', fromPage: 2 });
    }
  });

  it('writes the national headings as each system prescribes', () => {
    expect(FORMAT_RULES.party.national).toEqual([
      { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', style: { sizePt: 15, bold: true, italic: false, underline: true } },
    ]);
    const [qh, tn] = FORMAT_RULES.state.national;
    expect(qh).toEqual({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: { sizePt: 13, bold: true, italic: false, underline: false } });
    expect(tn).toEqual({ text: 'Độc lập - Tự do - Hạnh phúc', style: { sizePt: 14, bold: true, italic: false, underline: true } });
    expect(FORMAT_RULES.party.star).toBe('*');
    expect(FORMAT_RULES.state.star).toBeNull();
    expect(FORMAT_RULES.party.placeDate.italic).toBe(true);
    expect(FORMAT_RULES.state.placeDate.italic).toBe(true);
  });

  it('numbers Party reports without a colon and State reports with one, blank when not yet registered', () => {
    expect(reportNumberLine('party', 5, 'ĐU')).toBe('Số 05-BC/ĐU');
    expect(reportNumberLine('state', 123, 'UBND')).toBe('Số: 123/BC-UBND');
    expect(reportNumberLine('party', null, 'ĐU')).toMatch(/^Số {2,}-BC\/ĐU$/);
    expect(reportNumberLine('state', null, 'STTTT')).toMatch(/^Số: {2,}\/BC-STTTT$/);
  });

  it('writes the date with a leading zero for days below 10 and for January and February', () => {
    expect(placeDateLine('Hà Nội', '2026-02-05')).toBe('Hà Nội, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine('Hà Nội', '2023-09-11')).toBe('Hà Nội, ngày 11 tháng 9 năm 2023');
    expect(placeDateLine('Hà Nội', '2026-12-31')).toBe('Hà Nội, ngày 31 tháng 12 năm 2026');
  });

  it('signs for the collective where the body decides collectively', () => {
    expect(signAuthorityLine('dang_uy_co_so')).toBe('T/M ĐẢNG ỦY');
    expect(signAuthorityLine('ubnd')).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(signAuthorityLine('so')).toBeNull();
    expect(headingCase('Đảng ủy cơ quan Sở')).toBe('ĐẢNG ỦY CƠ QUAN SỞ');
  });

  it('converts millimetres to Word twips', () => {
    expect(mmToTwip(20)).toBe(1134);
    expect(mmToTwip(30)).toBe(1701);
    expect(mmToTwip(15)).toBe(850);
    expect(mmToTwip(210)).toBe(11906);
  });
});

describe('report periods', () => {
  it('turns named periods into ranges and words', () => {
    expect(reportPeriodRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30', label: 'quý III năm 2026' });
    expect(reportPeriodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29', label: 'tháng 2 năm 2024' });
    expect(reportPeriodRange('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30', label: '6 tháng đầu năm 2026' });
    expect(reportPeriodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31', label: 'năm 2026' });
    expect(reportPeriodRange('2026-Q5')).toBeNull();
    expect(rangeLabel('2026-07-01', '2026-08-15')).toBe('từ ngày 01/7/2026 đến ngày 15/8/2026');
    expect(quarterOf('2026-11-28')).toBe('2026-Q4');
  });

  it('asks for a period or both dates, naming the missing field', () => {
    const base = { kind: 'ct24', orgId: '0190a5c4-7b7e-7000-8000-000000000001', sections: [{ key: 'a', heading: 'I', text: '' }] };
    expect(ReportCreate.safeParse({ ...base, period: '2026-Q4' }).success).toBe(true);
    const r = ReportCreate.safeParse({ ...base, from: '2026-10-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    const bad = ReportCreate.safeParse({ ...base, from: '2026-10-02', to: '2026-10-01' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
  });
});
