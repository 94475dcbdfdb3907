import { AuditList, AuditQuery, ErrorResponse } from '@kycuong/domain';
import type { AppContext } from '../../context';
import { assertAnywhere, scopeOf } from '../../platform/access';
import { actorOf, type Api } from '../../platform/http';
import { AuditRepository } from './audit.repository';

/** The audit viewer: filterable, scoped to the orgs the reader may audit. */
export async function auditRoutes(app: Api, { ctx }: { ctx: AppContext }) {
  const repo = new AuditRepository(ctx.db);
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký kiểm toán',
        querystring: AuditQuery,
        response: { 200: AuditList, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAnywhere(actor, 'audit.read');
      const q = req.query;
      const { rows, total } = await repo.list({
        ...q,
        scope: scopeOf(actor, 'audit.read'),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          seq: Number(r.seq),
          at: r.at,
          actorUserId: r.actor_user_id,
          actorName: r.full_name ?? r.username ?? (r.actor_user_id ? null : 'Hệ thống'),
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          orgId: r.org_id,
          before: r.before ? (JSON.parse(r.before) as unknown) : null,
          after: r.after ? (JSON.parse(r.after) as unknown) : null,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );
}
