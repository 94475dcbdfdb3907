/**
 * The XLSX annex of a report: a cover sheet naming the report, then one sheet per table, with
 * numbers kept as numbers so they can be summed and charted.
 */
import type { ReportDraft } from '@kycuong/domain';
import ExcelJS from 'exceljs';

const thin = { style: 'thin' as const };
const BOX = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(i: number, title: string): string {
  return `${i + 1}. ${title}`.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** Renders the tables of the draft to XLSX bytes. */
export async function renderXlsx(d: ReportDraft): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kỷ Cương';
  wb.created = new Date();
  const cover = wb.addWorksheet('Báo cáo');
  cover.columns = [{ width: 24 }, { width: 90 }];
  const info: [string, string][] = [
    ['Cơ quan', d.header.issuer],
    ['Số, ký hiệu', d.header.numberLine],
    ['Ngày', d.header.placeDate],
    ['Trích yếu', `${d.docType} ${d.subject}`],
    ['Kỳ báo cáo', `${d.periodLabel} (${d.from} – ${d.to})`],
    ['Số liệu tính đến', d.asOf],
  ];
  cover.addRow(['PHỤ LỤC SỐ LIỆU']).font = { bold: true, size: 14 };
  cover.addRow([]);
  for (const [k, v] of info) {
    const row = cover.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  d.tables.forEach((t, i) => {
    const ws = wb.addWorksheet(sheetName(i, t.title), { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.addRow([`Biểu ${i + 1}. ${t.title}`]).font = { bold: true, size: 13 };
    ws.addRow([t.note ?? '']).font = { italic: true };
    const head = ws.addRow(t.columns);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    head.eachCell((c) => {
      c.border = BOX;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    });
    for (const r of t.rows) {
      const row = ws.addRow(r.map((v) => v ?? ''));
      row.eachCell({ includeEmpty: true }, (c) => {
        c.border = BOX;
        c.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    ws.columns.forEach((col, j) => {
      const longest = Math.max(t.columns[j]?.length ?? 0, ...t.rows.map((r) => String(r[j] ?? '').length));
      col.width = Math.min(60, Math.max(10, longest + 2));
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
