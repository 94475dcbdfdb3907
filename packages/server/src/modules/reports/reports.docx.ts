/**
 * The report as a Word document in the format of its body (Party: Hướng dẫn 36-HD/VPTW; State:
 * Nghị định 30/2020/NĐ-CP). Every size, weight, margin and the page-number rule come from
 * `FORMAT_RULES` in @kycuong/domain, so the document and the tests read one table.
 */
import { FORMAT_RULES, mmToTwip, type ReportDraft, type ReportTable, type TextStyle } from '@kycuong/domain';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function run(text: string, s: TextStyle, font: string): TextRun {
  return new TextRun({
    text,
    font,
    size: s.sizePt * 2,
    bold: s.bold,
    italics: s.italic,
    ...(s.underline ? { underline: {} } : {}),
  });
}

function para(
  text: string,
  s: TextStyle,
  font: string,
  opts: { align?: Align; before?: number; after?: number; indentMm?: number; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.CENTER,
    spacing: { before: (opts.before ?? 0) * 20, after: (opts.after ?? 0) * 20 },
    ...(opts.indentMm ? { indent: { firstLine: mmToTwip(opts.indentMm) } } : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
    children: [run(text, s, font)],
  });
}

/** A short centred rule under a heading line (NĐ 30: 1/3 to 1/2 of the line above). */
function rule(widthMm: number, lineMm: number): Paragraph {
  const side = mmToTwip(Math.max(0, (widthMm - lineMm) / 2));
  return new Paragraph({ border: { bottom: LINE }, indent: { left: side, right: side }, spacing: { after: 120 }, children: [] });
}

function cell(children: Paragraph[], widthMm: number, borders = false): TableCell {
  return new TableCell({
    children,
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    ...(borders ? {} : { borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } }),
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
  });
}

function layoutTable(cols: [Paragraph[], Paragraph[]], widths: [number, number]): Table {
  return new Table({
    width: { size: mmToTwip(widths[0] + widths[1]), type: WidthType.DXA },
    columnWidths: widths.map(mmToTwip),
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(cols[0], widths[0]), cell(cols[1], widths[1])] })],
  });
}

const WIDE_COLUMN = /^(Đơn vị|Nhiệm vụ|Dấu hiệu|Nhóm biểu hiện|Mức xếp loại|Nhóm nhiệm vụ)$/;

/** Column widths: a narrow STT, the one text column (unit, task…) wide, the figures sharing the rest. */
export function columnWidthsMm(columns: readonly string[], textWidthMm: number): number[] {
  const wide = columns.findIndex((c) => WIDE_COLUMN.test(c));
  const stt = columns[0] === 'STT' ? 10 : 0;
  const others = columns.length - (stt ? 1 : 0) - (wide >= 0 ? 1 : 0);
  if (wide < 0) return columns.map((_, i) => (i === 0 && stt ? stt : (textWidthMm - stt) / Math.max(1, others)));
  const each = Math.min(24, (textWidthMm - stt - 40) / Math.max(1, others));
  const wideW = textWidthMm - stt - each * others;
  return columns.map((_, i) => (i === wide ? wideW : i === 0 && stt ? stt : each));
}

