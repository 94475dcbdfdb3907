/**
 * Reading amounts of Vietnamese đồng aloud, as written on receipts ("Số tiền
 * bằng chữ") and in union treasurers' files.
 *
 * Conventions (northern usage, as produced by common Vietnamese accounting
 * software and invoice templates):
 * - "linh" for a zero tens digit before a non-zero unit: 105 → "một trăm linh năm";
 * - "mười" for 10–19, "mươi" for 20–90;
 * - unit 1 is "mốt" after tens ≥ 2 ("hai mươi mốt"), "một" after "mười"/"linh";
 * - unit 5 is "lăm" after any tens ("mười lăm", "hai mươi lăm"), "năm" after "linh";
 * - unit 4 is "tư" after tens ≥ 2 ("hai mươi tư"), "bốn" after "mười"/"linh";
 * - groups of three digits: nghìn, triệu, tỷ; above tỷ the count of tỷ is read
 *   as a number itself ("một nghìn tỷ", "một triệu tỷ", "một tỷ tỷ");
 * - groups that are entirely zero are skipped; every non-leading group that is
 *   read states its hundreds digit, hence "không trăm":
 *   1 000 005 → "một triệu không trăm linh năm",
 *   1 050 000 000 → "một tỷ không trăm năm mươi triệu".
 *
 * @module
 */

/** Options accepted by {@link amountInWords} and {@link numberToVietnameseWords}. */
export interface AmountInWordsOptions {
  /**
   * Word put before the reading of a negative amount, e.g. `'âm'` gives
   * `'Âm năm trăm nghìn đồng'` for `-500000`. When absent, negative amounts
   * throw a `RangeError`.
   */
  negativePrefix?: string;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Scale words for the three-digit groups inside one block below one tỷ. */
const GROUP_SCALES = ['', 'nghìn', 'triệu'] as const;

const THOUSAND = 1000n;
const BILLION = 1_000_000_000n;

function digitWord(d: number): string {
  const word = DIGITS[d];
  if (word === undefined) throw new RangeError(`Not a digit: ${d}`);
  return word;
}

/**
 * Reads a group of three digits (0 < value < 1000).
 * `full` forces the hundreds digit to be read ("không trăm …"), as for every
 * group that is not the leading one.
 */
function readGroup(value: number, full: boolean): string[] {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor(value / 10) % 10;
  const units = value % 10;
  const words: string[] = [];
  const readHundreds = full || hundreds > 0;

  if (readHundreds) words.push(digitWord(hundreds), 'trăm');

  if (tens === 0) {
    if (units > 0) {
      if (readHundreds) words.push('linh');
      words.push(digitWord(units));
    }
  } else if (tens === 1) {
    words.push('mười');
    if (units === 5) words.push('lăm');
    else if (units > 0) words.push(digitWord(units));
  } else {
    words.push(digitWord(tens), 'mươi');
    if (units === 1) words.push('mốt');
    else if (units === 4) words.push('tư');
    else if (units === 5) words.push('lăm');
    else if (units > 0) words.push(digitWord(units));
  }
  return words;
}

/** Reads 0 < value < 10^9; `leading` is false when something precedes it. */
function readBelowBillion(value: bigint, leading: boolean): string[] {
  const groups: number[] = [];
  let rest = value;
  for (let i = 0; i < GROUP_SCALES.length; i++) {
    groups.push(Number(rest % THOUSAND));
    rest /= THOUSAND;
  }
  const words: string[] = [];
  let first = leading;
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i] ?? 0;
    if (group === 0) continue;
    words.push(...readGroup(group, !first));
    const scale = GROUP_SCALES[i];
    if (scale) words.push(scale);
    first = false;
  }
  return words;
}

/** Reads value > 0; `leading` is false when something precedes it. */
function readPositive(value: bigint, leading: boolean): string[] {
  if (value < BILLION) return readBelowBillion(value, leading);
  const billions = value / BILLION;
  const rest = value % BILLION;
  const words = [...readPositive(billions, leading), 'tỷ'];
  if (rest > 0n) words.push(...readBelowBillion(rest, false));
  return words;
}

function toBigInt(amount: number | bigint): bigint {
  if (typeof amount === 'bigint') return amount;
  if (typeof amount !== 'number') {
    throw new TypeError(`Amount must be a number or bigint, got ${typeof amount}`);
  }
  if (!Number.isInteger(amount)) {
    throw new RangeError(`Amount must be a whole number of đồng, got ${amount}`);
  }
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Amount ${amount} exceeds Number.MAX_SAFE_INTEGER; pass it as a bigint`);
  }
  return BigInt(amount);
}

function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}

/**
 * Reads a non-negative whole number in Vietnamese words, lower-case, without
 * a unit: `numberToVietnameseWords(105) === 'một trăm linh năm'`,
 * `numberToVietnameseWords(0) === 'không'`.
 *
 * Numbers above `Number.MAX_SAFE_INTEGER` must be passed as `bigint`; there is
 * no upper bound for `bigint` input.
 *
 * @throws RangeError for non-integers, unsafe integers, and negative values
 *   (unless `options.negativePrefix` is given, which is then put in front).
 */
export function numberToVietnameseWords(n: number | bigint, options: AmountInWordsOptions = {}): string {
  const value = toBigInt(n);
  if (value < 0n) {
    const prefix = options.negativePrefix?.trim();
    if (!prefix) throw new RangeError(`Amount must not be negative, got ${value}`);
    return `${prefix} ${readPositive(-value, true).join(' ')}`;
  }
  if (value === 0n) return DIGITS[0];
  return readPositive(value, true).join(' ');
}

/**
 * Writes an amount of Vietnamese đồng in words, as on receipts: first letter
 * capitalised, ending in " đồng".
 *
 * @example
 * amountInWords(105);           // 'Một trăm linh năm đồng'
 * amountInWords(500000);        // 'Năm trăm nghìn đồng'
 * amountInWords(1000005);       // 'Một triệu không trăm linh năm đồng'
 * amountInWords(0);             // 'Không đồng'
 * amountInWords(-500000, { negativePrefix: 'âm' }); // 'Âm năm trăm nghìn đồng'
 *
 * @throws RangeError for non-integers, numbers beyond `Number.MAX_SAFE_INTEGER`
 *   (pass a `bigint` instead) and negative amounts without `negativePrefix`.
 */
export function amountInWords(amount: number | bigint, options: AmountInWordsOptions = {}): string {
  return `${capitalise(numberToVietnameseWords(amount, options))} đồng`;
}
