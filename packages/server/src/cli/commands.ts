import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../demo/seed';
import { AuditLog } from '../platform/audit';
import { isDatabaseEmpty, openFromConfig, startServer } from '../server';
import { dataCommands } from './data-commands';

export interface CommandInput {
  config: Config;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(input: CommandInput): Promise<number>;
}

/** Opens the configured database, migrates it, runs `fn`, and always closes it. */
export async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const handle = openFromConfig(config);
  try {
    await migrateToLatest(handle.db);
    return await fn({ db: handle.db, dialect: handle.dialect, handle, audit: new AuditLog(config.auditHmacKey), config });
  } finally {
    await handle.close();
  }
}

/** The OpenAPI document of the current code (built on an in-memory database, nothing listens). */
export async function openApiDocument(config: Config): Promise<string> {
  const { buildApp } = await import('../app');
  const { openDatabase } = await import('../db/dialect');
  const handle = openDatabase({ sqliteFile: ':memory:' });
  try {
    const app = await buildApp({ config: { ...config, demo: false }, handle, logger: false });
    await app.ready();
    const doc = JSON.stringify(app.swagger()) + '\n';
    await app.close();
    return doc;
  } finally {
    await handle.close();
  }
}

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../../../docs/openapi.json');

export const commands: Record<string, Command> = {
  openapi: {
    summary: 'Ghi tài liệu OpenAPI vào docs/openapi.json',
    help: 'kycuong openapi [--out <tệp>]\n\nSinh tài liệu OpenAPI 3 từ mã nguồn (mặc định docs/openapi.json; một bài kiểm thử báo lỗi khi tệp đã cũ).',
    options: { out: { type: 'string', short: 'o' } },
    async run({ config, values }) {
      const out = typeof values.out === 'string' ? path.resolve(values.out) : OPENAPI_FILE;
      fs.writeFileSync(out, await openApiDocument(config));
      console.log(`Đã ghi ${out}`);
      return 0;
    },
  },
  serve: {
    summary: 'Chạy máy chủ web (mặc định 0.0.0.0:3000)',
    help: 'kycuong serve\n\nChạy máy chủ HTTP. Cấu hình: HOST, PORT, DATABASE_URL, KYCUONG_DATA_DIR, KYCUONG_DEMO…',
    options: {},
    async run({ config }) {
      await startServer(config);
      return new Promise<number>(() => {});
    },
  },
  migrate: {
    summary: 'Áp dụng các migration còn thiếu',
    help: 'kycuong migrate\n\nÁp dụng các migration còn thiếu vào cơ sở dữ liệu đã cấu hình (an toàn khi chạy nhiều lần).',
    options: {},
    async run({ config }) {
      const handle = openFromConfig(config);
      try {
        const applied = await migrateToLatest(handle.db);
        console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
        return 0;
      } finally {
        await handle.close();
      }
    },
  },
  'seed-demo': {
    summary: 'Nạp dữ liệu mẫu (chỉ vào cơ sở dữ liệu trống)',
    help: 'kycuong seed-demo [--force]\n\nNạp tổ chức, cán bộ và tài khoản mẫu (mật khẩu KyCuong@2023).\n  --force   nạp cả khi cơ sở dữ liệu đã có dữ liệu (có thể lỗi trùng mã)',
    options: { force: { type: 'boolean' } },
    async run({ config, values }) {
      return withContext(config, async (ctx) => {
        if (!values.force && !(await isDatabaseEmpty(ctx.handle))) {
          console.error('Cơ sở dữ liệu đã có dữ liệu; dùng --force nếu vẫn muốn nạp dữ liệu mẫu.');
          return 1;
        }
        await seedDemo(ctx, (m) => console.log(m));
        return 0;
      });
    },
  },
  'verify-audit': {
    summary: 'Kiểm tra tính toàn vẹn nhật ký (chuỗi băm) và các bảng được kiểm toán',
    help: 'kycuong verify-audit\n\nTính lại chuỗi băm của nhật ký kiểm toán và so sánh từng bản ghi của các bảng được kiểm toán\nvới ảnh chụp cuối trong nhật ký. Mã thoát khác 0 nếu phát hiện sai lệch.',
    options: {},
    async run({ config }) {
      return withContext(config, async (ctx) => {
        const problems = await ctx.audit.verify(ctx.db);
        if (problems.length === 0) {
          console.log('Nhật ký kiểm toán toàn vẹn: không phát hiện sai lệch.');
          return 0;
        }
        console.error(`Phát hiện ${problems.length} sai lệch:`);
        for (const p of problems.slice(0, 200)) console.error(`  - ${p}`);
        if (problems.length > 200) console.error(`  … và ${problems.length - 200} sai lệch khác`);
        return 1;
      });
    },
  },
  backup: {
    summary: 'Sao lưu cơ sở dữ liệu SQLite ra tệp (PostgreSQL: dùng pg_dump)',
    help: 'kycuong backup --out <tệp>\n\nSao lưu trực tuyến (không cần dừng máy chủ) cơ sở dữ liệu SQLite nhúng ra một tệp.\nVới PostgreSQL, hãy dùng pg_dump (xem docs/operations.md).',
    options: { out: { type: 'string', short: 'o' } },
    async run({ config, values }) {
      if (config.databaseUrl) {
        console.error(
          'Đang dùng PostgreSQL: hãy sao lưu bằng pg_dump, ví dụ\n  pg_dump --format=custom --file=kycuong.dump "$DATABASE_URL"\nXem docs/operations.md.',
        );
        return 1;
      }
      const out = typeof values.out === 'string' ? path.resolve(values.out) : '';
      if (!out) {
        console.error('Thiếu --out <tệp>.');
        return 2;
      }
      if (fs.existsSync(out)) {
        console.error(`Tệp đã tồn tại: ${out}`);
        return 1;
      }
      const handle = openFromConfig(config);
      try {
        await handle.sqlite!.backup(out);
        console.log(`Đã sao lưu vào ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB).`);
        return 0;
      } finally {
        await handle.close();
      }
    },
  },
  // create-admin, import, export
  ...dataCommands,
};
