/**
 * The campaign ledger: pledges and contributions are appended, never edited or deleted. A wrong
 * entry is cancelled by a reversal — a counter-entry of the opposite amount that names the entry
 * it reverses and why — so every total is simply the sum of the entries and always reconciles
 * with the paper trail. An entry is reversed at most once; a reversal itself is never reversed
 * (a mistaken reversal is fixed by recording the entry again).
 */
import type { CampaignKind } from './status';

export const ENTRY_KINDS = ['pledge', 'contribution', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const PAYMENT_METHODS = ['cash', 'transfer', 'payroll'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ENTRY_KIND_LABELS: Readonly<Record<EntryKind, { vi: string; en: string }>> = {
  pledge: { vi: 'Đăng ký ủng hộ', en: 'Pledge' },
  contribution: { vi: 'Đã nộp', en: 'Contribution' },
  reversal: { vi: 'Bút toán đảo', en: 'Reversal' },
};

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, { vi: string; en: string }>> = {
  cash: { vi: 'Tiền mặt', en: 'Cash' },
  transfer: { vi: 'Chuyển khoản', en: 'Bank transfer' },
  payroll: { vi: 'Trừ qua lương', en: 'Payroll deduction' },
};

/** The largest amount one entry may carry: a thousand billion đồng, far beyond any drive. */
export const MAX_ENTRY_AMOUNT = 1_000_000_000_000;

/** What the ledger rules need to know of an entry. */
export interface LedgerEntry {
  id: string;
  kind: EntryKind;
  /** Integer đồng; negative only for a reversal. */
  amount: number;
  personId: string;
  orgId: string;
  method: PaymentMethod | null;
  /** `YYYY-MM-DD`. */
  date: string;
  reversesEntryId: string | null;
}

export type EntryProblem =
  | 'not_integer'
  | 'not_positive'
  | 'must_be_zero_or_positive'
  | 'too_large'
  | 'pledge_in_movement'
  | 'method_required'
  | 'reference_required';

/**
 * Checks a new pledge or contribution. Money campaigns take positive whole đồng; a movement
 * records participation, so its contributions may carry 0 (or an amount, e.g. books donated at
 * their value) and it takes no pledges. A bank transfer needs its reference so the treasurer can
 * match the bank statement.
 */
export function entryProblems(
  campaignKind: CampaignKind,
  entry: { kind: 'pledge' | 'contribution'; amount: number; method: PaymentMethod | null; reference: string | null },
): { field: 'amount' | 'kind' | 'method' | 'reference'; problem: EntryProblem }[] {
  const out: { field: 'amount' | 'kind' | 'method' | 'reference'; problem: EntryProblem }[] = [];
  if (!Number.isSafeInteger(entry.amount)) out.push({ field: 'amount', problem: 'not_integer' });
  else if (entry.amount > MAX_ENTRY_AMOUNT) out.push({ field: 'amount', problem: 'too_large' });
  else if (campaignKind === 'money' && entry.amount <= 0) out.push({ field: 'amount', problem: 'not_positive' });
  else if (campaignKind === 'movement' && entry.amount < 0) out.push({ field: 'amount', problem: 'must_be_zero_or_positive' });
  if (campaignKind === 'movement' && entry.kind === 'pledge') out.push({ field: 'kind', problem: 'pledge_in_movement' });
  if (campaignKind === 'money' && entry.kind === 'contribution' && entry.method === null)
    out.push({ field: 'method', problem: 'method_required' });
  if (entry.kind === 'contribution' && entry.method === 'transfer' && !entry.reference?.trim()) {
    out.push({ field: 'reference', problem: 'reference_required' });
  }
  return out;
}

export const ENTRY_PROBLEM_MESSAGES: Readonly<Record<EntryProblem, { vi: string; en: string }>> = {
  not_integer: { vi: 'Số tiền phải là số nguyên đồng', en: 'The amount must be a whole number of đồng' },
  not_positive: { vi: 'Số tiền phải lớn hơn 0', en: 'The amount must be greater than 0' },
  must_be_zero_or_positive: { vi: 'Số tiền không được âm', en: 'The amount must not be negative' },
  too_large: { vi: 'Số tiền quá lớn', en: 'The amount is too large' },
  pledge_in_movement: { vi: 'Phong trào không nhận đăng ký ủng hộ tiền', en: 'A movement takes no pledges' },
  method_required: { vi: 'Chọn hình thức nộp', en: 'Choose a payment method' },
  reference_required: { vi: 'Nhập mã giao dịch chuyển khoản', en: 'Enter the transfer reference' },
};

export type ReversalProblem = 'is_reversal' | 'already_reversed';

/** Why `target` cannot be reversed given the entries already in the ledger, or null. */
export function reversalProblem(target: LedgerEntry, ledger: readonly LedgerEntry[]): ReversalProblem | null {
  if (target.kind === 'reversal') return 'is_reversal';
  if (ledger.some((e) => e.kind === 'reversal' && e.reversesEntryId === target.id)) return 'already_reversed';
  return null;
}

/** The counter-entry that cancels `target`: same person, unit and method, opposite amount. */
export function reversalOf(target: LedgerEntry, id: string, date: string): LedgerEntry {
  if (target.kind === 'reversal') throw new Error('A reversal cannot be reversed');
  return {
    id,
    kind: 'reversal',
    amount: -target.amount,
    personId: target.personId,
    orgId: target.orgId,
    method: target.method,
    date,
    reversesEntryId: target.id,
  };
}

/** The bucket an entry counts in: a reversal counts against the kind of the entry it reverses. */
export function bucketOf(entry: LedgerEntry, byId: ReadonlyMap<string, LedgerEntry>): 'pledge' | 'contribution' | null {
  if (entry.kind !== 'reversal') return entry.kind;
  const target = entry.reversesEntryId ? byId.get(entry.reversesEntryId) : undefined;
  return target && target.kind !== 'reversal' ? target.kind : null;
}

export interface LedgerTotals {
  /** Net contributions: contributions plus their reversals. */
  contributed: number;
  /** Net pledges. */
  pledged: number;
  /** People with at least one contribution that is not reversed. */
  contributors: number;
  byMethod: Partial<Record<PaymentMethod, number>>;
  /** Net contributions per day (`YYYY-MM-DD`), in date order. */
  byDay: { date: string; amount: number }[];
  byOrg: Map<string, number>;
}

/** Totals of a ledger, all as plain sums of the entries (the server computes the same in SQL). */
export function ledgerTotals(entries: readonly LedgerEntry[]): LedgerTotals {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal' && e.reversesEntryId).map((e) => e.reversesEntryId!));
  let contributed = 0;
  let pledged = 0;
  const byMethod: Partial<Record<PaymentMethod, number>> = {};
  const byDay = new Map<string, number>();
  const byOrg = new Map<string, number>();
  const contributors = new Set<string>();
  for (const e of entries) {
    const bucket = bucketOf(e, byId);
    if (bucket === 'pledge') pledged += e.amount;
    if (bucket !== 'contribution') continue;
    contributed += e.amount;
    if (e.method) byMethod[e.method] = (byMethod[e.method] ?? 0) + e.amount;
    byDay.set(e.date, (byDay.get(e.date) ?? 0) + e.amount);
    byOrg.set(e.orgId, (byOrg.get(e.orgId) ?? 0) + e.amount);
    if (e.kind === 'contribution' && !reversed.has(e.id)) contributors.add(e.personId);
  }
  return {
    contributed,
    pledged,
    contributors: contributors.size,
    byMethod,
    byDay: [...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, amount]) => ({ date, amount })),
    byOrg,
  };
}

