import { describe, it, expect } from 'vitest';
import { amountInWords, numberToVietnameseWords } from '../src/money';

// Expected readings written by hand from the rules (northern usage, accounting-software convention).
const TABLE: ReadonlyArray<readonly [number | bigint, string]> = [
  [0, 'Không đồng'],
  [1, 'Một đồng'],
  [4, 'Bốn đồng'],
  [5, 'Năm đồng'],
  [10, 'Mười đồng'],
  [11, 'Mười một đồng'],
  [14, 'Mười bốn đồng'],
  [15, 'Mười lăm đồng'],
  [20, 'Hai mươi đồng'],
  [21, 'Hai mươi mốt đồng'],
  [24, 'Hai mươi tư đồng'],
  [25, 'Hai mươi lăm đồng'],
  [31, 'Ba mươi mốt đồng'],
  [45, 'Bốn mươi lăm đồng'],
  [54, 'Năm mươi tư đồng'],
  [55, 'Năm mươi lăm đồng'],
  [99, 'Chín mươi chín đồng'],
  [100, 'Một trăm đồng'],
  [101, 'Một trăm linh một đồng'],
  [104, 'Một trăm linh bốn đồng'],
  [105, 'Một trăm linh năm đồng'],
  [110, 'Một trăm mười đồng'],
  [111, 'Một trăm mười một đồng'],
  [115, 'Một trăm mười lăm đồng'],
  [121, 'Một trăm hai mươi mốt đồng'],
  [1000, 'Một nghìn đồng'],
  [1001, 'Một nghìn không trăm linh một đồng'],
  [1005, 'Một nghìn không trăm linh năm đồng'],
  [1010, 'Một nghìn không trăm mười đồng'],
  [1015, 'Một nghìn không trăm mười lăm đồng'],
  [1100, 'Một nghìn một trăm đồng'],
  [2023, 'Hai nghìn không trăm hai mươi ba đồng'],
  [5000, 'Năm nghìn đồng'],
  [10000, 'Mười nghìn đồng'],
  [15000, 'Mười lăm nghìn đồng'],
  [21000, 'Hai mươi mốt nghìn đồng'],
  [100000, 'Một trăm nghìn đồng'],
  [105000, 'Một trăm linh năm nghìn đồng'],
  [500000, 'Năm trăm nghìn đồng'],
  [1000000, 'Một triệu đồng'],
  [1000001, 'Một triệu không trăm linh một đồng'],
  [1000005, 'Một triệu không trăm linh năm đồng'],
  [1000100, 'Một triệu một trăm đồng'],
  [1001000, 'Một triệu không trăm linh một nghìn đồng'],
  [1010000, 'Một triệu không trăm mười nghìn đồng'],
  [10500000, 'Mười triệu năm trăm nghìn đồng'],
  [100000000, 'Một trăm triệu đồng'],
  [123456789, 'Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng'],
  [1000000000, 'Một tỷ đồng'],
  [1000000001, 'Một tỷ không trăm linh một đồng'],
  [1050000000, 'Một tỷ không trăm năm mươi triệu đồng'],
  [1000000000000, 'Một nghìn tỷ đồng'],
  [2500000000000, 'Hai nghìn năm trăm tỷ đồng'],
  [3000000070000, 'Ba nghìn tỷ không trăm bảy mươi nghìn đồng'],
  [5001000000001, 'Năm nghìn không trăm linh một tỷ không trăm linh một đồng'],
  [1000000000000000, 'Một triệu tỷ đồng'],
  [
    Number.MAX_SAFE_INTEGER, // 9 007 199 254 740 991
    'Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi mốt đồng',
  ],
  // bigint input
  [105n, 'Một trăm linh năm đồng'],
  [1000000000000000n, 'Một triệu tỷ đồng'],
  [
    9007199254740993n,
    'Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi ba đồng',
  ],
  [1000000000000000000n, 'Một tỷ tỷ đồng'],
  [
    999999999999999999n,
    'Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
  ],
];

describe('amountInWords', () => {
  it.each(TABLE)('%s → %s', (amount, expected) => {
    expect(amountInWords(amount)).toBe(expected);
  });

  it('returns NFC-normalised text', () => {
    const text = amountInWords(9007199254740991n);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('treats -0 as zero', () => {
    expect(amountInWords(-0)).toBe('Không đồng');
  });

  it('throws RangeError on negative amounts without a prefix', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(-1n)).toThrow(RangeError);
  });

  it('reads negative amounts with negativePrefix', () => {
    expect(amountInWords(-500000, { negativePrefix: 'âm' })).toBe('Âm năm trăm nghìn đồng');
    expect(amountInWords(-105n, { negativePrefix: 'Âm' })).toBe('Âm một trăm linh năm đồng');
    expect(amountInWords(105, { negativePrefix: 'âm' })).toBe('Một trăm linh năm đồng');
  });

  it('throws RangeError on non-integers and non-finite numbers', () => {
    expect(() => amountInWords(1.5)).toThrow(RangeError);
    expect(() => amountInWords(0.1)).toThrow(RangeError);
    expect(() => amountInWords(Number.NaN)).toThrow(RangeError);
    expect(() => amountInWords(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('throws RangeError on unsafe numbers but accepts the same value as bigint', () => {
    expect(() => amountInWords(2 ** 53)).toThrow(RangeError);
    expect(() => amountInWords(1e21)).toThrow(RangeError);
    expect(amountInWords(2n ** 53n)).toBe(
      'Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi hai đồng',
    );
  });

  it('keeps its invariants for 0..100000 step 7', () => {
    const failures: string[] = [];
    for (let n = 0; n <= 100000; n += 7) {
      const text = amountInWords(n);
      const first = text.charAt(0);
      const ok =
        !text.includes('  ') &&
        !text.includes('mươi một') &&
        !text.includes('mười năm') &&
        !text.includes('mươi năm') &&
        !text.includes('linh lăm') &&
        first === first.toUpperCase() &&
        first !== first.toLowerCase() &&
        text.slice(1) === text.slice(1).toLowerCase() &&
        text.endsWith(' đồng');
      if (!ok) failures.push(`${n}: ${text}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('numberToVietnameseWords', () => {
  it('reads lower-case without a unit', () => {
    expect(numberToVietnameseWords(0)).toBe('không');
    expect(numberToVietnameseWords(105)).toBe('một trăm linh năm');
    expect(numberToVietnameseWords(24)).toBe('hai mươi tư');
    expect(numberToVietnameseWords(1000000000000n)).toBe('một nghìn tỷ');
  });

  it('validates like amountInWords', () => {
    expect(() => numberToVietnameseWords(-3)).toThrow(RangeError);
    expect(() => numberToVietnameseWords(2.5)).toThrow(RangeError);
    expect(numberToVietnameseWords(-3, { negativePrefix: 'âm' })).toBe('âm ba');
  });
});
