import {
  ErrorResponse,
  SignalAggregate,
  SignalAggregateQuery,
  SignalTaskList,
  SignalTaskQuery,
  SignalThresholdsResponse,
  SignalThresholdsUpdate,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { SignalService } from './signals.service';

const tags = ['signals'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Shirking signals per unit and person, with the drill-down to tasks, and their thresholds. */
export async function signalRoutes(app: Api, { signals }: { signals: SignalService }) {
  app.get(
    '/signals',
    {
      schema: {
        tags,
        summary: 'Dấu hiệu né tránh, đùn đẩy theo đơn vị hoặc cá nhân (để xem xét, không phải kết luận)',
        querystring: SignalAggregateQuery,
        response: { 200: SignalAggregate, ...errs },
      },
    },
    (req) => signals.aggregate(actorOf(req), req.query),
  );
  app.get(
    '/signals/tasks',
    {
      schema: {
        tags,
        summary: 'Các nhiệm vụ có dấu hiệu (chi tiết từng dấu hiệu và bằng chứng)',
        querystring: SignalTaskQuery,
        response: { 200: SignalTaskList, ...errs },
      },
    },
    (req) => signals.tasks(actorOf(req), req.query),
  );
  app.get(
    '/signals/thresholds',
    { schema: { tags, summary: 'Ngưỡng phát hiện dấu hiệu', response: { 200: SignalThresholdsResponse, ...errs } } },
    (req) => signals.thresholds(actorOf(req)),
  );
  app.put(
    '/signals/thresholds',
    {
      schema: {
        tags,
        summary: 'Sửa ngưỡng phát hiện dấu hiệu (quản trị hệ thống)',
        body: SignalThresholdsUpdate,
        response: { 200: SignalThresholdsResponse, ...errs },
      },
    },
    (req) => signals.putThresholds(actorOf(req), req.body),
  );
}
