/**
 * Starts the HTTP server: validated configuration, database, migrations, demo data on the first
 * start of an empty embedded database, listen, and a graceful shutdown on SIGTERM/SIGINT.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase, type DbHandle } from './db/dialect';
import { migrateToLatest } from './db/migrate';
import { AuditLog } from './platform/audit';
import { seedDemo } from './demo/seed';
import { closeMailTransports } from './platform/mail';
import { Scheduler } from './platform/scheduler';

export function openFromConfig(config: Config): DbHandle {
  return openDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl, pgPoolSize: config.pgPoolSize }
      : { sqliteFile: path.join(config.dataDir, 'kycuong.sqlite') },
  );
}

export async function isDatabaseEmpty(handle: DbHandle): Promise<boolean> {
  const row = await handle.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function startServer(config: Config): Promise<FastifyInstance> {
  const started = process.hrtime.bigint();
  const handle = openFromConfig(config);
  const applied = await migrateToLatest(handle.db);
  const app = await buildApp({ config, handle });
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (config.demo && handle.dialect === 'sqlite' && (await isDatabaseEmpty(handle))) {
    app.log.info('empty embedded database: loading demo data (set KYCUONG_DEMO=0 to skip)');
    await seedDemo({ db: handle.db, dialect: handle.dialect, handle, audit: new AuditLog(config.auditHmacKey), config }, (m) =>
      app.log.info(m),
    );
  }
  const demo = await handle.db.selectFrom('users').select('username').where('is_demo', '=', true).where('active', '=', true).execute();
  if (demo.length) {
    app.log.warn(
      { accounts: demo.map((d) => d.username) },
      'demo accounts with a published password exist: deactivate them before real use',
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await handle.close();
    } finally {
      clearTimeout(timer);
    }
  };
  // The job scheduler starts after listen and stops first on close, waiting for running jobs.
  let scheduler: Scheduler | null = null;
  app.addHook('onClose', async () => {
    await scheduler?.stop();
    closeMailTransports();
  });
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  if (config.jobsEnabled) {
    scheduler = new Scheduler(
      { db: handle.db, dialect: handle.dialect, handle, audit: new AuditLog(config.auditHmacKey), config },
      { log: app.log },
    );
    await scheduler.start();
    app.log.info(
      { instanceId: scheduler.instanceId, smtp: config.smtp ? 'configured' : 'none (mails wait in the outbox)' },
      'job scheduler started',
    );
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  app.log.info(
    { database: handle.dialect, startupMs: Math.round(ms) },
    `Kỷ Cương ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  return app;
}
