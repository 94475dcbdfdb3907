/**
 * CLI commands create-admin, import and export. They run as the system actor (audit rows carry
 * no user), print Vietnamese messages and exit non-zero on any failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  EXPORT_FORMATS,
  IMPORT_KINDS,
  PasswordPolicy,
  Username,
  z,
  type ExportFormat,
  type ImportKind,
  type ImportReport,
} from '@kycuong/domain';
import { isUniqueViolation, nowIso } from '../db/dialect';
import { AuthRepository } from '../modules/auth/auth.repository';
import { ImportService } from '../modules/imports/imports.service';
import { UsersRepository } from '../modules/users/users.repository';
import { SYSTEM_USER_ID, systemActor } from '../platform/access';
import { AppError } from '../platform/errors';
import { newId } from '../platform/ids';
import { hashPassword } from '../platform/passwords';
import type { Command, CommandInput } from './commands';
import { withContext } from './commands';

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

/** Reads the whole of standard input (a password piped in), without its final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** An AppError as one line of Vietnamese for the terminal. */
function describe(err: AppError): string {
  const fields = err.fields?.map((f) => f.message).join('\n  ');
  if (err.code === 'not_found') return 'Không tìm thấy (hoặc nằm ngoài phạm vi).';
  if (err.code === 'conflict') return `Xung đột dữ liệu: ${String(err.params.detail ?? '')}${fields ? `\n  ${fields}` : ''}`;
  if (err.code === 'version_conflict') return 'Dữ liệu vừa bị thay đổi bởi người khác; hãy chạy lại.';
  return fields ? `Dữ liệu không hợp lệ:\n  ${fields}` : `Lỗi: ${err.code}`;
}

async function reportAppErrors(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) {
      console.error(describe(err));
      return 1;
    }
    throw err;
  }
}

/** The row report as a plain-text table. */
export function formatReport(report: ImportReport): string {
  const status = { valid: 'hợp lệ', error: 'LỖI' } as const;
  const action = { create: 'tạo mới', update: 'cập nhật', skip: 'bỏ qua' } as const;
  const head = ['Dòng', 'Kết quả', 'Thao tác', 'Nội dung / lỗi'];
  const body = report.rows.map((r) => [
    String(r.rowNumber),
    status[r.status],
    r.status === 'valid' ? action[r.action] : '',
    r.status === 'valid' ? r.summary : r.errors.map((e) => `${e.column}: ${e.message}`).join(' | '),
  ]);
  const widths = head.slice(0, 3).map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
  const total = `Tổng ${report.totalRows} dòng: ${report.validRows} hợp lệ, ${report.errorRows} lỗi.`;
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  ') + '  ' + '-'.repeat(20), ...body.map(line), '', total].join('\n');
}

