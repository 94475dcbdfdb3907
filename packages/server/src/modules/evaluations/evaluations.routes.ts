import {
  ApproveBody,
  ErrorResponse,
  EvaluationCycleBody,
  EvaluationCycleResult,
  EvaluationDetail,
  EvaluationHistory,
  EvaluationList,
  EvaluationListQuery,
  EvaluationMineQuery,
  IdParams,
  ProposalBody,
  SelfAssessmentBody,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { EvaluationService } from './evaluations.service';

const tags = ['evaluations'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Evaluation per NĐ 335/2025 and the Party-member rating: lists, breakdown, steps, history. */
export async function evaluationRoutes(app: Api, { evaluations }: { evaluations: EvaluationService }) {
  app.get(
    '/evaluations',
    {
      schema: {
        tags,
        summary: 'Đánh giá, xếp loại của một đơn vị trong kỳ (period: 2026, 2026-Q3 hoặc 2026-09), kèm kiểm tra tỷ lệ xuất sắc',
        querystring: EvaluationListQuery,
        response: { 200: EvaluationList, ...errs },
      },
    },
    (req) => evaluations.list(actorOf(req), req.query),
  );
  app.post(
    '/evaluations/cycle',
    {
      schema: {
        tags,
        summary: 'Mở kỳ đánh giá cho các thành viên của đơn vị (bỏ qua người đã có)',
        body: EvaluationCycleBody,
        response: { 200: EvaluationCycleResult, ...errs },
      },
    },
    (req) => evaluations.openCycle(actorOf(req), req.body),
  );
  app.get(
    '/evaluations/history',
    {
      schema: {
        tags,
        summary: 'Lịch sử xếp loại của một người (mặc định: của tôi) và các cảnh báo theo Quy định 41-QĐ/TW',
        querystring: EvaluationMineQuery,
        response: { 200: EvaluationHistory, ...errs },
      },
    },
    (req) => evaluations.history(actorOf(req), req.query.personId),
  );
  app.get(
    '/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết đánh giá: từng nhiệm vụ, hệ số quy đổi, các khoản trừ điểm',
        params: IdParams,
        response: { 200: EvaluationDetail, ...errs },
      },
    },
    (req) => evaluations.get(actorOf(req), req.params.id),
  );
  app.post(
    '/evaluations/:id/self-assessment',
    {
      schema: {
        tags,
        summary: 'Tự đánh giá (người được đánh giá)',
        params: IdParams,
        body: SelfAssessmentBody,
        response: { 200: EvaluationDetail, ...errs },
      },
    },
    (req) => evaluations.selfAssess(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/evaluations/:id/proposal',
    {
      schema: {
        tags,
        summary: 'Lãnh đạo đề xuất: điểm tiêu chí chung, lỗi lớn từng nhiệm vụ, mức xếp loại',
        params: IdParams,
        body: ProposalBody,
        response: { 200: EvaluationDetail, ...errs },
      },
    },
    (req) => evaluations.propose(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/evaluations/:id/approval',
    {
      schema: {
        tags,
        summary: 'Phê duyệt kết quả xếp loại (khóa điểm và bảng chi tiết; kiểm tra tỷ lệ xuất sắc)',
        params: IdParams,
        body: ApproveBody,
        response: { 200: EvaluationDetail, ...errs },
      },
    },
    (req) => evaluations.approve(actorOf(req), req.params.id, req.body),
  );
}
