import type { ErrorCode } from '@kycuong/domain';

export interface FieldError {
  path: string;
  message: string;
  code: string;
}

/** The one application error: a stable code, an HTTP status and message parameters. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldError[],
  ) {
    super(code);
  }
}

export const errors = {
  notFound: () => new AppError('not_found', 404),
  unauthenticated: () => new AppError('unauthenticated', 401),
  forbidden: () => new AppError('forbidden', 403),
  versionConflict: () => new AppError('version_conflict', 409),
  conflict: (detail: string) => new AppError('conflict', 409, { detail }),
  /** A 400 naming one field, for rules zod cannot express (e.g. a parent that would make a cycle). */
  invalidField: (path: string, message: string, code = 'invalid') => new AppError('validation_failed', 400, {}, [{ path, message, code }]),
};
