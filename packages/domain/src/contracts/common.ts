import { z } from 'zod';

/** Server-made time-ordered UUID (v7). */
export const Id = z.uuid();
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A page of items with the total count, as every list endpoint answers. */
export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const IdParams = z.object({ id: Id });

/** Optimistic concurrency: every update names the version it was based on. */
export const Versioned = z.object({ version: z.number().int().min(1) });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

export const OkResponse = z.object({ ok: z.literal(true) });

/** Query-string booleans: "true"/"1" and "false"/"0". */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
