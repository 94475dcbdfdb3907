import {
  Catalogue,
  CatalogueCreate,
  CatalogueList,
  CatalogueQuery,
  CatalogueUpdate,
  CatalogueVersionQuery,
  ErrorResponse,
  IdParams,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { CatalogueService } from './catalogues.service';

const tags = ['violations'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Manifestation catalogues of directives (Phụ lục nhận diện biểu hiện vi phạm). */
export async function catalogueRoutes(app: Api, { catalogues }: { catalogues: CatalogueService }) {
  app.get(
    '/catalogues',
    {
      schema: {
        tags,
        summary: 'Danh mục biểu hiện vi phạm của văn bản (nhóm, biểu hiện và mã; phiên bản hiện hành hoặc ?version=)',
        querystring: CatalogueQuery,
        response: { 200: CatalogueList, ...errs },
      },
    },
    (req) => catalogues.list(actorOf(req), req.query),
  );
  app.get(
    '/catalogues/:id',
    {
      schema: {
        tags,
        summary: 'Một danh mục ở phiên bản hiện hành hoặc ?version=',
        params: IdParams,
        querystring: CatalogueVersionQuery,
        response: { 200: Catalogue, ...errs },
      },
    },
    (req) => catalogues.get(actorOf(req), req.params.id, req.query.version),
  );
  app.post(
    '/catalogues',
    { schema: { tags, summary: 'Tạo danh mục cho một văn bản chỉ đạo', body: CatalogueCreate, response: { 200: Catalogue, ...errs } } },
    (req) => catalogues.create(actorOf(req), req.body),
  );
  app.put(
    '/catalogues/:id',
    {
      schema: {
        tags,
        summary: 'Sửa danh mục: tạo phiên bản mới (vụ việc cũ giữ phiên bản đã gắn); version là phiên bản hiện hành',
        params: IdParams,
        body: CatalogueUpdate,
        response: { 200: Catalogue, ...errs },
      },
    },
    (req) => catalogues.update(actorOf(req), req.params.id, req.body),
  );
}
