/** Money in the UI: whole đồng with Vietnamese thousand separators, typed fast ("500k", "1,5tr"). */
import {
  CAMPAIGN_KIND_LABELS,
  CAMPAIGN_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  amountInWords,
  parseTypedAmount,
  type CampaignKind,
  type CampaignStatus,
  type PaymentMethod,
} from '@kycuong/domain';
import { useTranslation } from 'react-i18next';

const GROUPED = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1500000 → "1.500.000". */
export function dong(amount: number): string {
  return GROUPED.format(amount);
}

/** What a collector types in an amount cell ("500.000", "500k", "1,5tr"), or null; the rule lives in the domain. */
export const parseAmount = parseTypedAmount;

/** The amount in words, or '' when it cannot be read. */
export function words(amount: number | null): string {
  if (amount === null || !Number.isSafeInteger(amount) || amount < 0) return '';
  return amountInWords(amount);
}

export function useCampaignLabels() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return {
    status: (s: CampaignStatus) => CAMPAIGN_STATUS_LABELS[s][lang],
    kind: (k: CampaignKind) => CAMPAIGN_KIND_LABELS[k][lang],
    method: (m: PaymentMethod | null) => (m ? PAYMENT_METHOD_LABELS[m][lang] : '—'),
  } as const;
}

export const STATUS_COLORS: Record<CampaignStatus, string> = { draft: 'default', open: 'green', closed: 'orange', settled: 'blue' };

/** "2023-09-15" → "15/09/2023". */
export function dmy(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function percent(rate: number | null): string {
  if (rate === null) return '—';
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(rate * 100)}%`;
}
