/**
 * The catalogue of manifestations of a directive (DOMAIN §2): groups and items with stable codes.
 * Every edit makes a new version holding a full copy of the groups and items, so a case keeps the
 * version — and the wording — it was tagged with. Codes are the identity of an item across
 * versions: wording may change, items may be retired and come back, but a code never moves to
 * another group.
 */
import type { RuleIssue } from './sanctions';

export const GROUP_CODE_PATTERN = /^[A-Z]{2,4}$/;
export const ITEM_CODE_PATTERN = /^[A-Z]{2,4}-\d{2,3}$/;

export interface CatalogueItemDraft {
  code: string;
  title: string;
}

export interface CatalogueGroupDraft {
  code: string;
  title: string;
  items: CatalogueItemDraft[];
}

export const SAMPLE_CATALOGUE_NOTICE = 'Danh mục mẫu — thay bằng văn bản chính thức của Phụ lục Chỉ thị 24-CT/TU';
export const SAMPLE_CATALOGUE_TITLE = 'Nhận diện biểu hiện vi phạm kỷ cương, kỷ luật, trách nhiệm giải quyết công việc (Chỉ thị 24-CT/TU)';

/**
 * The sample catalogue of 24-CT/TU shipped until the official appendix is entered: 12 + 9 + 4
 * items in the wording of DOMAIN §2 (typical items of comparable directives, not the appendix).
 */
export const SAMPLE_CATALOGUE_24_CT_TU: readonly CatalogueGroupDraft[] = [
  {
    code: 'KL',
    title: 'Vi phạm kỷ cương, kỷ luật',
    items: [
      'Không chấp hành sự phân công, điều động của tổ chức',
      'Vi phạm quy định về thời giờ làm việc (đi muộn, về sớm, bỏ vị trí công tác)',
      'Làm việc riêng, chơi trò chơi, mua sắm trong giờ làm việc',
      'Sử dụng đồ uống có cồn trong giờ làm việc, giờ nghỉ trưa',
      'Thái độ không đúng mực, sách nhiễu, gây phiền hà cho người dân, doanh nghiệp',
      'Không đeo thẻ công chức, viên chức hoặc không mặc trang phục theo quy định khi thi hành công vụ',
      'Vi phạm nội quy, quy chế làm việc của cơ quan, đơn vị hoặc quy chế dân chủ ở cơ sở',
      'Không thực hiện hoặc thực hiện không đúng chỉ đạo của cấp trên',
      'Làm lộ bí mật nhà nước, thông tin nội bộ',
      'Lợi dụng chức vụ, quyền hạn để trục lợi',
      'Đăng tải thông tin sai sự thật, thông tin bị cấm trên mạng xã hội',
      'Không báo cáo hoặc báo cáo không trung thực',
    ].map((title, i) => ({ code: `KL-${String(i + 1).padStart(2, '0')}`, title })),
  },
  {
    code: 'NT',
    title: 'Né tránh, đùn đẩy, thiếu trách nhiệm trong thực thi nhiệm vụ',
    items: [
      'Không ưu tiên giải quyết những việc cấp bách, lớn, khó, nhạy cảm',
      'Không chủ động tham mưu, đề xuất giải quyết công việc thuộc phạm vi trách nhiệm',
      'Đùn đẩy công việc lên cấp trên hoặc sang cơ quan, đơn vị, cá nhân khác',
      'Không giải quyết hoặc chậm giải quyết những vấn đề bức xúc của người dân',
      'Người đứng đầu né tránh công việc, giao cho cấp phó',
      'Tham mưu vòng vo, không rõ quan điểm',
      'Chỉ làm những việc mang lại lợi ích cho bản thân',
      'Chọn việc dễ, đẩy việc khó cho người khác',
      'Cho ý kiến chậm, không rõ quan điểm, làm kéo dài thời gian giải quyết',
    ].map((title, i) => ({ code: `NT-${String(i + 1).padStart(2, '0')}`, title })),
  },
  {
    code: 'BV',
    title: 'Thực hiện cơ chế bảo vệ cán bộ dám nghĩ, dám làm, dám đột phá, dám chịu trách nhiệm vì lợi ích chung',
    items: [
      'Không phát hiện, bảo vệ, khuyến khích cán bộ dám nghĩ, dám làm vì lợi ích chung',
      'Trù dập, trả thù người phản ánh, đấu tranh với sai phạm',
      'Lợi dụng cơ chế bảo vệ để che giấu vi phạm hoặc trục lợi',
      'Tiết lộ danh tính người phản ánh, tố cáo',
    ].map((title, i) => ({ code: `BV-${String(i + 1).padStart(2, '0')}`, title })),
  },
];

/**
 * Checks a catalogue version an administrator wants to save. `history` maps every item code used
 * in earlier versions to its group, so a code can never change meaning by moving group.
 * Paths name the offending field (`groups.1.items.2.code`).
 */
export function validateCatalogue(groups: readonly CatalogueGroupDraft[], history: ReadonlyMap<string, string> = new Map()): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const groupCodes = new Set<string>();
  const itemCodes = new Set<string>();
  if (groups.length === 0) issues.push({ path: 'groups', message: 'Danh mục cần ít nhất một nhóm', code: 'too_small' });
  groups.forEach((g, i) => {
    if (!GROUP_CODE_PATTERN.test(g.code))
      issues.push({ path: `groups.${i}.code`, message: 'Mã nhóm gồm 2–4 chữ in hoa không dấu, ví dụ KL', code: 'invalid_format' });
    if (groupCodes.has(g.code)) issues.push({ path: `groups.${i}.code`, message: `Mã nhóm ${g.code} bị trùng`, code: 'duplicate' });
    groupCodes.add(g.code);
    if (g.items.length === 0) issues.push({ path: `groups.${i}.items`, message: 'Nhóm cần ít nhất một biểu hiện', code: 'too_small' });
    g.items.forEach((item, k) => {
      const path = `groups.${i}.items.${k}.code`;
      if (!ITEM_CODE_PATTERN.test(item.code)) {
        issues.push({ path, message: 'Mã biểu hiện có dạng NHÓM-số, ví dụ KL-01', code: 'invalid_format' });
        return;
      }
      if (!item.code.startsWith(`${g.code}-`))
        issues.push({ path, message: `Mã ${item.code} phải bắt đầu bằng mã nhóm ${g.code}-`, code: 'wrong_group' });
      if (itemCodes.has(item.code)) issues.push({ path, message: `Mã ${item.code} bị trùng`, code: 'duplicate' });
      itemCodes.add(item.code);
      const before = history.get(item.code);
      if (before !== undefined && before !== g.code)
        issues.push({
          path,
          message: `Mã ${item.code} đã thuộc nhóm ${before} ở phiên bản trước; mã là cố định, hãy dùng mã mới`,
          code: 'code_moved',
        });
    });
  });
  return issues;
}

/** What changed between two versions, for the version note and the audit trail. */
export function catalogueChanges(
  before: readonly CatalogueGroupDraft[],
  after: readonly CatalogueGroupDraft[],
): { added: string[]; removed: string[]; reworded: string[] } {
  const flat = (gs: readonly CatalogueGroupDraft[]) => new Map(gs.flatMap((g) => g.items.map((it) => [it.code, it.title] as const)));
  const a = flat(before);
  const b = flat(after);
  return {
    added: [...b.keys()].filter((c) => !a.has(c)),
    removed: [...a.keys()].filter((c) => !b.has(c)),
    reworded: [...b.entries()].filter(([c, t]) => a.has(c) && a.get(c) !== t).map(([c]) => c),
  };
}
