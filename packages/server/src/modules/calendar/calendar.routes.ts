import {
  AddWorkingDaysQuery,
  AddWorkingDaysResult,
  CalendarConfigUpdate,
  CalendarConfigView,
  CalendarYear,
  CalendarYearParams,
  ErrorResponse,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { CalendarService } from './calendar.service';

const tags = ['calendar'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The Vietnamese working-day calendar (any signed-in user) and its yearly configuration (system administrators). */
export async function calendarRoutes(app: Api, { calendar }: { calendar: CalendarService }) {
  app.get(
    '/calendar/add-working-days',
    {
      schema: {
        tags,
        summary: 'Ngày sau N ngày làm việc (không tính ngày đầu; bỏ qua cuối tuần, ngày lễ, ngày nghỉ hoán đổi)',
        querystring: AddWorkingDaysQuery,
        response: { 200: AddWorkingDaysResult, ...errs },
      },
    },
    (req) => calendar.addWorkingDays(actorOf(req), req.query.from, req.query.days),
  );
  app.get(
    '/calendar/config/:year',
    {
      schema: {
        tags,
        summary: 'Cấu hình lịch nghỉ của một năm (quản trị hệ thống)',
        params: CalendarYearParams,
        response: { 200: CalendarConfigView, ...errs },
      },
    },
    (req) => calendar.getConfig(actorOf(req), req.params.year),
  );
  app.put(
    '/calendar/config/:year',
    {
      schema: {
        tags,
        summary: 'Sửa lịch nghỉ Tết, Quốc khánh, ngày nghỉ thêm, ngày làm bù và nghỉ hoán đổi của một năm',
        params: CalendarYearParams,
        body: CalendarConfigUpdate,
        response: { 200: CalendarConfigView, ...errs },
      },
    },
    (req) => calendar.putConfig(actorOf(req), req.params.year, req.body),
  );
  app.get(
    '/calendar/:year',
    {
      schema: {
        tags,
        summary: 'Ngày nghỉ (lễ, Tết, nghỉ bù, nghỉ hoán đổi — không kể cuối tuần thường) và ngày làm bù của một năm',
        params: CalendarYearParams,
        response: { 200: CalendarYear, ...errs },
      },
    },
    (req) => {
      actorOf(req);
      return calendar.year(req.params.year);
    },
  );
}
