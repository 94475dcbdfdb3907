/**
 * Reading and writing spreadsheets: XLSX through exceljs, CSV (UTF-8 with BOM, so Excel shows
 * Vietnamese correctly) through csv-parse / csv-stringify. The rest of the module sees rows of
 * cell values and never the file format.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import { loadExcelJS } from '../../platform/lazy-libs';

export type CellValue = string | number | boolean | Date | null;
export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  values: CellValue[];
}

export interface Sheet {
  format: SheetFormat;
  headers: string[];
  rows: SheetRow[];
}

/** A file that cannot be read as a sheet; the message is shown to the user as it is. */
export class SheetError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Buffer, magic: number[]) => magic.every((byte, i) => b[i] === byte);

/**
 * Reads the first worksheet of an XLSX file or a CSV file (told apart by content, not by name).
 * Blank rows are left out; `maxRows` stops reading early so a huge file costs little.
 */
export async function readSheet(buffer: Buffer, maxRows: number): Promise<Sheet> {
  if (startsWith(buffer, OLE_MAGIC))
    throw new SheetError('Định dạng Excel 97-2003 (.xls) không được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV UTF-8.');
  if (startsWith(buffer, ZIP_MAGIC)) return readXlsx(buffer, maxRows);
  return readCsv(buffer, maxRows);
}

async function readXlsx(buffer: Buffer, maxRows: number): Promise<Sheet> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('Không đọc được tệp Excel (.xlsx); tệp có thể bị hỏng.');
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new SheetError('Tệp Excel không có trang tính nào.');
  let headers: string[] | undefined;
  const rows: SheetRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    // row.values is 1-based (index 0 is empty).
    const raw = (row.values as unknown[]).slice(1);
    const values = Array.from({ length: raw.length }, (_, i) => fromExcel(raw[i]));
    if (!headers) {
      headers = values.map((v) => cellText(v));
      return;
    }
    if (values.every((v) => cellText(v) === '')) return;
    if (rows.length >= maxRows) {
      tooMany = true;
      return;
    }
    rows.push({ rowNumber, values });
  });
  if (tooMany) throw new TooManyRows(maxRows);
  return { format: 'xlsx', headers: headers ?? [], rows };
}

/** Thrown when a file has more data rows than allowed. */
export class TooManyRows extends SheetError {
  constructor(readonly limit: number) {
    super(`Tệp có hơn ${limit.toLocaleString('vi-VN')} dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.`);
  }
}

/** Plain values out of exceljs cells: rich text, hyperlinks (e-mail cells) and formulas resolved. */
function fromExcel(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('text' in o) return fromExcel(o.text);
    if ('result' in o) return fromExcel(o.result);
    if ('error' in o) return null;
  }
  return null;
}

function readCsv(buffer: Buffer, maxRows: number): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new SheetError('Tệp CSV phải dùng mã UTF-8 (trong Excel chọn “CSV UTF-8 (Comma delimited)”).');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      // At most the header, the allowed rows and one more to notice the excess.
      to: maxRows + 2,
    });
  } catch (err) {
    throw new SheetError(`Tệp CSV không đúng định dạng: ${(err as Error).message}`);
  }
  const [header, ...data] = records;
  const rows: SheetRow[] = [];
  data.forEach((values, i) => {
    if (values.every((v) => v.trim() === '')) return;
    rows.push({ rowNumber: i + 2, values: values.map(unescapeFormula) });
  });
  if (rows.length > maxRows) throw new TooManyRows(maxRows);
  return { format: 'csv', headers: (header ?? []).map((h) => h.trim()), rows };
}

/** Excel writes CSV with the list separator of the user's locale: ',' ';' or a tab. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

// Cells starting with these could run as formulas when a CSV is opened in a spreadsheet
// (CSV injection); the export prefixes them with an apostrophe, the import takes it away.
const FORMULA_START = /^[=+\-@\t\r]/;
function escapeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}
function unescapeFormula(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

/** The text of a cell: trimmed, NFC (names typed on some keyboards arrive decomposed). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').trim();
}

export interface SheetColumn {
  header: string;
  width: number;
}

/**
 * Writes rows to `out` as XLSX or CSV, pulling them from an async source batch by batch and
 * waiting for the output to drain, so a large export never sits in memory.
 */
export async function writeSheet(
  format: SheetFormat,
  out: Writable,
  sheetName: string,
  columns: SheetColumn[],
  rows: AsyncIterable<(string | number | null)[]>,
): Promise<void> {
  if (format === 'csv') {
    const csv = stringify({ bom: true, record_delimiter: 'windows' });
    csv.pipe(out);
    const write = async (record: string[]) => {
      if (!csv.write(record)) await drained(csv, out);
    };
    await write(columns.map((c) => c.header));
    for await (const row of rows) await write(row.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : escapeFormula(v))));
    const finished = once(out, 'finish');
    csv.end();
    await finished;
    return;
  }
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const row of rows) {
    ws.addRow(row).commit();
    if (out.writableNeedDrain) await drained(out, out);
  }
  ws.commit();
  await wb.commit();
}

/**
 * Waits until `stream` can take more, or fails when the destination goes away (a client that
 * closed the download), so an export never waits forever.
 */
function drained(stream: Writable, destination: Writable): Promise<void> {
  if (destination.destroyed) return Promise.reject(new Error('output closed'));
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', onDrain);
      destination.off('close', onClose);
      destination.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('output closed'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    stream.on('drain', onDrain);
    destination.on('close', onClose);
    destination.on('error', onError);
  });
}

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
