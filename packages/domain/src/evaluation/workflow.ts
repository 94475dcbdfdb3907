/**
 * Steps of an evaluation: the person's self-assessment, the leader's proposal (general points,
 * major errors, the proposed level), then approval. Approved ratings are kept as history and
 * never edited; a person never proposes or approves their own rating.
 */
export const EVALUATION_STATUSES = ['open', 'self_assessed', 'proposed', 'approved'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const EVALUATION_STATUS_LABELS: Readonly<Record<EvaluationStatus, { vi: string; en: string }>> = {
  open: { vi: 'Chưa tự đánh giá', en: 'Awaiting self-assessment' },
  self_assessed: { vi: 'Đã tự đánh giá', en: 'Self-assessed' },
  proposed: { vi: 'Lãnh đạo đã đề xuất', en: 'Proposed by the leader' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
};

export const EVALUATION_STEPS = ['self_assess', 'propose', 'approve'] as const;
export type EvaluationStep = (typeof EVALUATION_STEPS)[number];

const FROM: Readonly<Record<EvaluationStep, readonly EvaluationStatus[]>> = {
  // The person may revise their self-assessment until the leader has proposed.
  self_assess: ['open', 'self_assessed'],
  // The leader may propose without waiting (a person who never self-assesses cannot block the cycle) and revise a proposal.
  propose: ['open', 'self_assessed', 'proposed'],
  approve: ['proposed'],
};

const TO: Readonly<Record<EvaluationStep, EvaluationStatus>> = { self_assess: 'self_assessed', propose: 'proposed', approve: 'approved' };

/** The status after a step, or null when the step is not allowed from `status`. */
export function nextEvaluationStatus(status: EvaluationStatus, step: EvaluationStep): EvaluationStatus | null {
  return FROM[step].includes(status) ? TO[step] : null;
}