export const dataCommands: Record<string, Command> = {
  'create-admin': {
    summary: 'Tạo tài khoản quản trị hệ thống (không gắn cán bộ)',
    help: `kycuong create-admin --username <tên> [--password-stdin | --password <mật khẩu>]

Tạo tài khoản quản trị hệ thống. Mật khẩu tối thiểu 10 ký tự, có chữ và số.
  --username <tên>     tên đăng nhập: chữ thường không dấu, số, dấu chấm, gạch (3–50 ký tự)
  --password-stdin     đọc mật khẩu từ đầu vào chuẩn (khuyên dùng: không lưu trong lịch sử lệnh)
  --password <mk>      mật khẩu trên dòng lệnh
Ví dụ: printf '%s' 'Mat-khau-rat-manh-1' | kycuong create-admin --username quantri --password-stdin`,
    options: { username: { type: 'string', short: 'u' }, password: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    async run({ config, values }: CommandInput) {
      z.config(z.locales.vi());
      const username = Username.safeParse(str(values.username) ?? '');
      if (!str(values.username)) {
        console.error('Thiếu --username <tên đăng nhập>.');
        return 2;
      }
      if (!username.success) {
        console.error(`Tên đăng nhập không hợp lệ: ${username.error.issues.map((i) => i.message).join('; ')}`);
        return 1;
      }
      if (values['password-stdin'] && values.password !== undefined) {
        console.error('Chỉ dùng một trong hai: --password-stdin hoặc --password.');
        return 2;
      }
      let password: string | undefined = str(values.password);
      if (values['password-stdin']) password = await readStdin();
      if (password === undefined) {
        console.error('Thiếu mật khẩu: dùng --password-stdin (đọc từ đầu vào chuẩn) hoặc --password <mật khẩu>.');
        return 2;
      }
      const policy = PasswordPolicy.safeParse(password);
      if (!policy.success) {
        console.error(`Mật khẩu không đạt yêu cầu: ${policy.error.issues.map((i) => i.message).join('; ')}`);
        return 1;
      }
      const name = username.data.toLowerCase();
      return withContext(config, async (ctx) => {
        const taken = `Tên đăng nhập “${name}” đã tồn tại; chọn tên khác hoặc đặt lại mật khẩu trong trang Quản trị tài khoản.`;
        if (await new AuthRepository(ctx.db).findUserByUsername(name)) {
          console.error(taken);
          return 1;
        }
        const id = newId();
        const grantId = newId();
        const now = nowIso();
        const password_hash = await hashPassword(policy.data);
        try {
          await ctx.db.transaction().execute(async (trx) => {
            const users = new UsersRepository(trx);
            await users.insertUser({
              id,
              person_id: null,
              username: name,
              password_hash,
              totp_secret: null,
              totp_enabled: false,
              failed_logins: 0,
              locked_until: null,
              must_change_password: false,
              locale: 'vi',
              active: true,
              is_demo: false,
              last_login_at: null,
              version: 1,
              created_at: now,
              updated_at: now,
            });
            await ctx.audit.record(trx, {
              actorUserId: SYSTEM_USER_ID,
              action: 'user.create',
              entityType: 'user',
              entityId: id,
              before: null,
            });
            await users.insertGrant({ id: grantId, user_id: id, role: 'system_admin', org_id: null, created_at: now });
            await ctx.audit.record(trx, {
              actorUserId: SYSTEM_USER_ID,
              action: 'grant.create',
              entityType: 'role_grant',
              entityId: grantId,
              orgId: null,
              before: null,
            });
          });
        } catch (err) {
          if (isUniqueViolation(err)) {
            console.error(taken);
            return 1;
          }
          throw err;
        }
        console.log(`Đã tạo tài khoản quản trị hệ thống “${name}”.`);
        return 0;
      });
    },
  },

  import: {
    summary: 'Nhập đơn vị hoặc cán bộ từ tệp XLSX/CSV (kiểm tra từng dòng trước)',
    help: `kycuong import --kind orgs|people --file <tệp> [--only-valid] [--dry-run]

Đọc tệp .xlsx hoặc .csv (UTF-8), in báo cáo từng dòng, rồi ghi tất cả trong một giao dịch.
Cột của tệp: xem docs/import-format.md (xuất một tệp bằng "kycuong export" để có mẫu).
  --kind orgs|people   nhập đơn vị (orgs) hay cán bộ và đơn vị công tác (people)
  --file <tệp>         đường dẫn tệp .xlsx hoặc .csv
  --only-valid         có dòng lỗi vẫn ghi các dòng hợp lệ (mặc định: không ghi gì nếu có lỗi)
  --dry-run            chỉ kiểm tra và in báo cáo, không ghi
Mã thoát 1 khi có dòng lỗi (trừ khi --only-valid) hoặc tệp không đọc được.`,
    options: {
      kind: { type: 'string', short: 'k' },
      file: { type: 'string', short: 'f' },
      'only-valid': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    async run({ config, values }: CommandInput) {
      const kind = str(values.kind);
      if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
        console.error(kind ? `--kind “${kind}” không hợp lệ: dùng orgs hoặc people.` : 'Thiếu --kind orgs|people.');
        return 2;
      }
      const file = str(values.file);
      if (!file) {
        console.error('Thiếu --file <tệp .xlsx hoặc .csv>.');
        return 2;
      }
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(path.resolve(file));
      } catch (err) {
        console.error(
          `Không đọc được tệp “${file}”: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'không tồn tại' : (err as Error).message}`,
        );
        return 1;
      }
      const onlyValid = values['only-valid'] === true;
      return withContext(config, (ctx) =>
        reportAppErrors(async () => {
          const imports = new ImportService(ctx);
          const actor = systemActor();
          const report = await imports.preview(actor, kind as ImportKind, buffer);
          console.log(formatReport(report));
          if (report.errorRows > 0 && !onlyValid) {
            console.error(`\nCó ${report.errorRows} dòng lỗi: không ghi gì. Sửa tệp, hoặc dùng --only-valid để chỉ ghi các dòng hợp lệ.`);
            return 1;
          }
          if (values['dry-run']) {
            console.log('\nChạy thử (--dry-run): không ghi gì.');
            return 0;
          }
          const result = await imports.commit(actor, kind as ImportKind, buffer, onlyValid);
          console.log(
            `\nĐã ghi: ${result.created} dòng tạo mới, ${result.updated} dòng cập nhật, ${result.skipped} dòng không thay đổi${result.errorRows ? `; bỏ qua ${result.errorRows} dòng lỗi` : ''}.`,
          );
          return 0;
        }),
      );
    },
  },

  export: {
    summary: 'Xuất đơn vị hoặc cán bộ ra tệp XLSX/CSV',
    help: `kycuong export --kind orgs|people --format xlsx|csv --out <tệp> [--org <mã đơn vị>]

Xuất toàn bộ (hoặc cây đơn vị của --org) ra tệp; tệp xuất nhập lại được bằng "kycuong import".
  --kind orgs|people   đơn vị hay cán bộ (mỗi dòng một đơn vị công tác)
  --format xlsx|csv    định dạng (mặc định theo đuôi tệp của --out); CSV là UTF-8 có BOM
  --out <tệp>          tệp kết quả (ghi đè nếu đã có)
  --org <mã>           chỉ đơn vị này và các đơn vị cấp dưới`,
    options: {
      kind: { type: 'string', short: 'k' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      org: { type: 'string' },
    },
    async run({ config, values }: CommandInput) {
      const kind = str(values.kind);
      if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
        console.error(kind ? `--kind “${kind}” không hợp lệ: dùng orgs hoặc people.` : 'Thiếu --kind orgs|people.');
        return 2;
      }
      const outArg = str(values.out);
      if (!outArg) {
        console.error('Thiếu --out <tệp>.');
        return 2;
      }
      const out = path.resolve(outArg);
      const format = str(values.format) ?? path.extname(out).slice(1).toLowerCase();
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        console.error(
          str(values.format)
            ? `--format “${format}” không hợp lệ: dùng xlsx hoặc csv.`
            : 'Thiếu --format xlsx|csv (hoặc đặt đuôi .xlsx/.csv cho --out).',
        );
        return 2;
      }
      if (!fs.existsSync(path.dirname(out))) {
        console.error(`Thư mục không tồn tại: ${path.dirname(out)}`);
        return 1;
      }
      const orgCode = str(values.org);
      return withContext(config, async (ctx) => {
        const imports = new ImportService(ctx);
        const actor = systemActor();
        let orgId: string | undefined;
        if (orgCode) {
          try {
            orgId = await imports.orgIdByCode(actor, orgCode);
          } catch (err) {
            if (err instanceof AppError && err.code === 'not_found') {
              console.error(`Không tìm thấy đơn vị có mã “${orgCode}”.`);
              return 1;
            }
            throw err;
          }
        }
        const file = await imports.exportSheet(actor, kind as ImportKind, { format: format as ExportFormat, orgId });
        // Written beside the target and renamed at the end: a failed export leaves no half file.
        const tmp = `${out}.${process.pid}.tmp`;
        try {
          await file.write(fs.createWriteStream(tmp));
          fs.renameSync(tmp, out);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
        console.log(`Đã xuất ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB).`);
        return 0;
      });
    },
  },
};
