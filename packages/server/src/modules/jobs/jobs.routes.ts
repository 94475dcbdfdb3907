import { ErrorResponse, JobList, JobListQuery, JobSummary, OutboxList, OutboxListQuery } from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { JobAdminService } from './jobs.service';

const tags = ['jobs'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse };

/** Background jobs and the mail outbox, read-only, for system administrators. */
export async function jobAdminRoutes(app: Api, { jobs }: { jobs: JobAdminService }) {
  app.get(
    '/jobs',
    {
      schema: {
        tags,
        summary: 'Công việc nền (lọc theo trạng thái, loại) — quản trị hệ thống',
        querystring: JobListQuery,
        response: { 200: JobList, ...errs },
      },
    },
    (req) => jobs.list(actorOf(req), req.query),
  );
  app.get(
    '/jobs/summary',
    { schema: { tags, summary: 'Số công việc nền theo loại và trạng thái', response: { 200: JobSummary, ...errs } } },
    (req) => jobs.summary(actorOf(req)),
  );
  app.get(
    '/mail-outbox',
    {
      schema: {
        tags,
        summary: 'Hộp thư đi (thư chờ gửi, đã gửi, lỗi)',
        querystring: OutboxListQuery,
        response: { 200: OutboxList, ...errs },
      },
    },
    (req) => jobs.outbox(actorOf(req), req.query),
  );
}
