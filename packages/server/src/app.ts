/**
 * Builds the Fastify application without listening, so tests drive it with `inject` and the
 * server entry adds only `listen` and shutdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config';
import type { AppContext } from './context';
import type { DbHandle } from './db/dialect';
import { AuthService } from './modules/auth/auth.service';
import { authRoutes } from './modules/auth/auth.routes';
import { healthRoutes } from './modules/health/health.routes';
import { orgRoutes } from './modules/orgs/orgs.routes';
import { OrgService } from './modules/orgs/orgs.service';
import { auditRoutes } from './modules/audit/audit.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { ImportService } from './modules/imports/imports.service';
import { campaignRoutes } from './modules/campaigns/campaigns.routes';
import { CampaignService } from './modules/campaigns/campaigns.service';
import { catalogueRoutes } from './modules/catalogues/catalogues.routes';
import { CatalogueService } from './modules/catalogues/catalogues.service';
import { caseRoutes } from './modules/cases/cases.routes';
import { CaseService } from './modules/cases/cases.service';
import { disciplineRoutes } from './modules/discipline/discipline.routes';
import { DisciplineService } from './modules/discipline/discipline.service';
import { publicationRoutes } from './modules/publication/publication.routes';
import { peopleRoutes } from './modules/people/people.routes';
import { PeopleService } from './modules/people/people.service';
import { settingsRoutes } from './modules/settings/settings.routes';
import { userRoutes } from './modules/users/users.routes';
import { UserService } from './modules/users/users.service';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { CalendarService } from './modules/calendar/calendar.service';
import { jobAdminRoutes } from './modules/jobs/jobs.routes';
import { JobAdminService } from './modules/jobs/jobs.service';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { NotificationService } from './modules/notifications/notifications.service';
import { documentRoutes } from './modules/documents/documents.routes';
import { DocumentService } from './modules/documents/documents.service';
import { signalRoutes } from './modules/signals/signals.routes';
import { SignalService } from './modules/signals/signals.service';
import { reportRoutes } from './modules/reports/reports.routes';
import { ReportService } from './modules/reports/reports.service';
import { listExportRoutes } from './modules/reports/reports.exports';
import { taskRoutes } from './modules/tasks/tasks.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { evaluationRoutes } from './modules/evaluations/evaluations.routes';
import { EvaluationService } from './modules/evaluations/evaluations.service';
import { disseminationRoutes } from './modules/dissemination/dissemination.routes';
import { DisseminationService } from './modules/dissemination/dissemination.service';
import { TaskService } from './modules/tasks/tasks.service';
import { AuditLog } from './platform/audit';
import { errorHandler, type Api } from './platform/http';
import { sessionPlugin } from './platform/session';

// Validation messages in Vietnamese (the UI's first language); the field path is always named.
z.config(z.locales.vi());

export interface BuildOptions {
  config: Config;
  handle: DbHandle;
  logger?: FastifyServerOptions['logger'];
}

export const API_PREFIX = '/api/v1';

export async function buildApp({ config, handle, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, handle, audit: new AuditLog(config.auditHmacKey), config };
  const auth = new AuthService(ctx);

  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kỷ Cương API',
        version: '1.0.0',
        description:
          'API của hệ thống Kỷ Cương (Chỉ thị 24-CT/TU). Mọi yêu cầu thay đổi dữ liệu cần header x-csrf-token lấy từ GET /api/v1/auth/me.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kc_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(sessionPlugin, { auth });
  await app.register(healthRoutes, { ctx });

  await app.register(
    async (api) => {
      api.setValidatorCompiler(validatorCompiler);
      api.setSerializerCompiler(serializerCompiler);
      const typed = api.withTypeProvider() as unknown as Api;
      await typed.register(authRoutes, { ctx, auth });
      await typed.register(orgRoutes, { orgs: new OrgService(ctx) });
      await typed.register(peopleRoutes, { people: new PeopleService(ctx) });
      await typed.register(userRoutes, { users: new UserService(ctx) });
      await typed.register(auditRoutes, { ctx });
      await typed.register(settingsRoutes, { ctx });
      await typed.register(importRoutes, { imports: new ImportService(ctx) });
      await typed.register(campaignRoutes, { campaigns: new CampaignService(ctx) });
      const cases = new CaseService(ctx);
      await typed.register(catalogueRoutes, { catalogues: new CatalogueService(ctx) });
      await typed.register(caseRoutes, { cases });
      await typed.register(disciplineRoutes, { ctx, discipline: new DisciplineService(ctx) });
      await typed.register(publicationRoutes, { cases });
      await typed.register(notificationRoutes, { notifications: new NotificationService(ctx) });
      await typed.register(calendarRoutes, { calendar: new CalendarService(ctx) });
      await typed.register(jobAdminRoutes, { jobs: new JobAdminService(ctx) });
      const tasks = new TaskService(ctx);
      await typed.register(taskRoutes, { tasks });
      await typed.register(documentRoutes, { documents: new DocumentService(ctx, tasks), ctx });
      await typed.register(signalRoutes, { signals: new SignalService(ctx) });
      await typed.register(reportRoutes, { reports: new ReportService(ctx) });
      await typed.register(listExportRoutes, { ctx });
      await typed.register(evaluationRoutes, { evaluations: new EvaluationService(ctx) });
      await typed.register(dashboardRoutes, { dashboard: new DashboardService(ctx) });
      await typed.register(disseminationRoutes, { dissemination: new DisseminationService(ctx, { tasks }) });
    },
    { prefix: API_PREFIX },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await serveWebApp(app, config);
  return app;
}

/** Serves the built single-page app and falls back to index.html for client routes. */
async function serveWebApp(app: FastifyInstance, config: Config) {
  const index = path.join(config.webDistDir, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    // wildcard: files are looked up per request, so a web build replaced while the server runs is served (a
    // start-time file list would answer 404 for the new hashed assets).
    await app.register(fastifyStatic, { root: config.webDistDir, wildcard: true, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && hasWeb) {
      const file = request.url.split('?')[0]!;
      // index.html names the hashed assets of the current build: never cached, unlike the assets.
      if (!path.extname(file)) return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    }
    return reply.status(404).send({ error: { code: 'not_found', message: 'Không tìm thấy', requestId: request.id } });
  });
}
