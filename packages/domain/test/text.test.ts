import { describe, expect, it } from 'vitest';
import {
  compareVietnameseNames,
  escapeLike,
  foldForSearch,
  normalizeName,
  removeDiacritics,
  splitVietnameseName,
  vietnameseNameSortKey,
  vietnameseTextSortKey,
} from '../src/text';

describe('removeDiacritics', () => {
  it('strips every tone and letter mark, and maps đ/Đ to d/D', () => {
    expect(removeDiacritics('Đặng Thị Ánh Tuyết')).toBe('Dang Thi Anh Tuyet');
    expect(removeDiacritics('ăâđêôơư ĂÂĐÊÔƠƯ')).toBe('aadeoou AADEOOU');
    expect(removeDiacritics('àảãáạ ằẳẵắặ ầẩẫấậ ềểễếệ ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ')).toBe(
      'aaaaa aaaaa aaaaa eeeee iiiii ooooo ooooo ooooo uuuuu uuuuu yyyyy',
    );
  });

  it('treats decomposed (NFD) input like composed input', () => {
    expect(removeDiacritics('Quán triệt'.normalize('NFD'))).toBe('Quan triet');
  });

  it('leaves ASCII punctuation such as ^ and ` alone', () => {
    expect(removeDiacritics('a^b`c-d_e')).toBe('a^b`c-d_e');
  });
});

describe('foldForSearch', () => {
  it('lower-cases, removes accents and collapses spaces', () => {
    expect(foldForSearch('  Quán   TRIỆT\tNghị quyết ')).toBe('quan triet nghi quyet');
    expect(foldForSearch('ĐẶNG')).toBe('dang');
  });

  it('makes a query typed without accents a substring of the folded text', () => {
    const text = foldForSearch('Kế hoạch quán triệt Chỉ thị 24-CT/TU của Thành ủy');
    for (const q of ['quan triet', 'chi thi 24-ct/tu', 'thanh uy', 'QUÁN TRIỆT']) expect(text).toContain(foldForSearch(q));
    expect(foldForSearch('Nguyễn Văn Đặng')).toContain(foldForSearch('dang'));
  });
});

describe('escapeLike and normalizeName', () => {
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('normalises names to NFC with single spaces', () => {
    const n = normalizeName('  Lê   Thị  Ánh '.normalize('NFD'));
    expect(n).toBe('Lê Thị Ánh');
    expect(n).toBe(n.normalize('NFC'));
  });

  it('splits a Vietnamese name into family, middle and given names', () => {
    expect(splitVietnameseName('Nguyễn Thị Thu Hà')).toEqual({ family: 'Nguyễn', middle: 'Thị Thu', given: 'Hà' });
    expect(splitVietnameseName('Trần An')).toEqual({ family: 'Trần', middle: '', given: 'An' });
    expect(splitVietnameseName('An')).toEqual({ family: '', middle: '', given: 'An' });
    expect(splitVietnameseName('   ')).toEqual({ family: '', middle: '', given: '' });
  });
});

// Names with every tone on several vowels and every letter ă â đ ê ô ơ ư, as family, middle and
// given names, including names that differ only by tone and names that are prefixes of others.
const NAMES = [
  'Nguyễn Văn An',
  'Trần Văn An',
  'Nguyễn Thị Bình',
  'Lê Thị Ánh',
  'Lê Thị Anh',
  'Lê Thị Ành',
  'Lê Thị Ảnh',
  'Lê Thị Ãnh',
  'Lê Thị Ạnh',
  'Phạm Văn Ăn',
  'Đỗ Văn Ân',
  'Hồ Thị Dung',
  'Bùi Văn Đức',
  'Bùi Văn Dực',
  'Ngô Thị Ê',
  'Vũ Văn Ơn',
  'Vũ Văn Ôn',
  'Vũ Văn On',
  'Đinh Văn Ưng',
  'Đinh Văn Ung',
  'Trịnh Văn Anh',
  'Nguyễn Anh',
  'An',
  'Đặng Quang Huy',
  'Dương Quang Huy',
  'Đặng Quang Hùy',
  'Phan Thanh Hà',
  'Phan Thanh Hạ',
  'Phan Thanh Hả',
  'Phan Thanh Hã',
  'Phan Thanh Há',
  'Phan Thanh Hà Anh',
  'Lý Thu Hằng',
  'Lý Thu Hăng',
  'Lý Thu Hẳng',
  'Lý Thu Hâng',
  'Trương Mỹ Lệ',
  'Trương Mỹ Lê',
  'Hoàng Ngọc Sơn',
  'Hoàng Ngọc Son',
  'Hoàng Ngọc Sờn',
  'Cao Văn Tư',
  'Cao Văn Tứ',
  'Cao Văn Tù',
  'Cao Văn Tu',
  'Âu Dương Phong',
  'Ông Ích Khiêm',
  'Ưng Hoàng Phúc',
  'Ứng Văn Ơ',
  'Mạc Đăng Dung',
  'Mạc Đăng Dũng',
  'Mạc Đăng Dụng',
  'Quách Thị Yến',
  'Quách Thị Yên',
  'Tạ Thị Ỷ',
  'Giáp Văn Ê',
  'Khuất Văn Ế',
  'Kiều Thị Ể',
  'Lạc Long Quân',
  'Lạc Long Quan',
  'Nguyễn Thị Ngọc',
  'Nguyễn Thị Ngô',
  'Nguyễn Thị Ngộ',
];

