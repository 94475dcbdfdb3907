/**
 * Vietnamese names and the Hanoi administrative vocabulary the generator draws from
 * (DOMAIN §9: the Party line, the State line and the mass organisations, after the July 2025
 * reform: no district level, departments and communes directly under the city). Realistic in
 * shape, fictitious in detail.
 */

/** Family names with their approximate share of the population (Nguyễn is about 38 %). */
// prettier-ignore
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4.5],
  ['Phan', 4.5],
  ['Vũ', 3.9],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Trịnh', 0.7],
  ['Đào', 0.7],
  ['Mai', 0.5],
  ['Lương', 0.5],
  ['Tạ', 0.4],
  ['Chu', 0.3],
  ['Cao', 0.4],
  ['Kiều', 0.2],
  ['Khuất', 0.1],
  ['Nghiêm', 0.2],
  ['Quách', 0.2],
  ['Triệu', 0.3],
  ['Văn', 0.2],
  ['Lại', 0.2],
  ['Tô', 0.2],
];

/** Middle names with rough weights: "Văn" for men and "Thị" for women dominate. */
// prettier-ignore
export const MIDDLE_NAMES_MALE: readonly (readonly [string, number])[] = [
  ['Văn', 30], ['Đức', 8], ['Minh', 8], ['Quang', 5], ['Hữu', 5], ['Thanh', 5], ['Mạnh', 3], ['Xuân', 3], ['Tiến', 3], ['Công', 4], ['Ngọc', 3], ['Anh', 3],
  ['Trọng', 3], ['Quốc', 4], ['Hoàng', 3], ['Duy', 3], ['Đình', 4], ['Bá', 2], ['Khắc', 1], ['Việt', 2], ['Gia', 2], ['Thế', 2], ['Nhật', 1], ['Hải', 2],
];
// prettier-ignore
export const MIDDLE_NAMES_FEMALE: readonly (readonly [string, number])[] = [
  ['Thị', 45], ['Thu', 6], ['Thanh', 5], ['Ngọc', 6], ['Minh', 4], ['Hồng', 4], ['Phương', 3], ['Thùy', 3], ['Mai', 2], ['Bích', 2], ['Kim', 3], ['Lan', 2],
  ['Thúy', 2], ['Diệu', 1], ['Hải', 2], ['Khánh', 2], ['Hoài', 1], ['Quỳnh', 2], ['Bảo', 2], ['Cẩm', 1],
];
/** A second middle name, as in "Trần Thị Thu Hà". */
export const SECOND_MIDDLE_FEMALE = ['Thu', 'Thanh', 'Ngọc', 'Minh', 'Hồng', 'Phương', 'Kim', 'Lan', 'Mai', 'Hoài'];
// prettier-ignore
export const GIVEN_NAMES_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Kiên', 'Long', 'Lâm', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Phong',
  'Phúc', 'Quân', 'Quang', 'Sơn', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tú', 'Việt', 'Vinh', 'Vũ', 'Đức', 'Hưng', 'Hoàng', 'Kiệt',
  'Lợi', 'Tài', 'Tùng', 'Thái', 'Chiến', 'Cương', 'Duy', 'Hiển', 'Lộc', 'Ngọc', 'Quý', 'Trí',
];
// prettier-ignore
export const GIVEN_NAMES_FEMALE = [
  'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Huyền', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai', 'Ngân', 'Ngọc', 'Nhung',
  'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Trâm', 'Uyên', 'Vân', 'Yến', 'Hiền', 'Thư', 'Nga', 'My', 'Hồng', 'Diệp', 'Duyên',
  'Hậu', 'Lụa', 'Nhàn', 'Thoa', 'Tuyết', 'Xuân',
];

