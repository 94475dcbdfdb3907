/**
 * The campaign list in the shape a union treasurer files (danh sách ủng hộ): per unit, each
 * member with amount, method, date and a column for the signature; unit subtotals, the grand
 * total and the total in words; then a second sheet with the full ledger (reversals included)
 * so the list can be checked against every entry.
 */
import { ENTRY_KIND_LABELS, PAYMENT_METHOD_LABELS, amountInWords, type EntryKind, type PaymentMethod } from '@kycuong/domain';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../platform/lazy-libs';

export interface ExportEntry {
  id: string;
  kind: EntryKind;
  amount: number;
  method: PaymentMethod | null;
  reference: string | null;
  date: string;
  personName: string;
  orgName: string;
  orgPath: string;
  collectorName: string | null;
  reason: string | null;
  receiptNo: string | null;
  reversed: boolean;
}

export interface ExportData {
  orgName: string;
  parentOrgName: string | null;
  title: string;
  beneficiary: string;
  startDate: string;
  endDate: string | null;
  /** The units the list is grouped by (children of the participating org), in display order. */
  units: { name: string; path: string; members: number }[];
  /** The participating org itself, for entries attributed to it directly. */
  root: { name: string; path: string };
  entries: ExportEntry[];
  /** Whether the list is limited to some units (a collector's export). */
  partial: boolean;
}

const dmy = (d: string) => d.split('-').reverse().join('/');
const ROMAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
  'XVIII',
  'XIX',
  'XX',
];
const MONEY = '#,##0';
const thin = { style: 'thin' as const };
const BOX = { top: thin, left: thin, bottom: thin, right: thin };

