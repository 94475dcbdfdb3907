/**
 * Fixtures shared by the catalogue and case tests: a directive document to hang a catalogue on
 * (through the documents API when it is installed, else as the bare row the registry would hold)
 * and the 24-CT/TU sample catalogue.
 */
import { SAMPLE_CATALOGUE_24_CT_TU, type Catalogue } from '@kycuong/domain';
import { sql } from 'kysely';
import type { Agent, TestContext } from './harness';

export const sampleGroups = () =>
  SAMPLE_CATALOGUE_24_CT_TU.map((g) => ({ code: g.code, title: g.title, items: g.items.map((i) => ({ ...i })) }));

/** A directive of the given org: its document id (or its number while no documents table exists). */
export async function newDirective(t: TestContext, admin: Agent, org: { id: string }, number = '24-CT/TU'): Promise<string> {
  const res = await admin.post('/api/v1/documents', {
    type: 'chi_thi',
    issuingOrgId: org.id,
    number,
    issuedOn: '2023-08-07',
    title: 'Tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc',
  });
  if (res.statusCode === 200) return res.json<{ id: string }>().id;
  const tables = await t.ctx.db.introspection.getTables();
  if (!tables.some((x) => x.name === 'documents')) return number;
  if (res.statusCode !== 404) throw new Error(`creating the directive failed: ${res.statusCode} ${res.body}`);
  // The documents table exists but its API is not registered yet: the row the registry would hold.
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await sql`insert into documents (id, style, type, number_text, issuing_org_id, issued_on, title, status, search_text, version, created_at, updated_at)
    values (${id}, 'party', 'chi_thi', ${number}, ${org.id}, '2023-08-07', 'Chỉ thị', 'issued', 'chi thi', 1, ${now}, ${now})`.execute(
    t.ctx.db,
  );
  return id;
}

/** The sample catalogue on a new directive. */
export async function newSampleCatalogue(t: TestContext, admin: Agent, org: { id: string }): Promise<Catalogue> {
  const documentId = await newDirective(t, admin, org);
  const res = await admin.post('/api/v1/catalogues', {
    documentId,
    title: 'Danh mục biểu hiện 24-CT/TU',
    isSample: true,
    groups: sampleGroups(),
  });
  if (res.statusCode !== 200) throw new Error(`creating the catalogue failed: ${res.statusCode} ${res.body}`);
  return res.json<Catalogue>();
}

/** Today in Hanoi and dates around it (`YYYY-MM-DD`), so date-dependent rules hold on any day the tests run. */
export function hanoiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}
export function daysFromToday(days: number): string {
  const d = new Date(`${hanoiToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface CaseRef {
  id: string;
  version: number;
  status: string;
}

/** Runs workflow steps one after the other, each on the version the previous one answered. */
export async function steps(agent: Agent, c: CaseRef, ...bodies: Record<string, unknown>[]): Promise<CaseRef> {
  let cur = c;
  for (const body of bodies) {
    const res = await agent.post(`/api/v1/cases/${cur.id}/transition`, { version: cur.version, ...body });
    if (res.statusCode !== 200) throw new Error(`${String(body.action)} failed: ${res.statusCode} ${res.body}`);
    cur = res.json<CaseRef>();
  }
  return cur;
}