/** Places used in commune names and in the names of schools, hospitals and centres. */
// prettier-ignore
export const PLACES = [
  'Hoàn Kiếm', 'Cửa Nam', 'Ba Đình', 'Ngọc Hà', 'Giảng Võ', 'Hai Bà Trưng', 'Vĩnh Tuy', 'Bạch Mai', 'Đống Đa', 'Kim Liên', 'Văn Miếu - Quốc Tử Giám', 'Láng',
  'Ô Chợ Dừa', 'Hồng Hà', 'Lĩnh Nam', 'Hoàng Mai', 'Vĩnh Hưng', 'Tương Mai', 'Định Công', 'Hoàng Liệt', 'Yên Sở', 'Thanh Xuân', 'Khương Đình', 'Phương Liệt',
  'Cầu Giấy', 'Nghĩa Đô', 'Yên Hòa', 'Tây Hồ', 'Phú Thượng', 'Tây Tựu', 'Phú Diễn', 'Xuân Đỉnh', 'Đông Ngạc', 'Thượng Cát', 'Từ Liêm', 'Xuân Phương',
  'Tây Mỗ', 'Đại Mỗ', 'Long Biên', 'Bồ Đề', 'Việt Hưng', 'Phúc Lợi', 'Hà Đông', 'Dương Nội', 'Yên Nghĩa', 'Phú Lương', 'Kiến Hưng', 'Thanh Liệt',
  'Chương Mỹ', 'Sơn Tây', 'Tùng Thiện', 'Sóc Sơn', 'Kim Anh', 'Trung Giã', 'Đa Phúc', 'Nội Bài', 'Đông Anh', 'Phúc Thịnh', 'Thư Lâm', 'Vĩnh Thanh',
  'Thiên Lộc', 'Gia Lâm', 'Thuận An', 'Bát Tràng', 'Phù Đổng', 'Thanh Trì', 'Đại Thanh', 'Nam Phù', 'Ngọc Hồi', 'Mê Linh', 'Yên Lãng', 'Tiến Thắng',
  'Quang Minh', 'Ba Vì', 'Minh Châu', 'Quảng Oai', 'Vật Lại', 'Cổ Đô', 'Bất Bạt', 'Suối Hai', 'Yên Bài', 'Phúc Thọ', 'Phúc Lộc', 'Hát Môn',
  'Đan Phượng', 'Liên Minh', 'Ô Diên', 'Hoài Đức', 'Dương Hòa', 'Sơn Đồng', 'An Khánh', 'Quốc Oai', 'Kiều Phú', 'Hưng Đạo', 'Phú Cát', 'Thạch Thất',
  'Hạ Bằng', 'Hòa Lạc', 'Tây Phương', 'Thanh Oai', 'Bình Minh', 'Tam Hưng', 'Dân Hòa', 'Thường Tín', 'Hồng Vân', 'Thượng Phúc', 'Chương Dương',
  'Phú Xuyên', 'Phượng Dực', 'Chuyên Mỹ', 'Đại Xuyên', 'Ứng Hòa', 'Hòa Xá', 'Ứng Thiên', 'Vân Đình', 'Mỹ Đức', 'Phúc Sơn', 'Hồng Sơn', 'Hương Sơn',
  'Xuân Mai', 'Trần Phú', 'Hòa Phú', 'Quảng Bị', 'Hoàng Văn Thụ', 'Kim Giang', 'Yên Viên', 'Đoài Phương', 'Phú Nghĩa',
];

/** Communes (wards "phường" in the urban core, "xã" outside it). */
export function communeName(place: string, index: number): { kind: 'phường' | 'xã'; name: string } {
  return index < 51 ? { kind: 'phường', name: `Phường ${place}` } : { kind: 'xã', name: `Xã ${place}` };
}

export interface DivisionSpec {
  name: string;
  kind: 'phong' | 'chi_cuc' | 'don_vi_su_nghiep';
  /** Sub-units (phòng of a chi cục, khoa of a hospital, tổ of a school). */
  children?: readonly string[];
}

export interface DepartmentSpec {
  code: string;
  name: string;
  short: string;
  /** Relative size: how much of the growth budget (more units, more staff) it attracts. */
  weight: number;
  /** Specific divisions beyond the common ones (Văn phòng, Thanh tra, Kế hoạch - Tài chính, Tổ chức cán bộ). */
  divisions: readonly DivisionSpec[];
  /**
   * The public-service units it runs: fixed names are used once, in order; then the patterns with
   * `{place}` / `{n}` repeat as long as the department grows.
   */
  units: readonly { pattern: string; children?: readonly string[] }[];
}

export const COMMON_DIVISIONS = ['Văn phòng Sở', 'Thanh tra Sở', 'Phòng Kế hoạch - Tài chính', 'Phòng Tổ chức cán bộ'];

const HOSPITAL_WARDS = [
  'Khoa Khám bệnh',
  'Khoa Nội',
  'Khoa Ngoại',
  'Khoa Sản',
  'Khoa Nhi',
  'Khoa Hồi sức cấp cứu',
  'Khoa Xét nghiệm',
  'Phòng Kế hoạch tổng hợp',
  'Phòng Điều dưỡng',
];
const SCHOOL_GROUPS = ['Tổ Toán - Tin', 'Tổ Ngữ văn', 'Tổ Ngoại ngữ', 'Tổ Khoa học tự nhiên', 'Tổ Khoa học xã hội', 'Tổ Văn phòng'];

