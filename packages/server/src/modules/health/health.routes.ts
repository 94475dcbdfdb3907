import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { AppContext } from '../../context';
import { pendingMigrations } from '../../db/migrate';

/** Liveness, readiness and Prometheus metrics (plain JSON schemas, outside the zod scope). */
export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'kycuong_' });
  const httpDuration = new client.Histogram({
    name: 'kycuong_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      const pending = await pendingMigrations(ctx.db);
      if (pending.length) return reply.status(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready', database: ctx.dialect };
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