/** "Nguyễn Văn An" → "An Văn Nguyễn": the order a Vietnamese reader sorts names in. */
function givenFirst(fullName: string): string {
  const { family, middle, given } = splitVietnameseName(fullName);
  return [given, middle, family].filter(Boolean).join(' ');
}

describe('vietnameseNameSortKey', () => {
  it('orders names as Intl.Collator("vi") orders given + middle + family names', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(40);
    const collator = new Intl.Collator('vi');
    // The collator must really be Vietnamese (full ICU), or the comparison proves nothing.
    expect(collator.resolvedOptions().locale).toBe('vi');
    expect(collator.compare('ă', 'b')).toBeLessThan(0);
    expect(collator.compare('ư', 'v')).toBeLessThan(0);
    const byCollator = [...NAMES].sort((a, b) => collator.compare(givenFirst(a), givenFirst(b)));
    const byKey = [...NAMES].sort((a, b) =>
      vietnameseNameSortKey(a) < vietnameseNameSortKey(b) ? -1 : vietnameseNameSortKey(a) > vietnameseNameSortKey(b) ? 1 : 0,
    );
    expect(byKey).toEqual(byCollator);
    expect([...NAMES].sort(compareVietnameseNames)).toEqual(byCollator);
  });

  it('sorts by given name first, letters before tones', () => {
    const sorted = ['Nguyễn Thị Bình', 'Trần Văn An', 'Lê Thị Ánh', 'Lê Thị Anh', 'Đặng Văn Ân', 'Phạm Văn Ăn'].sort(
      compareVietnameseNames,
    );
    expect(sorted).toEqual(['Trần Văn An', 'Lê Thị Anh', 'Lê Thị Ánh', 'Phạm Văn Ăn', 'Đặng Văn Ân', 'Nguyễn Thị Bình']);
  });

  it('puts a name before longer names it is a prefix of', () => {
    expect(compareVietnameseNames('An', 'Nguyễn An')).toBeLessThan(0);
    expect(compareVietnameseNames('Nguyễn Văn An', 'Nguyễn Văn Anh')).toBeLessThan(0);
    expect(compareVietnameseNames('Trần Văn An', 'Trần Văn Ăn')).toBeLessThan(0);
  });

  it('keys equal names equally, whatever the Unicode form or spacing', () => {
    expect(vietnameseNameSortKey('Lê  Thị Ánh'.normalize('NFD'))).toBe(vietnameseNameSortKey('Lê Thị Ánh'));
    expect(vietnameseNameSortKey('LÊ THỊ ÁNH')).toBe(vietnameseNameSortKey('Lê Thị Ánh'));
    expect(compareVietnameseNames('Lê Thị Ánh', 'Lê Thị Ánh')).toBe(0);
  });

  it('sorts đ after d, and the binary key order equals the byte order used by both databases', () => {
    expect(compareVietnameseNames('Trần Văn Dung', 'Trần Văn Đông')).toBeLessThan(0);
    const keys = NAMES.map(vietnameseNameSortKey);
    // Printable ASCII only, so SQLite's binary and PostgreSQL's "C" collation sort them the same.
    for (const k of keys) expect(k).toMatch(/^[\x20-\x7e]+$/);
    const byteSorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(byteSorted).toEqual([...keys].sort());
  });
});

describe('vietnameseTextSortKey', () => {
  it('orders org names word by word in Vietnamese order', () => {
    const names = ['Phòng Tư pháp', 'Phòng Tài chính', 'Phòng Ăn uống', 'Phòng An ninh', 'Phòng Đô thị', 'Phòng Dân tộc'];
    const collator = new Intl.Collator('vi');
    const expected = [...names].sort(collator.compare);
    expect([...names].sort((a, b) => (vietnameseTextSortKey(a) < vietnameseTextSortKey(b) ? -1 : 1))).toEqual(expected);
  });
});
