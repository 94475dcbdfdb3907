import { ErrorResponse, PublicHandledCases, PublicHandledCasesParams, PublicHandledCasesQuery } from '@kycuong/domain';
import { localeOf, type Api } from '../../platform/http';
import type { CaseService } from '../cases/cases.service';

/**
 * Public pages (no sign-in): how violations reported by citizens were handled, per org, as the
 * city requires — only cases the inspector published, only the fields chosen, anonymous by default.
 */
export async function publicationRoutes(app: Api, { cases }: { cases: CaseService }) {
  app.get(
    '/public/orgs/:orgCode/handled-cases',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Công khai kết quả xử lý phản ánh của người dân theo đơn vị (không cần đăng nhập)',
        security: [],
        params: PublicHandledCasesParams,
        querystring: PublicHandledCasesQuery,
        response: { 200: PublicHandledCases, 404: ErrorResponse, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    (req) => cases.publicHandledCases(req.params.orgCode, req.query.page, req.query.pageSize, localeOf(req)),
  );
}
