/** Labels and small pieces shared by the evaluation pages. */
import {
  EVALUATION_STATUS_LABELS,
  EVALUATION_TRACK_LABELS,
  RATING_LEVEL_LABELS,
  type EvaluationStatus,
  type RatingLevel,
} from '@kycuong/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function useLang(): 'vi' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

const LEVEL_COLORS: Record<RatingLevel, string> = { xuat_sac: 'gold', tot: 'green', hoan_thanh: 'blue', khong_hoan_thanh: 'red' };

export function LevelTag({ level }: { level: RatingLevel | null }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (!level) return <Tag>{t('insight.evaluations.none')}</Tag>;
  return <Tag color={LEVEL_COLORS[level]}>{RATING_LEVEL_LABELS[level][lang]}</Tag>;
}

export function StatusTag({ status }: { status: EvaluationStatus }) {
  const lang = useLang();
  return (
    <Tag color={status === 'approved' ? 'green' : status === 'proposed' ? 'blue' : undefined}>{EVALUATION_STATUS_LABELS[status][lang]}</Tag>
  );
}

export function trackLabel(track: 'state' | 'party', lang: 'vi' | 'en'): string {
  return EVALUATION_TRACK_LABELS[track][lang];
}

/** Points with two decimals, Vietnamese style. */
export const points = (n: number | null) => (n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));
export const percent = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`);

/** The current quarter key (2026-Q4) and a few around it, newest first. */
export function recentPeriods(today = new Date()): string[] {
  const y = today.getFullYear();
  const q = Math.floor(today.getMonth() / 3) + 1;
  const out: string[] = [];
  for (let k = 0; k < 6; k++) {
    const qq = ((q - 1 - k + 400) % 4) + 1;
    const yy = y + Math.floor((q - 1 - k) / 4);
    out.push(`${yy}-Q${qq}`);
  }
  out.push(String(y), String(y - 1));
  for (let k = 0; k < 6; k++) {
    const d = new Date(y, today.getMonth() - k, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}