/** The city's departments (15 + the People's Committee office), 2025 structure. */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    code: 'SGDDT',
    name: 'Sở Giáo dục và Đào tạo Hà Nội',
    short: 'Sở GD&ĐT',
    weight: 7,
    divisions: [
      { name: 'Phòng Giáo dục Mầm non', kind: 'phong' },
      { name: 'Phòng Giáo dục Phổ thông', kind: 'phong' },
      { name: 'Phòng Giáo dục thường xuyên', kind: 'phong' },
      { name: 'Phòng Khảo thí và Kiểm định chất lượng', kind: 'phong' },
      { name: 'Phòng Chính trị tư tưởng', kind: 'phong' },
    ],
    units: [
      { pattern: 'Trường THPT {place}', children: SCHOOL_GROUPS },
      { pattern: 'Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {place}', children: ['Tổ Văn hóa', 'Tổ Nghề', 'Tổ Hành chính'] },
    ],
  },
  {
    code: 'SYT',
    name: 'Sở Y tế Hà Nội',
    short: 'Sở Y tế',
    weight: 6,
    divisions: [
      { name: 'Phòng Nghiệp vụ Y', kind: 'phong' },
      { name: 'Phòng Nghiệp vụ Dược', kind: 'phong' },
      { name: 'Chi cục Dân số', kind: 'chi_cuc', children: ['Phòng Hành chính - Tổng hợp', 'Phòng Truyền thông'] },
      { name: 'Chi cục An toàn vệ sinh thực phẩm', kind: 'chi_cuc', children: ['Phòng Hành chính - Tổng hợp', 'Phòng Thanh tra'] },
    ],
    units: [
      { pattern: 'Bệnh viện Đa khoa {place}', children: HOSPITAL_WARDS },
      { pattern: 'Trung tâm Y tế {place}', children: ['Khoa Kiểm soát bệnh tật', 'Khoa Dân số', 'Phòng Tổ chức - Hành chính'] },
    ],
  },
  {
    code: 'SNNMT',
    name: 'Sở Nông nghiệp và Môi trường Hà Nội',
    short: 'Sở NN&MT',
    weight: 4,
    divisions: [
      { name: 'Phòng Quản lý đất đai', kind: 'phong' },
      { name: 'Phòng Tài nguyên nước và Khoáng sản', kind: 'phong' },
      { name: 'Chi cục Thủy lợi', kind: 'chi_cuc', children: ['Phòng Quản lý công trình', 'Phòng Phòng chống thiên tai'] },
      { name: 'Chi cục Kiểm lâm', kind: 'chi_cuc', children: ['Phòng Quản lý bảo vệ rừng', 'Phòng Thanh tra - Pháp chế'] },
      { name: 'Chi cục Bảo vệ môi trường', kind: 'chi_cuc', children: ['Phòng Kiểm soát ô nhiễm', 'Phòng Quản lý chất thải'] },
    ],
    units: [
      { pattern: 'Chi nhánh Văn phòng Đăng ký đất đai {place}' },
      { pattern: 'Hạt Kiểm lâm {place}' },
      { pattern: 'Trạm Khuyến nông {place}' },
    ],
  },
  {
    code: 'SXD',
    name: 'Sở Xây dựng Hà Nội',
    short: 'Sở Xây dựng',
    weight: 3,
    divisions: [
      { name: 'Phòng Quản lý hạ tầng kỹ thuật', kind: 'phong' },
      { name: 'Phòng Quản lý nhà và Thị trường bất động sản', kind: 'phong' },
      { name: 'Phòng Quản lý giao thông', kind: 'phong' },
    ],
    units: [{ pattern: 'Ban Quản lý dự án đầu tư xây dựng khu vực {place}' }, { pattern: 'Xí nghiệp Quản lý hạ tầng giao thông {place}' }],
  },
  {
    code: 'SVHTT',
    name: 'Sở Văn hóa và Thể thao Hà Nội',
    short: 'Sở VH&TT',
    weight: 3,
    divisions: [
      { name: 'Phòng Quản lý văn hóa', kind: 'phong' },
      { name: 'Phòng Quản lý di sản', kind: 'phong' },
      { name: 'Phòng Quản lý thể dục thể thao', kind: 'phong' },
    ],
    units: [{ pattern: 'Trung tâm Văn hóa - Thể thao {place}' }, { pattern: 'Thư viện {place}' }],
  },
  {
    code: 'SNV',
    name: 'Sở Nội vụ Hà Nội',
    short: 'Sở Nội vụ',
    weight: 2,
    divisions: [
      { name: 'Phòng Công chức, viên chức', kind: 'phong' },
      { name: 'Phòng Tổ chức bộ máy', kind: 'phong' },
      { name: 'Phòng Lao động - Việc làm', kind: 'phong' },
      { name: 'Chi cục Văn thư - Lưu trữ', kind: 'chi_cuc', children: ['Phòng Nghiệp vụ', 'Phòng Lưu trữ'] },
    ],
    units: [{ pattern: 'Trung tâm Dịch vụ việc làm {place}' }],
  },
  {
    code: 'STC',
    name: 'Sở Tài chính Hà Nội',
    short: 'Sở Tài chính',
    weight: 2,
    divisions: [
      { name: 'Phòng Quản lý ngân sách', kind: 'phong' },
      { name: 'Phòng Tài chính đầu tư', kind: 'phong' },
      { name: 'Phòng Quản lý giá và Công sản', kind: 'phong' },
      { name: 'Phòng Đăng ký kinh doanh', kind: 'phong' },
    ],
    units: [{ pattern: 'Trung tâm Thông tin và Dịch vụ tài chính {place}' }],
  },
  {
    code: 'SKHCN',
    name: 'Sở Khoa học và Công nghệ Hà Nội',
    short: 'Sở KH&CN',
    weight: 2,
    divisions: [
      { name: 'Phòng Công nghệ thông tin', kind: 'phong' },
      { name: 'Phòng Bưu chính - Viễn thông', kind: 'phong' },
      { name: 'Phòng Quản lý khoa học', kind: 'phong' },
      { name: 'Phòng Chuyển đổi số', kind: 'phong' },
    ],
    units: [
      {
        pattern: 'Trung tâm Công nghệ thông tin và Truyền thông Hà Nội',
        children: ['Phòng Hành chính - Tổng hợp', 'Phòng Hạ tầng kỹ thuật', 'Phòng Phần mềm và Dữ liệu', 'Phòng Dịch vụ'],
      },
      { pattern: 'Trung tâm Ứng dụng tiến bộ khoa học và công nghệ' },
      { pattern: 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng' },
      { pattern: 'Trung tâm Thông tin và Thống kê khoa học' },
      { pattern: 'Trạm Kiểm định phương tiện đo {place}' },
    ],
  },
  {
    code: 'SCT',
    name: 'Sở Công Thương Hà Nội',
    short: 'Sở Công Thương',
    weight: 2,
    divisions: [
      { name: 'Phòng Quản lý thương mại', kind: 'phong' },
      { name: 'Phòng Quản lý công nghiệp', kind: 'phong' },
      { name: 'Phòng Quản lý năng lượng', kind: 'phong' },
    ],
    units: [{ pattern: 'Ban Quản lý chợ {place}' }],
  },
  {
    code: 'STP',
    name: 'Sở Tư pháp Hà Nội',
    short: 'Sở Tư pháp',
    weight: 1,
    divisions: [
      { name: 'Phòng Xây dựng và Kiểm tra văn bản', kind: 'phong' },
      { name: 'Phòng Hành chính tư pháp', kind: 'phong' },
    ],
    units: [{ pattern: 'Phòng Công chứng số {n}' }],
  },
  {
    code: 'SDL',
    name: 'Sở Du lịch Hà Nội',
    short: 'Sở Du lịch',
    weight: 1,
    divisions: [
      { name: 'Phòng Quản lý lữ hành', kind: 'phong' },
      { name: 'Phòng Xúc tiến du lịch', kind: 'phong' },
    ],
    units: [{ pattern: 'Điểm thông tin du lịch {place}' }],
  },
  {
    code: 'SDTTG',
    name: 'Sở Dân tộc và Tôn giáo Hà Nội',
    short: 'Sở DT&TG',
    weight: 1,
    divisions: [
      { name: 'Phòng Công tác dân tộc', kind: 'phong' },
      { name: 'Phòng Công tác tôn giáo', kind: 'phong' },
    ],
    units: [],
  },
  {
    code: 'SQHKT',
    name: 'Sở Quy hoạch - Kiến trúc Hà Nội',
    short: 'Sở QH-KT',
    weight: 1,
    divisions: [
      { name: 'Phòng Quy hoạch đô thị', kind: 'phong' },
      { name: 'Phòng Kiến trúc', kind: 'phong' },
    ],
    units: [{ pattern: 'Viện Quy hoạch xây dựng - Chi nhánh {place}' }],
  },
  {
    code: 'SNGV',
    name: 'Sở Ngoại vụ Hà Nội',
    short: 'Sở Ngoại vụ',
    weight: 1,
    divisions: [
      { name: 'Phòng Hợp tác quốc tế', kind: 'phong' },
      { name: 'Phòng Lãnh sự', kind: 'phong' },
    ],
    units: [],
  },
  {
    code: 'TTTP',
    name: 'Thanh tra Thành phố Hà Nội',
    short: 'Thanh tra TP',
    weight: 1,
    divisions: [
      { name: 'Phòng Thanh tra số 1', kind: 'phong' },
      { name: 'Phòng Thanh tra số 2', kind: 'phong' },
      { name: 'Phòng Tiếp công dân', kind: 'phong' },
    ],
    units: [],
  },
  {
    code: 'VPUB',
    name: 'Văn phòng Ủy ban nhân dân Thành phố Hà Nội',
    short: 'Văn phòng UBND TP',
    weight: 1,
    divisions: [
      { name: 'Phòng Tổng hợp', kind: 'phong' },
      { name: 'Phòng Kinh tế', kind: 'phong' },
      { name: 'Phòng Nội chính', kind: 'phong' },
    ],
    units: [{ pattern: 'Trung tâm Phục vụ hành chính công - Chi nhánh số {n}' }],
  },
];

