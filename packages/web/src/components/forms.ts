/** Maps an API error onto a form: `fields[].path` of a 400 lands under the matching Form.Item. */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts each field error of the answer under its form field (paths like `membership.orgId`
 * become nested names). Answers the errors that matched no field of the form, so the caller
 * can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, prefix: string[] = []): string[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  const names = new Set(
    form
      .getFieldsError()
      .map((f) => f.name.join('.'))
      .concat(Object.keys(flatten(form.getFieldsValue(true) as Record<string, unknown>))),
  );
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const f of err.fields) {
    const path = [...prefix, ...f.path.split('.')].join('.');
    if (names.has(path)) byField.set(path, [...(byField.get(path) ?? []), f.message]);
    else unmatched.push(`${f.path}: ${f.message}`);
  }
  form.setFields([...byField].map(([path, errors]) => ({ name: path.split('.'), errors })));
  return unmatched;
}

function flatten(obj: Record<string, unknown>, base = ''): Record<string, true> {
  const out: Record<string, true> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = base ? `${base}.${k}` : k;
    out[key] = true;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, key));
  }
  return out;
}

/** The user-facing text of any error (the server's message is already localised). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Shows a failed submit: field errors under their fields, anything else (or a 400 whose fields
 * are not in this form) as a message.
 */
export function reportError(form: FormInstance | null, err: unknown, show: (text: string) => void): void {
  const unmatched = form ? applyFieldErrors(form, err) : [];
  const allMapped = err instanceof ApiError && err.fields.length > 0 && unmatched.length === 0;
  if (!allMapped) show(errorText(err));
}
