/**
 * The receipt (biên nhận) of one contribution as a PDF. pdfmake's bundled Roboto is embedded:
 * it has every Vietnamese glyph, unlike the PDF standard fonts, which would print boxes for ộ, ữ.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { PAYMENT_METHOD_LABELS, amountInWords, formatDong, type PaymentMethod } from '@kycuong/domain';
import { loadPdfMake } from '../../platform/lazy-libs';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);
const ROBOTO_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
const ROBOTO = {
  normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
};

export interface ReceiptData {
  receiptNo: string;
  entryId: string;
  orgName: string;
  /** The organising org's parent, printed above it as Vietnamese letterheads do. */
  parentOrgName: string | null;
  campaignTitle: string;
  beneficiary: string;
  personName: string;
  unitName: string;
  amount: number;
  method: PaymentMethod | null;
  reference: string | null;
  /** `YYYY-MM-DD`. */
  date: string;
  collectorName: string | null;
  /** Set when the contribution was cancelled by a reversal. */
  reversal: { date: string; reason: string | null } | null;
  confirmedAt: string | null;
}

function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `Hà Nội, ngày ${d} tháng ${m} năm ${y}`;
}

function line(label: string, value: string | Content, bold = false): Content {
  return {
    columns: [{ width: 150, text: label }, typeof value === 'string' ? { width: '*', text: value, bold } : { width: '*', stack: [value] }],
    margin: [0, 1.5, 0, 1.5],
  };
}

/** The document definition (exported for tests that inspect the layout without rendering). */
export function receiptDefinition(r: ReceiptData): TDocumentDefinitions {
  const method = r.method ? PAYMENT_METHOD_LABELS[r.method].vi : '—';
  const methodText = r.method === 'transfer' && r.reference ? `${method} (mã giao dịch: ${r.reference})` : method;
  const content: Content[] = [
    {
      columns: [
        {
          width: '45%',
          stack: [
            ...(r.parentOrgName ? [{ text: r.parentOrgName.toUpperCase(), fontSize: 9 }] : []),
            { text: r.orgName.toUpperCase(), bold: true, fontSize: 10 },
          ],
          alignment: 'center',
        },
        {
          width: '55%',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 10 },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: 10, decoration: 'underline' },
          ],
          alignment: 'center',
        },
      ],
    },
    { text: 'BIÊN NHẬN ỦNG HỘ', style: 'title', margin: [0, 10, 0, 0] },
    { text: `Số: ${r.receiptNo}`, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: r.campaignTitle, alignment: 'center', italics: true, margin: [30, 0, 30, 8] },
    line('Họ và tên người nộp:', r.personName, true),
    line('Đơn vị:', r.unitName),
    line('Số tiền:', `${formatDong(r.amount)} đồng`, true),
    line('Viết bằng chữ:', { text: amountInWords(r.amount), italics: true }),
    line('Hình thức nộp:', methodText),
    line('Ngày nộp:', dmy(r.date)),
    line('Người thu:', r.collectorName ?? '—'),
    line('Đơn vị thụ hưởng:', r.beneficiary),
  ];
  if (r.reversal) {
    content.push({
      text: `ĐÃ HỦY — khoản nộp này đã được ghi bút toán đảo ngày ${dmy(r.reversal.date)}${r.reversal.reason ? ` (lý do: ${r.reversal.reason})` : ''}. Biên nhận không còn giá trị.`,
      color: '#b42318',
      bold: true,
      margin: [0, 6, 0, 0],
    });
  } else if (r.confirmedAt) {
    content.push({ text: `Người nộp đã xác nhận khoản nộp ngày ${dmy(r.confirmedAt.slice(0, 10))}.`, italics: true, margin: [0, 4, 0, 0] });
  }
  content.push(
    { text: longDate(r.date), alignment: 'right', italics: true, margin: [0, 8, 0, 2] },
    {
      columns: [
        {
          width: '50%',
          stack: [
            { text: 'NGƯỜI NỘP TIỀN', bold: true },
            { text: '(Ký, ghi rõ họ tên)', italics: true, fontSize: 9 },
            { text: r.personName, margin: [0, 30, 0, 0] },
          ],
          alignment: 'center',
        },
        {
          width: '50%',
          stack: [
            { text: 'NGƯỜI THU TIỀN', bold: true },
            { text: '(Ký, ghi rõ họ tên)', italics: true, fontSize: 9 },
            { text: r.collectorName ?? '', margin: [0, 30, 0, 0] },
          ],
          alignment: 'center',
        },
      ],
    },
  );
  return {
    pageSize: 'A5',
    pageOrientation: 'landscape',
    pageMargins: [36, 24, 36, 24],
    info: { title: `Biên nhận ủng hộ số ${r.receiptNo}`, subject: r.campaignTitle, creator: 'Kỷ Cương' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.1 },
    styles: { title: { fontSize: 16, bold: true, alignment: 'center' } },
    footer: { text: `Mã tra cứu: ${r.entryId}`, fontSize: 7, color: '#667085', alignment: 'center' },
    content,
  };
}

/** Renders the receipt to PDF bytes. */
export async function renderReceipt(r: ReceiptData): Promise<Buffer> {
  // The pdfmake instance is shared by the process; adding (not replacing) our font keeps any
  // font another module registered.
  const pdfmake = await loadPdfMake();
  pdfmake.addFonts({ Roboto: ROBOTO });
  // Receipts embed nothing but their fonts: deny remote resources and other local files, unless
  // another module has already chosen its own policy for the shared instance.
  const shared = pdfmake as unknown as { urlAccessPolicy?: unknown; localAccessPolicy?: unknown };
  if (shared.urlAccessPolicy === undefined) pdfmake.setUrlAccessPolicy(() => false);
  if (shared.localAccessPolicy === undefined) pdfmake.setLocalAccessPolicy((file) => /\.(ttf|otf|ttc)$/i.test(file));
  return pdfmake.createPdf(receiptDefinition(r)).getBuffer();
}