/** Offices of a commune after the 2025 reform. */
export function communeOffices(kind: 'phường' | 'xã'): readonly string[] {
  return ['Văn phòng HĐND và UBND', kind === 'phường' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế', 'Phòng Văn hóa - Xã hội'];
}

/** Public-service units a commune runs (schools, health station), `{place}` replaced. */
export const COMMUNE_UNITS = [
  'Trường Mầm non {place} số {n}',
  'Trường Tiểu học {place} số {n}',
  'Trường THCS {place} số {n}',
  'Trạm Y tế {place}',
];

/** Titles by seat in a unit (0 = head, 1 = deputy, then staff), per kind of unit. */
export const TITLES: Readonly<Record<string, { head: string; deputy: string; staff: readonly string[] }>> = {
  so: { head: 'Giám đốc Sở', deputy: 'Phó Giám đốc Sở', staff: ['Phó Giám đốc Sở'] },
  phong: {
    head: 'Trưởng phòng',
    deputy: 'Phó Trưởng phòng',
    staff: ['Chuyên viên', 'Chuyên viên', 'Chuyên viên chính', 'Cán sự', 'Kế toán', 'Văn thư'],
  },
  chi_cuc: { head: 'Chi cục trưởng', deputy: 'Phó Chi cục trưởng', staff: ['Chuyên viên', 'Chuyên viên chính'] },
  school: {
    head: 'Hiệu trưởng',
    deputy: 'Phó Hiệu trưởng',
    staff: ['Giáo viên', 'Giáo viên', 'Giáo viên', 'Nhân viên thư viện', 'Kế toán', 'Nhân viên y tế trường học'],
  },
  hospital: {
    head: 'Giám đốc',
    deputy: 'Phó Giám đốc',
    staff: ['Bác sĩ', 'Bác sĩ', 'Điều dưỡng', 'Điều dưỡng', 'Kỹ thuật viên', 'Dược sĩ', 'Hộ lý'],
  },
  khoa: { head: 'Trưởng khoa', deputy: 'Phó Trưởng khoa', staff: ['Bác sĩ', 'Điều dưỡng', 'Điều dưỡng', 'Kỹ thuật viên', 'Hộ lý'] },
  to: { head: 'Tổ trưởng', deputy: 'Tổ phó', staff: ['Giáo viên', 'Giáo viên', 'Nhân viên'] },
  don_vi_su_nghiep: { head: 'Giám đốc', deputy: 'Phó Giám đốc', staff: ['Viên chức', 'Viên chức', 'Kỹ sư', 'Nhân viên', 'Kế toán'] },
  phuong_xa: { head: 'Chủ tịch UBND', deputy: 'Phó Chủ tịch UBND', staff: ['Phó Chủ tịch UBND'] },
  chi_bo: { head: 'Bí thư Chi bộ', deputy: 'Phó Bí thư Chi bộ', staff: ['Đảng viên'] },
};
