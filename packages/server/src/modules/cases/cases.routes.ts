import {
  CaseCreate,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseMemberAdd,
  CasePublicationUpdate,
  CaseStats,
  CaseStatsQuery,
  CaseTransition,
  ErrorResponse,
  ExplanationReceipt,
  ExplanationRequestList,
  ExplanationSubmit,
  IdParams,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { CaseService } from './cases.service';

const tags = ['violations'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Violation cases: list, statistics, detail with timeline, workflow, readers, explanation, publication. */
export async function caseRoutes(app: Api, { cases }: { cases: CaseService }) {
  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Danh sách vụ việc (lọc theo đơn vị, biểu hiện, nhóm, nguồn, trạng thái, thời gian)',
        querystring: CaseListQuery,
        response: { 200: CaseList, ...errs },
      },
    },
    (req) => cases.list(actorOf(req), req.query),
  );
  app.get(
    '/cases/stats',
    {
      schema: {
        tags,
        summary: 'Thống kê vụ việc theo nhóm, biểu hiện và đơn vị (biểu đồ)',
        querystring: CaseStatsQuery,
        response: { 200: CaseStats, ...errs },
      },
    },
    (req) => cases.stats(actorOf(req), req.query),
  );
  app.get(
    '/cases/explanation-requests',
    {
      schema: {
        tags,
        summary: 'Các yêu cầu giải trình gửi tới tôi',
        response: { 200: ExplanationRequestList, ...errs },
      },
    },
    (req) => cases.myExplanationRequests(actorOf(req)),
  );
  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết vụ việc: diễn biến, cảnh báo thời hạn, thời hiệu và các thao tác được phép',
        params: IdParams,
        response: { 200: CaseDetail, ...errs },
      },
    },
    (req) => cases.get(actorOf(req), req.params.id),
  );
  app.post('/cases', { schema: { tags, summary: 'Tiếp nhận vụ việc', body: CaseCreate, response: { 200: CaseDetail, ...errs } } }, (req) =>
    cases.create(actorOf(req), req.body),
  );
  app.post(
    '/cases/:id/transition',
    {
      schema: {
        tags,
        summary: 'Chuyển bước: xác minh, yêu cầu giải trình, kéo dài thời hạn, kết luận, quyết định kỷ luật, kết thúc',
        params: IdParams,
        body: CaseTransition,
        response: { 200: CaseDetail, ...errs },
      },
    },
    (req) => cases.transition(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/cases/:id/explanation',
    {
      schema: {
        tags,
        summary: 'Đối tượng gửi giải trình (trong thời hạn)',
        params: IdParams,
        body: ExplanationSubmit,
        response: { 200: ExplanationReceipt, ...errs },
      },
    },
    (req) => cases.submitExplanation(actorOf(req), req.params.id, req.body.text),
  );
  app.post(
    '/cases/:id/members',
    {
      schema: {
        tags,
        summary: 'Thêm người được xem vụ việc',
        params: IdParams,
        body: CaseMemberAdd,
        response: { 200: CaseDetail, ...errs },
      },
    },
    (req) => cases.addMember(actorOf(req), req.params.id, req.body.personId),
  );
  app.put(
    '/cases/:id/publication',
    {
      schema: {
        tags,
        summary: 'Công khai kết quả xử lý phản ánh của người dân (chọn trường công khai; ẩn danh theo mặc định)',
        params: IdParams,
        body: CasePublicationUpdate,
        response: { 200: CaseDetail, ...errs },
      },
    },
    (req) => cases.setPublication(actorOf(req), req.params.id, req.body),
  );
}
