/**
 * Dissemination (quán triệt): conference formats and audiences, the short quiz an organiser may
 * set, coverage percentages and the format of the self check-in token shown as a QR code. Pure
 * rules: the server signs tokens and counts rows; the web app shows the same labels.
 */
import type { PersonCategory } from '../contracts/people';

export const CONFERENCE_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type ConferenceFormat = (typeof CONFERENCE_FORMATS)[number];
export const CONFERENCE_FORMAT_LABELS: Readonly<Record<ConferenceFormat, { vi: string; en: string }>> = {
  in_person: { vi: 'Trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  hybrid: { vi: 'Kết hợp trực tiếp và trực tuyến', en: 'Combined' },
};

/** A conference is scheduled until the organiser closes it; closing sends absentees their catch-up task. */
export const CONFERENCE_STATUSES = ['scheduled', 'closed'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

/** Ready-made audiences: the categories of people expected (empty = everyone with a membership). */
export const AUDIENCE_PRESETS: readonly { key: string; vi: string; en: string; categories: readonly PersonCategory[] }[] = [
  { key: 'party', vi: 'Toàn thể đảng viên', en: 'All Party members', categories: ['party_full', 'party_probation'] },
  {
    key: 'staff',
    vi: 'Toàn thể CBCCVC và người lao động',
    en: 'All cadres, civil servants, public employees and workers',
    categories: ['cadre', 'civil_servant', 'public_employee', 'worker'],
  },
  { key: 'all', vi: 'Tất cả thành viên của đơn vị', en: 'Every member of the unit', categories: [] },
];

/** How a check-in was made. */
export const CHECKIN_METHODS = ['secretary', 'qr'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];

/** How a person acknowledged ("đã nghiên cứu, quán triệt"). */
export const ACK_METHODS = ['conference', 'reading', 'quiz'] as const;
export type AckMethod = (typeof ACK_METHODS)[number];
export const ACK_METHOD_LABELS: Readonly<Record<AckMethod, { vi: string; en: string }>> = {
  conference: { vi: 'Dự hội nghị', en: 'Attended the conference' },
  reading: { vi: 'Tự nghiên cứu văn bản', en: 'Read the document' },
  quiz: { vi: 'Nghiên cứu văn bản và đạt bài kiểm tra', en: 'Read the document and passed the quiz' },
};

/** Working days an absentee has to catch up, unless the organiser says otherwise. */
export const DEFAULT_CATCH_UP_WORKING_DAYS = 5;

// ---------------------------------------------------------------------------------------------
// Quiz

export interface QuizQuestion {
  text: string;
  options: readonly string[];
  /** Index of the right option. */
  correct: number;
}

export interface Quiz {
  /** Minimum share of right answers to pass, in percent (1–100). */
  passMark: number;
  questions: readonly QuizQuestion[];
}

export interface QuizScore {
  correct: number;
  total: number;
  /** Share of right answers, in percent rounded to a whole number. */
  percent: number;
  passed: boolean;
}

/**
 * Scores an attempt. An answer is the index of the chosen option; a missing or out-of-range
 * answer counts as wrong. Passing compares the exact fraction with the mark (no rounding up).
 */
export function scoreQuiz(quiz: Quiz, answers: readonly (number | null)[]): QuizScore {
  const total = quiz.questions.length;
  let correct = 0;
  quiz.questions.forEach((q, i) => {
    if (answers[i] === q.correct) correct++;
  });
  const percent = total === 0 ? 100 : Math.round((correct * 100) / total);
  return { correct, total, percent, passed: total === 0 || correct * 100 >= quiz.passMark * total };
}

/** Problems of a quiz an organiser writes, as `[path, message]` (empty when it is usable). */
export function quizProblems(quiz: Quiz): [string, string][] {
  const out: [string, string][] = [];
  quiz.questions.forEach((q, i) => {
    if (!Number.isInteger(q.correct) || q.correct < 0 || q.correct >= q.options.length)
      out.push([`quiz.questions.${i}.correct`, 'Đáp án đúng phải là một trong các phương án']);
    const seen = new Set<string>();
    q.options.forEach((o, j) => {
      const key = o.trim().toLowerCase();
      if (seen.has(key)) out.push([`quiz.questions.${i}.options.${j}`, 'Phương án bị trùng']);
      seen.add(key);
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Coverage

/** `part` of `whole` in percent with one decimal; null when nobody is expected (nothing to report). */
export function coveragePercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** "100% đảng viên được quán triệt" only when every expected person acknowledged. */
export function isFullCoverage(acknowledged: number, expected: number): boolean {
  return expected > 0 && acknowledged >= expected;
}

// ---------------------------------------------------------------------------------------------
// Self check-in token (QR)

/** How long a QR code shown on screen stays valid; the page showing it fetches a fresh one well before. */
export const CHECKIN_TOKEN_TTL_SECONDS = 30 * 60;

/** The signed part of a check-in token: the conference and the instant it expires. */
export interface CheckinTokenPayload {
  conferenceId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The text that is signed: `<conference id without dashes>-<expiry in base 36>`. The token is this
 * text, a dash and the first 32 hex digits of its HMAC-SHA-256 — only `[0-9a-z-]`, so it sits in a
 * URL path without escaping (no dot: the web server would take it for a file name) and is short
 * enough for a QR code a phone reads from the back of a hall.
 */
export function checkinTokenPayload(p: CheckinTokenPayload): string {
  return `${p.conferenceId.replace(/-/g, '')}-${p.expiresAt.toString(36)}`;
}

/** Splits a token into its payload and signature; null when it does not have the token's shape. */
export function parseCheckinToken(token: string): { payload: CheckinTokenPayload; signed: string; signature: string } | null {
  const m = /^([0-9a-f]{32})-([0-9a-z]{1,10})-([0-9a-f]{32})$/.exec(token);
  if (!m) return null;
  const hex = m[1]!;
  const conferenceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!UUID.test(conferenceId)) return null;
  const expiresAt = parseInt(m[2]!, 36);
  if (!Number.isSafeInteger(expiresAt)) return null;
  return { payload: { conferenceId, expiresAt }, signed: `${hex}-${m[2]!}`, signature: m[3]! };
}

/** Whether a token's expiry has passed at `nowSeconds`. */
export function isCheckinTokenExpired(p: CheckinTokenPayload, nowSeconds: number): boolean {
  return nowSeconds >= p.expiresAt;
}
