/** The row report shared by org and people imports. */
import type { ImportRowReport, z } from '@kycuong/domain';

export interface RowState {
  rowNumber: number;
  action: 'create' | 'update' | 'skip';
  errors: { column: string; message: string }[];
  summary: string;
}

export const ROW = 'Dòng';

export function newRow(rowNumber: number): RowState {
  return { rowNumber, action: 'create', errors: [], summary: '' };
}

export function addError(row: RowState, column: string, message: string): void {
  if (!row.errors.some((e) => e.column === column && e.message === message)) row.errors.push({ column, message });
}

export const isValid = (row: RowState) => row.errors.length === 0;

export function toReport(row: RowState): ImportRowReport {
  return {
    rowNumber: row.rowNumber,
    status: isValid(row) ? 'valid' : 'error',
    action: row.action,
    errors: row.errors,
    summary: row.summary,
  };
}

/** Whether a value passes a contract schema (the domain's rules decide; the report words the message). */
export function passes(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}
