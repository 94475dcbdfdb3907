#!/usr/bin/env -S npx tsx
/**
 * Command-line entry: serve, migrate, seed-demo, create-admin, import, export, backup,
 * verify-audit, openapi. Each command has --help, prints clear errors and exits non-zero on failure.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { commands } from './cli/commands';

const USAGE = `Kỷ Cương — dòng lệnh / command line

Cách dùng: kycuong <lệnh> [tùy chọn]

Lệnh:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`)
  .join('\n')}

"kycuong <lệnh> --help" để xem tùy chọn của từng lệnh.
Cấu hình qua biến môi trường (xem .env.example).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Lệnh không hợp lệ: "${name}". Chạy "kycuong --help" để xem danh sách lệnh.`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    console.error(`${name}: ${(err as Error).message}\n\n${command.help}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  const config = loadConfig();
  return command.run({ config, values: parsed.values, positionals: parsed.positionals });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err instanceof Error ? `Lỗi: ${err.message}` : err);
    process.exitCode = 1;
  },
);
