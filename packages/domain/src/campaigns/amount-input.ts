/**
 * Reading what a collector types in an amount cell, so a paper list can be keyed fast: digits
 * with any separators ("500.000", "500 000"), or a shorthand with k/nghìn (×1 000) or
 * tr/triệu/m (×1 000 000), with at most two decimals before the shorthand ("1,5tr" =
 * 1 500 000). Anything else — "200.000500k", letters, negative signs — is not an amount.
 */
export function parseTypedAmount(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return null;
  const short = /^(\d+(?:[.,]\d{1,2})?)(k|n|nghìn|nghin|tr|triệu|trieu|m)$/.exec(s);
  if (short) {
    const n = Number(short[1]!.replace(',', '.'));
    const unit = ['tr', 'triệu', 'trieu', 'm'].includes(short[2]!) ? 1_000_000 : 1_000;
    return Math.round(n * unit);
  }
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const value = Number(s.replace(/[.,]/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}
