/**
 * One way for every list of the app to become an XLSX file: the list's own service is called page
 * by page (so the export holds exactly the rows the caller may see, scoped in SQL as the list is),
 * and the rows are streamed into the workbook as they come, never all held in memory.
 *
 * The first page is fetched before the answer starts, so an out-of-scope org or a bad filter still
 * answers 404/400 instead of a broken download.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { CONTENT_TYPES, writeSheet } from '../modules/imports/imports.codec';
import { contentDisposition } from '../modules/imports/imports.service';

/** Longest export (rows); lists are capped at the same number when they count. */
export const EXPORT_MAX_ROWS = 10_000;
const PAGE_SIZE = 200;

export interface ListColumn<T> {
  header: string;
  /** Column width in characters. */
  width: number;
  value: (row: T) => string | number | null;
}

/** Fetches page 1 now and answers the rows of every page, up to `EXPORT_MAX_ROWS`. */
export async function pagedRows<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[] }>): Promise<AsyncIterable<T>> {
  const first = await fetch(1, PAGE_SIZE);
  return (async function* () {
    let items = first.items;
    let page = 1;
    let sent = 0;
    for (;;) {
      for (const item of items) {
        if (sent >= EXPORT_MAX_ROWS) return;
        sent++;
        yield item;
      }
      if (items.length < PAGE_SIZE) return;
      page++;
      items = (await fetch(page, PAGE_SIZE)).items;
    }
  })();
}

/** Streams the rows as an XLSX download named `<title> - <date>.xlsx`. */
export function sendListXlsx<T>(
  reply: FastifyReply,
  opts: { title: string; sheetName: string; columns: readonly ListColumn<T>[]; rows: AsyncIterable<T> },
) {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const body = new PassThrough();
  const cells = (async function* () {
    for await (const row of opts.rows) yield opts.columns.map((c) => c.value(row));
  })();
  // A failure after the headers are sent can only cut the download short; it is logged.
  writeSheet(
    'xlsx',
    body,
    opts.sheetName,
    opts.columns.map((c) => ({ header: c.header, width: c.width })),
    cells,
  ).catch((err: unknown) => {
    reply.log.error({ err }, 'list export failed');
    body.destroy(err as Error);
  });
  return reply
    .header('content-type', CONTENT_TYPES.xlsx)
    .header('content-disposition', contentDisposition(`${opts.title} - ${date}.xlsx`))
    .header('cache-control', 'no-store')
    .send(body);
}
