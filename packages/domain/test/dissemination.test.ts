import { describe, expect, it } from 'vitest';
import {
  checkinTokenPayload,
  coveragePercent,
  isCheckinTokenExpired,
  isFullCoverage,
  parseCheckinToken,
  quizProblems,
  scoreQuiz,
  type Quiz,
} from '../src';

const quiz: Quiz = {
  passMark: 80,
  questions: [
    { text: 'Một', options: ['A', 'B'], correct: 0 },
    { text: 'Hai', options: ['A', 'B', 'C'], correct: 2 },
    { text: 'Ba', options: ['A', 'B'], correct: 1 },
    { text: 'Bốn', options: ['A', 'B'], correct: 1 },
    { text: 'Năm', options: ['A', 'B'], correct: 0 },
  ],
};

describe('quiz', () => {
  it('scores right answers; missing or out-of-range answers are wrong; the mark compares exactly', () => {
    expect(scoreQuiz(quiz, [0, 2, 1, 1, 0])).toEqual({ correct: 5, total: 5, percent: 100, passed: true });
    expect(scoreQuiz(quiz, [0, 2, 1, 1, 1])).toEqual({ correct: 4, total: 5, percent: 80, passed: true });
    expect(scoreQuiz(quiz, [0, 2, 1, null, 9])).toEqual({ correct: 3, total: 5, percent: 60, passed: false });
    expect(scoreQuiz(quiz, [])).toMatchObject({ correct: 0, passed: false });
    // 2 of 3 is 66.67%: below a 67% mark even though it rounds to 67.
    const three: Quiz = { passMark: 67, questions: quiz.questions.slice(0, 3) };
    expect(scoreQuiz(three, [0, 2, 0])).toEqual({ correct: 2, total: 3, percent: 67, passed: false });
  });

  it('names a right answer that is not an option and duplicated options', () => {
    expect(quizProblems(quiz)).toEqual([]);
    expect(
      quizProblems({
        passMark: 50,
        questions: [
          { text: 'X', options: ['Có', 'Không'], correct: 2 },
          { text: 'Y', options: ['Có', ' có '], correct: 0 },
        ],
      }),
    ).toEqual([
      ['quiz.questions.0.correct', 'Đáp án đúng phải là một trong các phương án'],
      ['quiz.questions.1.options.1', 'Phương án bị trùng'],
    ]);
  });
});

describe('coverage', () => {
  it('percentages with one decimal; nothing to report when nobody is expected', () => {
    expect(coveragePercent(2, 3)).toBe(66.7);
    expect(coveragePercent(11_300, 11_300)).toBe(100);
    expect(coveragePercent(0, 0)).toBeNull();
    expect(isFullCoverage(5, 5)).toBe(true);
    expect(isFullCoverage(4, 5)).toBe(false);
    expect(isFullCoverage(0, 0)).toBe(false);
  });
});

describe('check-in token', () => {
  const conferenceId = '01a220ab-fc63-7798-bd73-d90dcc7d663c';
  it('round-trips the conference and expiry; only [0-9a-z-], no dot (a path segment, not a file name)', () => {
    const signed = checkinTokenPayload({ conferenceId, expiresAt: 1_790_000_000 });
    const token = `${signed}-${'ab'.repeat(16)}`;
    expect(token).toMatch(/^[0-9a-z-]+$/);
    expect(parseCheckinToken(token)).toEqual({
      payload: { conferenceId, expiresAt: 1_790_000_000 },
      signed,
      signature: 'ab'.repeat(16),
    });
  });

  it('refuses other shapes', () => {
    const signed = checkinTokenPayload({ conferenceId, expiresAt: 1_790_000_000 });
    for (const bad of ['', 'abc', `${signed}`, `${signed}-XYZ`, `${signed}.${'ab'.repeat(16)}`, `${signed}-${'ab'.repeat(17)}`])
      expect(parseCheckinToken(bad), bad).toBeNull();
  });

  it('expires at the instant named', () => {
    expect(isCheckinTokenExpired({ conferenceId, expiresAt: 100 }, 99)).toBe(false);
    expect(isCheckinTokenExpired({ conferenceId, expiresAt: 100 }, 100)).toBe(true);
  });
});
