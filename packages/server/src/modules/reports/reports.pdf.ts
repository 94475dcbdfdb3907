/**
 * The report as PDF, laid out from the same `FORMAT_RULES` as the Word document. The font is
 * Liberation Serif 2 (Debian fonts-liberation2, a metric twin of Times New Roman with every
 * Vietnamese glyph); where it is not installed, pdfmake's bundled Roboto, which also has them.
 * The PDF standard fonts are never used: they print boxes for ộ, ữ (STACK.md).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FORMAT_RULES, mmToPt, type ReportDraft, type TextStyle } from '@kycuong/domain';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { annexLine, columnWidthsMm } from './reports.docx';

const require = createRequire(import.meta.url);
const LIBERATION_DIR = process.env.KYCUONG_SERIF_FONT_DIR ?? '/usr/share/fonts/truetype/liberation2';
const ROBOTO_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));

/** The serif font when installed, else Roboto; answers the family name registered with pdfmake. */
export function reportPdfFont(): string {
  const serif = {
    normal: path.join(LIBERATION_DIR, 'LiberationSerif-Regular.ttf'),
    bold: path.join(LIBERATION_DIR, 'LiberationSerif-Bold.ttf'),
    italics: path.join(LIBERATION_DIR, 'LiberationSerif-Italic.ttf'),
    bolditalics: path.join(LIBERATION_DIR, 'LiberationSerif-BoldItalic.ttf'),
  };
  if (Object.values(serif).every((f) => fs.existsSync(f))) {
    pdfmake.addFonts({ LiberationSerif: serif });
    return 'LiberationSerif';
  }
  pdfmake.addFonts({
    Roboto: {
      normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  return 'Roboto';
}

const t = (text: string, s: TextStyle, extra: Record<string, unknown> = {}): Content => ({
  text,
  fontSize: s.sizePt,
  bold: s.bold,
  italics: s.italic,
  ...(s.underline ? { decoration: 'underline' } : {}),
  ...extra,
});

/** A centred rule of `len` points inside a box `width` points wide. */
const rule = (width: number, len: number): Content => ({
  canvas: [{ type: 'line', x1: (width - len) / 2, y1: 2, x2: (width + len) / 2, y2: 2, lineWidth: 0.6 }],
  margin: [0, 3, 0, 6],
});

/** The document definition (exported for tests that inspect the layout without rendering). */
export function reportDefinition(d: ReportDraft, font: string): TDocumentDefinitions {
  const r = FORMAT_RULES[d.format];
  const textWidth = mmToPt(r.pageMm.width - r.marginsMm.left - r.marginsMm.right);
  const leftW = textWidth * (d.format === 'party' ? 0.45 : 0.38);
  const rightW = textWidth - leftW;
  const left: Content[] = [];
  if (d.header.superior) left.push(t(d.header.superior, r.superior));
  left.push(t(d.header.issuer, r.issuer));
  left.push(r.star ? t(r.star, r.issuer) : rule(leftW, leftW / 3));
  left.push(t(d.header.numberLine, r.number));
  const right: Content[] = r.national.map((l) => t(l.text, l.style));
  right.push(t(d.header.placeDate, r.placeDate, { margin: [0, 8, 0, 0] }));

  const content: Content[] = [
    {
      columns: [
        { width: leftW, stack: left },
        { width: rightW, stack: right },
      ],
      alignment: 'center',
      columnGap: 0,
    },
    t(d.docType, r.docType, { alignment: 'center', margin: [0, 14, 0, 0] }),
    t(d.subject, r.subject, { alignment: 'center' }),
    d.format === 'party' ? t('-----', r.body, { alignment: 'center', margin: [0, 0, 0, 6] }) : rule(textWidth, textWidth / 4),
  ];
  for (const s of d.sections) {
    content.push(t(s.heading, r.heading, { margin: [0, 6, 0, 4] }));
    for (const line of s.text.split(/\n+/).filter((l) => l.trim() !== ''))
      content.push(t(line.trim(), r.body, { alignment: 'justify', leadingIndent: mmToPt(r.indentMm), margin: [0, 0, 0, 5] }));
  }
  const sign: Content[] = [];
  if (d.signer.authority) sign.push(t(d.signer.authority, r.signAuthority));
  sign.push(t(d.signer.position, r.signPosition));
  sign.push({ text: ' ', margin: [0, 0, 0, 60] });
  sign.push(t(d.signer.name ?? '', r.signName));
  content.push({
    columns: [
      {
        width: textWidth * 0.45,
        stack: [t(r.recipientsLabel.text, r.recipientsLabel.style), ...d.recipients.map((x) => t(`- ${x}`, r.recipientsItem))],
      },
      { width: textWidth * 0.55, stack: sign, alignment: 'center' },
    ],
    margin: [0, 12, 0, 0],
    unbreakable: true,
  });

  if (d.tables.length > 0) {
    content.push(t('PHỤ LỤC SỐ LIỆU', r.docType, { alignment: 'center', pageBreak: 'before' }));
    content.push(
      t(
        annexLine(d),
        { ...r.body, italic: true },
        {
          alignment: 'center',
          margin: [0, 0, 0, 8],
        },
      ),
    );
    d.tables.forEach((tb, i) => {
      content.push(t(`Biểu ${i + 1}. ${tb.title}`, r.heading, { margin: [0, 8, 0, 4] }));
      const widths = columnWidthsMm(tb.columns, r.pageMm.width - r.marginsMm.left - r.marginsMm.right).map(mmToPt);
      const body: TableCell[][] = [
        tb.columns.map((c) => ({ ...(t(c, { ...r.table, bold: true }) as object), alignment: 'center' }) as TableCell),
        ...(tb.rows.length ? tb.rows : [tb.columns.map((_, j) => (j === 0 ? 'Không có số liệu' : ''))]).map((row) =>
          row.map(
            (v) =>
              ({
                ...(t(v === null ? '' : typeof v === 'number' ? v.toLocaleString('vi-VN') : v, r.table) as object),
                alignment: typeof v === 'number' ? 'center' : 'left',
              }) as TableCell,
          ),
        ),
      ];
      content.push({
        table: { headerRows: 1, widths: widths.map((w) => w - 6.5), body },
        layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingLeft: () => 3, paddingRight: () => 3 },
      });
      if (tb.note) content.push(t(tb.note, { ...r.table, italic: true }, { margin: [0, 2, 0, 0] }));
    });
  }

  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [mmToPt(r.marginsMm.left), mmToPt(r.marginsMm.top), mmToPt(r.marginsMm.right), mmToPt(r.marginsMm.bottom)],
    info: { title: `${d.docType} ${d.subject}`, creator: 'Kỷ Cương' },
    // Page numbers centred at the top from page 2.
    header: (page: number) =>
      page >= r.pageNumber.fromPage
        ? { text: String(page), alignment: 'center', fontSize: r.pageNumber.style.sizePt, margin: [0, mmToPt(10), 0, 0] }
        : null,
    defaultStyle: { font, fontSize: r.body.sizePt, lineHeight: 1.15 },
    content,
  };
}

/** Renders the draft (as edited) to PDF bytes. */
export async function renderPdf(d: ReportDraft): Promise<Buffer> {
  const font = reportPdfFont();
  const shared = pdfmake as unknown as { urlAccessPolicy?: unknown; localAccessPolicy?: unknown };
  if (shared.urlAccessPolicy === undefined) pdfmake.setUrlAccessPolicy(() => false);
  if (shared.localAccessPolicy === undefined) pdfmake.setLocalAccessPolicy((file) => /\.(ttf|otf|ttc)$/i.test(file));
  return pdfmake.createPdf(reportDefinition(d, font)).getBuffer();
}
