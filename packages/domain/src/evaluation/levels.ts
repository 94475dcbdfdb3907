/**
 * The four rating levels shared by both tracks (DOMAIN §5): civil servants under NĐ 335/2025 and
 * Party members under Quy định 124-QĐ/TW.
 */
export const RATING_LEVELS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LEVEL_LABELS: Readonly<Record<RatingLevel, { vi: string; en: string }>> = {
  xuat_sac: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent' },
  tot: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
  hoan_thanh: { vi: 'Hoàn thành nhiệm vụ', en: 'Satisfactory' },
  khong_hoan_thanh: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' },
};

/** Higher is better: 3 = xuất sắc … 0 = không hoàn thành. */
export function levelRank(level: RatingLevel): number {
  return 3 - RATING_LEVELS.indexOf(level);
}

/** The lower of two levels. */
export function minLevel(a: RatingLevel, b: RatingLevel): RatingLevel {
  return levelRank(a) <= levelRank(b) ? a : b;
}

/** NĐ 335/2025 bands: ≥ 90 xuất sắc, 70–89 tốt, 50–69 hoàn thành, < 50 không hoàn thành. */
export function levelForScore(score: number): RatingLevel {
  if (score >= 90) return 'xuat_sac';
  if (score >= 70) return 'tot';
  if (score >= 50) return 'hoan_thanh';
  return 'khong_hoan_thanh';
}

/** The two evaluation tracks of one person. */
export const EVALUATION_TRACKS = ['state', 'party'] as const;
export type EvaluationTrack = (typeof EVALUATION_TRACKS)[number];

export const EVALUATION_TRACK_LABELS: Readonly<Record<EvaluationTrack, { vi: string; en: string }>> = {
  state: { vi: 'Công chức (NĐ 335/2025)', en: 'Civil servant (Decree 335/2025)' },
  party: { vi: 'Đảng viên (QĐ 124-QĐ/TW)', en: 'Party member (Regulation 124-QĐ/TW)' },
};
