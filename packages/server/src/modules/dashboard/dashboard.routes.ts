import { Dashboard, DashboardQuery, ErrorResponse } from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { DashboardService } from './dashboard.service';

const tags = ['dashboard'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** The dashboard of a subtree and period. */
export async function dashboardRoutes(app: Api, { dashboard }: { dashboard: DashboardService }) {
  app.get(
    '/dashboard',
    {
      schema: {
        tags,
        summary:
          'Bảng điều hành của một đơn vị (cả cây con) trong kỳ: nhiệm vụ theo kết quả, tỷ lệ đúng hạn, quá hạn, chưa cập nhật, đôn đốc, dấu hiệu, vụ việc, xếp loại, xếp hạng đơn vị, xu hướng 12 tháng',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errs },
      },
    },
    (req) => dashboard.get(actorOf(req), req.query),
  );
}
