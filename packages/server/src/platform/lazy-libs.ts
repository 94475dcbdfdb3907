/**
 * Heavy document libraries, loaded on first use instead of at start: importing exceljs and pdfmake
 * took about a third of a cold start (measured on this machine: exceljs 0.5–2 s, pdfmake 0.3–0.9 s,
 * depending on load), and most processes — a server answering lists, the CLI's migrate — never use
 * them. Each is imported once per process; concurrent first callers share the same promise.
 */
import type ExcelJSType from 'exceljs';
import type PdfMakeType from 'pdfmake';

let excel: Promise<typeof ExcelJSType> | undefined;
let pdf: Promise<typeof PdfMakeType> | undefined;

/** The exceljs module. */
export function loadExcelJS(): Promise<typeof ExcelJSType> {
  excel ??= import('exceljs').then((m) => (m as { default?: typeof ExcelJSType }).default ?? (m as unknown as typeof ExcelJSType));
  return excel;
}

/** The process-wide pdfmake instance (fonts added to it stay added). */
export function loadPdfMake(): Promise<typeof PdfMakeType> {
  pdf ??= import('pdfmake').then((m) => (m as { default?: typeof PdfMakeType }).default ?? (m as unknown as typeof PdfMakeType));
  return pdf;
}
