/**
 * The life of a campaign (cuộc vận động): prepared as a draft, opened for pledges and
 * contributions, closed when collection ends, and settled once what was collected has been handed
 * over to the beneficiary. Transitions only go forward and are made by the organising officer.
 */

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'settled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_KINDS = ['money', 'movement'] as const;
/** `money`: a fundraising drive (quyên góp); `movement`: a non-money movement (phong trào). */
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatus, { vi: string; en: string }>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  open: { vi: 'Đang vận động', en: 'Open' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  settled: { vi: 'Đã bàn giao, quyết toán', en: 'Settled' },
};

export const CAMPAIGN_KIND_LABELS: Readonly<Record<CampaignKind, { vi: string; en: string }>> = {
  money: { vi: 'Quyên góp, ủng hộ', en: 'Fundraising' },
  movement: { vi: 'Phong trào', en: 'Movement' },
};

const NEXT: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['settled'],
  settled: [],
};

/** The statuses a campaign may move to from `from`. */
export function nextStatuses(from: CampaignStatus): readonly CampaignStatus[] {
  return NEXT[from];
}

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return NEXT[from].includes(to);
}

/** Pledges and contributions are recorded only while the campaign is open. */
export function acceptsEntries(status: CampaignStatus): boolean {
  return status === 'open';
}

/**
 * A wrong entry may still be reversed after collection has closed (the treasurer reconciles the
 * paper lists), but not once the campaign is settled: its totals are then final.
 */
export function acceptsReversals(status: CampaignStatus): boolean {
  return status === 'open' || status === 'closed';
}

/** Handovers to the beneficiary happen during or after collection, never after settlement. */
export function acceptsHandovers(status: CampaignStatus): boolean {
  return status === 'open' || status === 'closed';
}

/** The campaign's description (title, period, target…) may change until it is closed. */
export function isEditable(status: CampaignStatus): boolean {
  return status === 'draft' || status === 'open';
}

/** Drafts are the officer's work in progress: nobody else sees them, not even on the public page. */
export function isVisibleToParticipants(status: CampaignStatus): boolean {
  return status !== 'draft';
}

export type SettlementProblem = { code: 'not_closed' } | { code: 'handover_mismatch'; collected: number; handedOver: number };

/**
 * Whether a closed campaign may be settled: a money campaign must have handed over exactly what
 * it collected (net of reversals), so the public page can show that nothing is left over or
 * missing. A movement has nothing to hand over.
 */
export function settlementProblem(input: {
  status: CampaignStatus;
  kind: CampaignKind;
  collected: number;
  handedOver: number;
}): SettlementProblem | null {
  if (input.status !== 'closed') return { code: 'not_closed' };
  if (input.kind === 'money' && input.collected !== input.handedOver) {
    return { code: 'handover_mismatch', collected: input.collected, handedOver: input.handedOver };
  }
  return null;
}