export interface Reconciliation {
  ok: boolean;
  /** Sum of every contribution-bucket entry (what the totals show). */
  ledgerTotal: number;
  /** Sum of the contributions that are still standing (what the treasurer's list shows). */
  standingTotal: number;
  problems: string[];
}

/**
 * Checks that the ledger is internally consistent: every reversal names an existing,
 * non-reversal entry, cancels it exactly, and no entry is reversed twice; then the sum of all
 * entries equals the sum of the standing (unreversed) contributions.
 */
export function reconcile(entries: readonly LedgerEntry[]): Reconciliation {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.kind !== 'reversal') {
      if (e.amount < 0) problems.push(`entry ${e.id}: negative ${e.kind}`);
      continue;
    }
    const target = e.reversesEntryId ? byId.get(e.reversesEntryId) : undefined;
    if (!target) problems.push(`reversal ${e.id}: reversed entry not found`);
    else if (target.kind === 'reversal') problems.push(`reversal ${e.id}: reverses another reversal`);
    else if (target.amount !== -e.amount) problems.push(`reversal ${e.id}: amount ${e.amount} does not cancel ${target.amount}`);
    if (e.reversesEntryId) {
      if (seen.has(e.reversesEntryId)) problems.push(`entry ${e.reversesEntryId}: reversed more than once`);
      seen.add(e.reversesEntryId);
    }
  }
  const ledgerTotal = ledgerTotals(entries).contributed;
  const standingTotal = entries.filter((e) => e.kind === 'contribution' && !seen.has(e.id)).reduce((s, e) => s + e.amount, 0);
  if (problems.length === 0 && ledgerTotal !== standingTotal)
    problems.push(`ledger total ${ledgerTotal} differs from standing contributions ${standingTotal}`);
  return { ok: problems.length === 0, ledgerTotal, standingTotal, problems };
}

/** A membership of the member inside the participating subtree. */
export interface UnitCandidate {
  orgId: string;
  depth: number;
  isPrimary: boolean;
}

/**
 * The unit an entry counts for, among the member's memberships inside the participating
 * subtree: the most specific one (a tổ công đoàn rather than the whole công đoàn), the primary
 * membership breaking ties, then the id so the choice is the same every time.
 */
export function chooseEntryUnit<T extends UnitCandidate>(candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if (
      !best ||
      c.depth > best.depth ||
      (c.depth === best.depth && c.isPrimary && !best.isPrimary) ||
      (c.depth === best.depth && c.isPrimary === best.isPrimary && c.orgId < best.orgId)
    ) {
      best = c;
    }
  }
  return best;
}