/** Builds the workbook and answers its bytes. */
export async function renderCampaignXlsx(d: ExportData): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Kỷ Cương';
  wb.created = new Date();
  const ws = wb.addWorksheet('Danh sách ủng hộ', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', ySplit: 7 }],
  });
  ws.columns = [
    { key: 'stt', width: 6 },
    { key: 'name', width: 28 },
    { key: 'amount', width: 15 },
    { key: 'method', width: 16 },
    { key: 'date', width: 12 },
    { key: 'ref', width: 16 },
    { key: 'sign', width: 16 },
  ];
  const font = { name: 'Times New Roman', size: 12 };
  const put = (row: number, col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = {}) => {
    const c = ws.getCell(row, col);
    c.value = value;
    c.font = { ...font, ...(style.font ?? {}) };
    if (style.alignment) c.alignment = style.alignment;
    if (style.numFmt) c.numFmt = style.numFmt;
    if (style.border) c.border = style.border;
    return c;
  };
  const merged = (row: number, from: number, to: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = {}) => {
    ws.mergeCells(row, from, row, to);
    return put(row, from, value, style);
  };

  if (d.parentOrgName) merged(1, 1, 3, d.parentOrgName.toUpperCase(), { alignment: { horizontal: 'center' } });
  merged(2, 1, 3, d.orgName.toUpperCase(), { font: { bold: true }, alignment: { horizontal: 'center', wrapText: true } });
  merged(1, 4, 7, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { font: { bold: true }, alignment: { horizontal: 'center' } });
  merged(2, 4, 7, 'Độc lập - Tự do - Hạnh phúc', { font: { bold: true, underline: true }, alignment: { horizontal: 'center' } });
  merged(4, 1, 7, 'DANH SÁCH ĐOÀN VIÊN ỦNG HỘ', { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } });
  merged(5, 1, 7, d.title, { font: { italic: true }, alignment: { horizontal: 'center', wrapText: true } });
  ws.getRow(5).height = 32;
  const period = `Thời gian: từ ngày ${dmy(d.startDate)}${d.endDate ? ` đến ngày ${dmy(d.endDate)}` : ''}${d.partial ? ' — trích danh sách các đơn vị được giao thu' : ''}`;
  merged(6, 1, 7, period, { alignment: { horizontal: 'center' } });

  const header = ['STT', 'Họ và tên', 'Số tiền (đồng)', 'Hình thức', 'Ngày nộp', 'Mã giao dịch', 'Ký nhận'];
  header.forEach((h, i) =>
    put(7, i + 1, h, { font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BOX }),
  );
  ws.getRow(7).height = 30;

  // Standing contributions only: a reversed entry and its reversal cancel out, so the list adds up
  // to the ledger total (the second sheet shows both).
  const standing = d.entries.filter((e) => e.kind === 'contribution' && !e.reversed);
  const groups = [
    ...d.units.map((u) => ({ name: u.name, path: u.path, direct: false })),
    { name: `${d.root.name} (trực thuộc)`, path: d.root.path, direct: true },
  ];
  const groupOf = (e: ExportEntry) => groups.find((g) => (g.direct ? e.orgPath === g.path : e.orgPath.startsWith(g.path)));

  let row = 8;
  let grand = 0;
  let people = 0;
  const subtotalCells: string[] = [];
  let n = 0;
  for (const g of groups) {
    const rows = standing.filter((e) => groupOf(e) === g);
    if (rows.length === 0) continue;
    merged(row, 1, 7, `${ROMAN[n] ?? String(n + 1)}. ${g.name}`, { font: { bold: true }, border: BOX });
    n++;
    row++;
    const first = row;
    rows.forEach((e, i) => {
      put(row, 1, i + 1, { alignment: { horizontal: 'center' }, border: BOX });
      put(row, 2, e.personName, { border: BOX });
      put(row, 3, e.amount, { numFmt: MONEY, border: BOX });
      put(row, 4, e.method ? PAYMENT_METHOD_LABELS[e.method].vi : '', { border: BOX });
      put(row, 5, dmy(e.date), { alignment: { horizontal: 'center' }, border: BOX });
      put(row, 6, e.reference ?? '', { border: BOX });
      put(row, 7, '', { border: BOX });
      row++;
    });
    const sum = rows.reduce((s, e) => s + e.amount, 0);
    grand += sum;
    people += new Set(rows.map((e) => e.personName + e.orgPath)).size;
    merged(row, 1, 2, `Cộng ${g.name}`, { font: { bold: true, italic: true }, alignment: { horizontal: 'right' }, border: BOX });
    put(row, 3, { formula: `SUM(C${first}:C${row - 1})`, result: sum }, { font: { bold: true }, numFmt: MONEY, border: BOX });
    for (let c = 4; c <= 7; c++) put(row, c, '', { border: BOX });
    subtotalCells.push(`C${row}`);
    row++;
  }
  merged(row, 1, 2, 'TỔNG CỘNG', { font: { bold: true }, alignment: { horizontal: 'center' }, border: BOX });
  put(row, 3, subtotalCells.length ? { formula: subtotalCells.join('+'), result: grand } : 0, {
    font: { bold: true },
    numFmt: MONEY,
    border: BOX,
  });
  for (let c = 4; c <= 7; c++) put(row, c, '', { border: BOX });
  row++;
  merged(row, 1, 7, `Số tiền bằng chữ: ${amountInWords(grand)}.`, { font: { italic: true, bold: true }, alignment: { wrapText: true } });
  row++;
  merged(row, 1, 7, `Số lượt người nộp: ${people}.`, {});
  row += 2;
  merged(row, 5, 7, 'Hà Nội, ngày …… tháng …… năm ……', { font: { italic: true }, alignment: { horizontal: 'center' } });
  row++;
  const signers = [
    [1, 2, 'NGƯỜI LẬP BIỂU'],
    [3, 4, 'THỦ QUỸ'],
    [5, 7, 'CHỦ TỊCH CÔNG ĐOÀN'],
  ] as const;
  for (const [from, to, title] of signers) {
    merged(row, from, to, title, { font: { bold: true }, alignment: { horizontal: 'center' } });
    merged(row + 1, from, to, '(Ký, ghi rõ họ tên)', { font: { italic: true, size: 10 }, alignment: { horizontal: 'center' } });
  }

  const ledger = wb.addWorksheet('Sổ chi tiết', { views: [{ state: 'frozen', ySplit: 1 }] });
  ledger.columns = [
    { header: 'Ngày', key: 'date', width: 12 },
    { header: 'Số biên nhận', key: 'receipt', width: 12 },
    { header: 'Họ và tên', key: 'name', width: 26 },
    { header: 'Đơn vị', key: 'org', width: 34 },
    { header: 'Loại', key: 'kind', width: 16 },
    { header: 'Số tiền (đồng)', key: 'amount', width: 15, style: { numFmt: MONEY } },
    { header: 'Hình thức', key: 'method', width: 16 },
    { header: 'Mã giao dịch', key: 'ref', width: 16 },
    { header: 'Người thu', key: 'collector', width: 24 },
    { header: 'Ghi chú', key: 'note', width: 30 },
  ];
  ledger.getRow(1).font = { bold: true };
  for (const e of [...d.entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))) {
    ledger.addRow({
      date: dmy(e.date),
      receipt: e.receiptNo ?? '',
      name: e.personName,
      org: e.orgName,
      kind: ENTRY_KIND_LABELS[e.kind].vi,
      amount: e.amount,
      method: e.method ? PAYMENT_METHOD_LABELS[e.method].vi : '',
      ref: e.reference ?? '',
      collector: e.collectorName ?? '',
      note: e.kind === 'reversal' ? (e.reason ?? '') : e.reversed ? 'Đã đảo' : '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
