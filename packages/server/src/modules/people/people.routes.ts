import {
  ErrorResponse,
  IdParams,
  MembershipInput,
  MembershipUpdate,
  PersonCreate,
  PersonDetail,
  PersonList,
  PersonListQuery,
  PersonUpdate,
} from '@kycuong/domain';
import { actorOf, type Api } from '../../platform/http';
import type { PeopleService } from './people.service';

const tags = ['people'];
const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** People and their memberships. */
export async function peopleRoutes(app: Api, { people }: { people: PeopleService }) {
  app.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'Danh sách cán bộ (tìm không dấu q, lọc theo đơn vị orgId)',
        querystring: PersonListQuery,
        response: { 200: PersonList, ...errs },
      },
    },
    (req) => people.list(actorOf(req), req.query),
  );
  app.get(
    '/people/:id',
    { schema: { tags, summary: 'Thông tin cán bộ và các đơn vị', params: IdParams, response: { 200: PersonDetail, ...errs } } },
    (req) => people.get(actorOf(req), req.params.id),
  );
  app.post(
    '/people',
    { schema: { tags, summary: 'Thêm cán bộ vào một đơn vị', body: PersonCreate, response: { 200: PersonDetail, ...errs } } },
    (req) => people.create(actorOf(req), req.body),
  );
  app.patch(
    '/people/:id',
    { schema: { tags, summary: 'Sửa thông tin cán bộ', params: IdParams, body: PersonUpdate, response: { 200: PersonDetail, ...errs } } },
    (req) => people.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/people/:id/memberships',
    {
      schema: {
        tags,
        summary: 'Thêm cán bộ vào đơn vị khác',
        params: IdParams,
        body: MembershipInput,
        response: { 200: PersonDetail, ...errs },
      },
    },
    (req) => people.addMembership(actorOf(req), req.params.id, req.body),
  );
  app.patch(
    '/memberships/:id',
    {
      schema: {
        tags,
        summary: 'Sửa chức danh, trưởng/phó, đơn vị chính',
        params: IdParams,
        body: MembershipUpdate,
        response: { 200: PersonDetail, ...errs },
      },
    },
    (req) => people.updateMembership(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/memberships/:id',
    { schema: { tags, summary: 'Rút cán bộ khỏi một đơn vị', params: IdParams, response: { 200: PersonDetail, ...errs } } },
    (req) => people.removeMembership(actorOf(req), req.params.id),
  );
}
