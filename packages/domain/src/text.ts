/**
 * Vietnamese text helpers: accent-insensitive search keys and a binary sort key that orders
 * names the Vietnamese way (given name first, then middle and family names).
 */

/** Removes diacritics and maps đ/Đ to d/D (STACK.md: `\p{Diacritic}` would also strip ^ and `). */
export function removeDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Lower-case, diacritic-free, single-spaced text used for accent-insensitive `LIKE` search. */
export function foldForSearch(s: string): string {
  return removeDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Escapes `%`, `_` and `\` so user input is matched literally by `LIKE … ESCAPE '\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Normalises a personal name: NFC, single spaces, trimmed. */
export function normalizeName(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Splits "Nguyễn Văn An" into family "Nguyễn", middle "Văn", given "An". */
export function splitVietnameseName(fullName: string): { family: string; middle: string; given: string } {
  const parts = normalizeName(fullName).split(' ').filter(Boolean);
  if (parts.length === 0) return { family: '', middle: '', given: '' };
  if (parts.length === 1) return { family: '', middle: '', given: parts[0]! };
  return { family: parts[0]!, middle: parts.slice(1, -1).join(' '), given: parts[parts.length - 1]! };
}

// Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
// Letters outside it (f, j, w, z in foreign names) slot in after their Latin neighbours.
const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
];
const LETTER_RANK = new Map(ALPHABET.map((l, i) => [l, i]));
// Tones sort after the letters: none, huyền, hỏi, ngã, sắc, nặng (the order Vietnamese dictionaries use).
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };
// Marks that make a different letter (ă, â/ê/ô, ơ/ư) rather than a tone.
const LETTER_MARKS: Record<string, string> = { '\u0306': 'ă', '\u0302': '^', '\u031b': '+' };

function baseLetter(base: string, mark: string | undefined): string {
  if (!mark) return base;
  if (mark === 'ă') return 'ă';
  if (mark === '^') return base === 'a' ? 'â' : base === 'e' ? 'ê' : base === 'o' ? 'ô' : base;
  return base === 'o' ? 'ơ' : base === 'u' ? 'ư' : base;
}

/** Primary (letters) and secondary (tones) keys of one word, as printable ASCII. */
function wordKeys(word: string): { primary: string; secondary: string } {
  let primary = '';
  let secondary = '';
  for (const ch of word.toLowerCase().normalize('NFC')) {
    if (ch === 'đ') {
      primary += rankChar('đ');
      secondary += '0';
      continue;
    }
    const decomposed = ch.normalize('NFD');
    const base = decomposed[0] ?? '';
    let letterMark: string | undefined;
    let tone = 0;
    for (const m of decomposed.slice(1)) {
      if (TONES[m] !== undefined) tone = TONES[m];
      else if (LETTER_MARKS[m] !== undefined) letterMark = LETTER_MARKS[m];
    }
    const letter = baseLetter(base, letterMark);
    primary += LETTER_RANK.has(letter) ? rankChar(letter) : otherChar(letter);
    secondary += String(tone);
  }
  return { primary, secondary };
}

function rankChar(letter: string): string {
  // Ranks 0..32 map to 'A'..'a' range — all above the separators used below.
  return String.fromCharCode(0x41 + (LETTER_RANK.get(letter) ?? 0));
}

function otherChar(ch: string): string {
  // Digits sort before letters; anything else (hyphen, apostrophe) is ignored.
  return /[0-9]/.test(ch) ? String.fromCharCode(0x30 + Number(ch)) : '';
}

/**
 * A string whose plain binary order is the Vietnamese order of people's names: by given name,
 * then middle names, then family name; letters first, tones as a tie-breaker. Stored in a column
 * so both databases sort and paginate correctly without a Vietnamese collation.
 */
export function vietnameseNameSortKey(fullName: string): string {
  const { family, middle, given } = splitVietnameseName(fullName);
  const words = [given, ...middle.split(' '), family].filter(Boolean).map(wordKeys);
  // '!' separates words (below every letter code, so "An" < "Anh"); ' ' separates the tone level and
  // sorts below '!', so a name that is a prefix of another ("An" before "An Văn Nguyễn") comes first.
  return words.map((w) => w.primary).join('!') + ' ' + words.map((w) => w.secondary).join('!');
}

/** Same ordering as {@link vietnameseNameSortKey}, for in-memory sorting. */
export function compareVietnameseNames(a: string, b: string): number {
  const ka = vietnameseNameSortKey(a);
  const kb = vietnameseNameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A sort key for any Vietnamese text (org names): same letter/tone order, words kept in place. */
export function vietnameseTextSortKey(text: string): string {
  const words = normalizeName(text).split(' ').filter(Boolean).map(wordKeys);
  return words.map((w) => w.primary).join('!') + ' ' + words.map((w) => w.secondary).join('!');
}