function dataTable(t: ReportTable, textWidthMm: number, s: TextStyle, font: string): Table {
  const widths = columnWidthsMm(t.columns, textWidthMm);
  const head = { ...s, bold: true };
  const rowOf = (cells: (string | number | null)[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (v, i) =>
          new TableCell({
            width: { size: mmToTwip(widths[i]!), type: WidthType.DXA },
            margins: { left: 60, right: 60, top: 20, bottom: 20 },
            verticalAlign: VerticalAlign.CENTER,
            children: [
              new Paragraph({
                alignment: header || typeof v === 'number' ? AlignmentType.CENTER : AlignmentType.LEFT,
                children: [run(v === null ? '' : typeof v === 'number' ? v.toLocaleString('vi-VN') : v, header ? head : s, font)],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: mmToTwip(textWidthMm), type: WidthType.DXA },
    columnWidths: widths.map(mmToTwip),
    rows: [
      rowOf(t.columns, true),
      ...(t.rows.length ? t.rows : [t.columns.map((_, i) => (i === 0 ? 'Không có số liệu' : ''))]).map((r) => rowOf(r, false)),
    ],
  });
}

/** "(Kèm theo Báo cáo số 05-BC/ĐU của …)", without the number while it is still blank. */
export function annexLine(d: ReportDraft): string {
  const m = /\d/.test(d.header.numberLine) ? ` ${d.header.numberLine.replace(/^Số:?\s*/, 'số ')}` : '';
  return `(Kèm theo Báo cáo${m} của ${d.org.name})`;
}

/** Renders the draft (as edited) to DOCX bytes. */
export async function renderDocx(d: ReportDraft): Promise<Buffer> {
  const r = FORMAT_RULES[d.format];
  const font = r.font;
  const textWidth = r.pageMm.width - r.marginsMm.left - r.marginsMm.right;
  const leftW = textWidth * (d.format === 'party' ? 0.45 : 0.38);
  const rightW = textWidth - leftW;

  const left: Paragraph[] = [];
  if (d.header.superior) left.push(para(d.header.superior, r.superior, font));
  left.push(para(d.header.issuer, r.issuer, font));
  if (r.star) left.push(para(r.star, r.issuer, font));
  else left.push(rule(leftW, leftW / 3));
  left.push(para(d.header.numberLine, r.number, font));

  // Tiêu ngữ and the Party heading are underlined (a rule as long as the words themselves).
  const right: Paragraph[] = r.national.map((line) => para(line.text, line.style, font));
  right.push(para(d.header.placeDate, r.placeDate, font, { before: 12 }));

  const body: (Paragraph | Table)[] = [layoutTable([left, right], [leftW, rightW])];
  body.push(para(d.docType, r.docType, font, { before: 18 }));
  body.push(para(d.subject, r.subject, font));
  body.push(d.format === 'party' ? para('-----', r.body, font, { after: 6 }) : rule(textWidth, textWidth / 4));

  for (const s of d.sections) {
    body.push(para(s.heading, r.heading, font, { align: AlignmentType.LEFT, before: 6, after: 6, keepNext: true }));
    for (const line of s.text.split(/\n+/).filter((l) => l.trim() !== ''))
      body.push(para(line.trim(), r.body, font, { align: AlignmentType.JUSTIFIED, after: 6, indentMm: r.indentMm }));
  }

  const recipients: Paragraph[] = [
    para(r.recipientsLabel.text, r.recipientsLabel.style, font, { align: AlignmentType.LEFT, before: 12 }),
    ...d.recipients.map((x) => para(`- ${x}`, r.recipientsItem, font, { align: AlignmentType.LEFT })),
  ];
  const sign: Paragraph[] = [];
  if (d.signer.authority) sign.push(para(d.signer.authority, r.signAuthority, font, { before: 12 }));
  sign.push(para(d.signer.position, r.signPosition, font, d.signer.authority ? {} : { before: 12 }));
  // Room for the signature and the seal.
  for (let i = 0; i < 4; i++) sign.push(para('', r.body, font));
  sign.push(para(d.signer.name ?? '', r.signName, font));
  body.push(layoutTable([recipients, sign], [textWidth * 0.45, textWidth * 0.55]));

  if (d.tables.length > 0) {
    body.push(
      new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: [run('PHỤ LỤC SỐ LIỆU', r.docType, font)] }),
    );
    body.push(para(annexLine(d), { ...r.body, italic: true }, font, { after: 12 }));
    d.tables.forEach((t, i) => {
      body.push(para(`Biểu ${i + 1}. ${t.title}`, r.heading, font, { align: AlignmentType.LEFT, before: 12, after: 6, keepNext: true }));
      body.push(dataTable(t, textWidth, r.table, font));
      if (t.note) body.push(para(t.note, { ...r.table, italic: true }, font, { align: AlignmentType.LEFT, before: 3 }));
    });
  }

  const pageNumber: ParagraphChild = new TextRun({
    children: [PageNumber.CURRENT],
    font,
    size: r.pageNumber.style.sizePt * 2,
  });
  const doc = new Document({
    creator: 'Kỷ Cương',
    title: `${d.docType} ${d.subject}`,
    styles: { default: { document: { run: { font, size: r.body.sizePt * 2 } } } },
    sections: [
      {
        properties: {
          // A different first page: page numbers start on page 2, centred at the top.
          titlePage: true,
          page: {
            size: { width: mmToTwip(r.pageMm.width), height: mmToTwip(r.pageMm.height), orientation: PageOrientation.PORTRAIT },
            margin: {
              top: mmToTwip(r.marginsMm.top),
              bottom: mmToTwip(r.marginsMm.bottom),
              left: mmToTwip(r.marginsMm.left),
              right: mmToTwip(r.marginsMm.right),
              header: mmToTwip(10),
              footer: mmToTwip(10),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [pageNumber] })] }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
