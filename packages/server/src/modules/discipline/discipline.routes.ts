import { ErrorResponse, IdParams, PersonDiscipline, RegimeSettings, RegimeSettingsUpdate } from '@kycuong/domain';
import type { AppContext } from '../../context';
import { actorOf, type Api } from '../../platform/http';
import type { DisciplineService } from './discipline.service';
import { loadRegimes, saveRegimes } from './regimes';

const tags = ['violations'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The discipline track of a person and the sanction regimes (reference data). */
export async function disciplineRoutes(app: Api, { ctx, discipline }: { ctx: AppContext; discipline: DisciplineService }) {
  app.get(
    '/people/:id/discipline',
    {
      schema: {
        tags,
        summary: 'Quá trình kỷ luật của một người (kỷ luật Đảng và kỷ luật hành chính tách riêng)',
        params: IdParams,
        response: { 200: PersonDiscipline, ...errs },
      },
    },
    (req) => discipline.ofPerson(actorOf(req), req.params.id),
  );
  app.get(
    '/discipline/regimes',
    {
      schema: {
        tags,
        summary: 'Chế độ kỷ luật theo đối tượng và thời gian hiệu lực (hình thức, thời hạn xử lý, thời hiệu)',
        response: { 200: RegimeSettings, ...errs },
      },
    },
    async (req) => {
      actorOf(req);
      return loadRegimes(ctx.db);
    },
  );
  app.put(
    '/discipline/regimes',
    {
      schema: {
        tags,
        summary: 'Thay danh sách chế độ kỷ luật (quản trị hệ thống); version = 0 khi đang dùng mặc định',
        body: RegimeSettingsUpdate,
        response: { 200: RegimeSettings, ...errs },
      },
    },
    (req) => saveRegimes(ctx, actorOf(req), req.body.regimes, req.body.version),
  );
}
