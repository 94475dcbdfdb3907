import { ErrorResponse, IdParams, OrgCreate, OrgList, OrgListQuery, OrgMove, OrgUpdate, OrgWithAncestors } from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { OrgService } from './orgs.service';

const tags = ['orgs'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The org tree. */
export async function orgRoutes(app: Api, { orgs }: { orgs: OrgService }) {
  app.get(
    '/orgs',
    {
      schema: {
        tags,
        summary: 'Cây tổ chức (gốc, con của parentId, hoặc tìm kiếm q)',
        querystring: OrgListQuery,
        response: { 200: OrgList, ...errs },
      },
    },
    (req) => orgs.list(actorOf(req), req.query),
  );
  app.get(
    '/orgs/:id',
    { schema: { tags, summary: 'Chi tiết đơn vị', params: IdParams, response: { 200: OrgWithAncestors, ...errs } } },
    (req) => orgs.get(actorOf(req), req.params.id),
  );
  app.post('/orgs', { schema: { tags, summary: 'Tạo đơn vị', body: OrgCreate, response: { 200: OrgWithAncestors, ...errs } } }, (req) =>
    orgs.create(actorOf(req), req.body),
  );
  app.patch(
    '/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Sửa, đổi tên, ngừng hoạt động đơn vị',
        params: IdParams,
        body: OrgUpdate,
        response: { 200: OrgWithAncestors, ...errs },
      },
    },
    (req) => orgs.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/orgs/:id/move',
    {
      schema: {
        tags,
        summary: 'Chuyển đơn vị (cả cây con) sang đơn vị cha mới',
        params: IdParams,
        body: OrgMove,
        response: { 200: OrgWithAncestors, ...errs },
      },
    },
    (req) => orgs.move(actorOf(req), req.params.id, req.body.newParentId, req.body.version),
  );
}
