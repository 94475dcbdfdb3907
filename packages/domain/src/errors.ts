/**
 * Stable error codes shared by server and web. The server answers `{ error: { code, message,
 * fields? } }`; the web app shows the message for the user's language from this table.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'totp_required',
  'totp_invalid',
  'totp_setup_required',
  'password_change_required',
  'csrf_invalid',
  'forbidden',
  'not_found',
  'version_conflict',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_MESSAGES: Readonly<Record<ErrorCode, { vi: string; en: string }>> = {
  validation_failed: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  unauthenticated: { vi: 'Vui lòng đăng nhập', en: 'Please sign in' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  account_locked: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau {minutes} phút',
    en: 'Account temporarily locked after repeated failures; try again in {minutes} minutes',
  },
  totp_required: { vi: 'Nhập mã xác thực hai lớp', en: 'Enter your two-factor code' },
  totp_invalid: { vi: 'Mã xác thực hai lớp không đúng', en: 'Wrong two-factor code' },
  totp_setup_required: {
    vi: 'Vai trò của bạn bắt buộc xác thực hai lớp; hãy bật trong Tài khoản của tôi',
    en: 'Your role requires two-factor sign-in; enable it in My account',
  },
  password_change_required: { vi: 'Bạn cần đổi mật khẩu trước khi tiếp tục', en: 'You must change your password first' },
  csrf_invalid: { vi: 'Phiên làm việc không hợp lệ, hãy tải lại trang', en: 'Invalid session token; reload the page' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  version_conflict: {
    vi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại và thử lại',
    en: 'Someone else changed this record; reload and try again',
  },
  conflict: { vi: 'Xung đột dữ liệu: {detail}', en: 'Conflict: {detail}' },
  rate_limited: { vi: 'Quá nhiều yêu cầu, hãy thử lại sau', en: 'Too many requests, try again later' },
  payload_too_large: { vi: 'Tệp quá lớn', en: 'File too large' },
  internal: { vi: 'Lỗi hệ thống (mã {requestId})', en: 'Server error (id {requestId})' },
};

export type Locale = 'vi' | 'en';

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] !== undefined ? String(params[k]) : m));
}

export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return formatMessage(ERROR_MESSAGES[code][locale], params);
}
