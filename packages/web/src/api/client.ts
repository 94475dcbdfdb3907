/**
 * The one HTTP client of the web app: openapi-fetch typed by the generated schema. It sends the
 * session cookie, the CSRF token on state-changing requests and the UI language; it turns every
 * error answer into an ApiError (the server's message is already in the user's language) and
 * reports a lost session so the app can go back to the sign-in page.
 */
import { ERROR_MESSAGES, type ErrorCode } from '@kycuong/domain';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export interface FieldError {
  path: string;
  message: string;
  code: string;
}

/** An error answer of the API (or a network failure, code `network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Kept in memory only: a page reload fetches it again from /auth/me.
let csrfToken: string | null = null;
let requestLocale: 'vi' | 'en' = 'vi';
let onUnauthenticated: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLocale(locale: 'vi' | 'en'): void {
  requestLocale = locale;
}

/** Called when any request other than sign-in answers 401 (the session ended or expired). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isErrorBody(v: unknown): v is { error: { code: string; message: string; fields?: FieldError[]; requestId?: string } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = v.error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

function fallbackMessage(code: string): string {
  const known = ERROR_MESSAGES[code as ErrorCode] as { vi: string; en: string } | undefined;
  return (known ?? ERROR_MESSAGES.internal)[requestLocale].replace(/\{\w+\}/g, '').trim();
}

const middleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    // Before sign-in the server picks the language of its messages from this header.
    request.headers.set('accept-language', requestLocale);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) return response;
    let body: unknown = null;
    try {
      body = await response.clone().json();
    } catch {
      body = null;
    }
    const err = isErrorBody(body)
      ? new ApiError(response.status, body.error.code, body.error.message, body.error.fields ?? [], body.error.requestId)
      : new ApiError(
          response.status,
          response.status === 404 ? 'not_found' : 'internal',
          fallbackMessage(response.status === 404 ? 'not_found' : 'internal'),
        );
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.endsWith('/auth/login') && !path.endsWith('/auth/me')) onUnauthenticated();
    throw err;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    const message =
      requestLocale === 'en' ? 'Cannot reach the server; check the connection' : 'Không kết nối được máy chủ; hãy kiểm tra mạng';
    return new ApiError(0, 'network', message);
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'include' });
api.use(middleware);

/**
 * Awaits an openapi-fetch call and answers its data. Error answers were already turned into an
 * ApiError by the middleware; this only narrows the type.
 */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await call;
  if (r.data === undefined) throw new ApiError(r.response.status, 'internal', fallbackMessage('internal'));
  return r.data;
}

/** Builds an absolute API URL (for downloads served as plain links). */
export function apiUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
