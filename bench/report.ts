/**
 * Issue 5: the city-wide report rendered on a generated city database, in-process — figures
 * aggregated from live data (the dashboard's counters, the task lists' tops), the draft built, then
 * DOCX, PDF and XLSX rendered, as the report job does (the job also stores the three files).
 *
 *   npx tsx bench/report.ts sqlite bench/out/city-sqlite/kycuong.sqlite
 *   npx tsx bench/report.ts pg postgres://postgres:postgres@127.0.0.1:PORT/kycuong_bench_city
 *
 * Prints, for each city root, the time of each step and the total (median of 3 runs).
 */
import { performance } from 'node:perf_hooks';
import type { ReportKind } from '@kycuong/domain';
import { loadConfig } from '../packages/server/src/config';
import { AuditLog } from '../packages/server/src/platform/audit';
import { renderDocx } from '../packages/server/src/modules/reports/reports.docx';
import { renderPdf } from '../packages/server/src/modules/reports/reports.pdf';
import { ReportService } from '../packages/server/src/modules/reports/reports.service';
import { renderXlsx } from '../packages/server/src/modules/reports/reports.xlsx';
import { systemActor } from '../packages/server/src/platform/access';
import { open, type Target } from './lib/target';

async function main(): Promise<void> {
  const [kind, where] = process.argv.slice(2);
  if (!where || (kind !== 'sqlite' && kind !== 'pg')) throw new Error('usage: npx tsx bench/report.ts sqlite|pg <file|url>');
  const target: Target = kind === 'pg' ? { kind: 'postgres', url: where } : { kind: 'sqlite', file: where };
  const handle = open(target);
  const config = loadConfig({ KYCUONG_DEMO: '0', LOG_LEVEL: 'silent' });
  const reports = new ReportService({ db: handle.db, dialect: handle.dialect, handle, audit: new AuditLog(config.auditHmacKey), config });
  const roots = await handle.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', 'is', null).execute();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const root of roots)
    for (const reportKind of ['ct24', 'task-followup'] as ReportKind[]) {
      const steps: Record<string, number[]> = { draft: [], docx: [], pdf: [], xlsx: [], total: [] };
      let size = '';
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        const draft = await reports.draft(systemActor(), { orgId: root.id, kind: reportKind, period: '2026-Q3' });
        const t1 = performance.now();
        const docx = await renderDocx(draft);
        const t2 = performance.now();
        const pdf = await renderPdf(draft);
        const t3 = performance.now();
        const xlsx = await renderXlsx(draft);
        const t4 = performance.now();
        steps.draft!.push(t1 - t0);
        steps.docx!.push(t2 - t1);
        steps.pdf!.push(t3 - t2);
        steps.xlsx!.push(t4 - t3);
        steps.total!.push(t4 - t0);
        size = `docx ${Math.round(docx.length / 1024)} KiB, pdf ${Math.round(pdf.length / 1024)} KiB, xlsx ${Math.round(xlsx.length / 1024)} KiB`;
      }
      console.log(
        `${kind} ${root.name} ${reportKind}: ` +
          Object.entries(steps)
            .map(([k, v]) => `${k} ${Math.round(median(v))} ms`)
            .join(', ') +
          ` (${size})`,
      );
    }
  await handle.close();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
