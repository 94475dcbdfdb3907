/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1) that parses every message it accepts
 * (mailparser). A message is recorded before the server answers 250, so once the sender sees
 * success the test sees the message.
 */
import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** Recipients refused so far. */
  refused: string[];
  close(): Promise<void>;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** A port nothing listens on (yet). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * `headersOnly`: parse only the header block of each message (subject, Message-ID, recipients),
 * for tests that send many messages and do not look at bodies.
 */
export async function startSmtpSink(opts: { port?: number; refuse?: RegExp; headersOnly?: boolean } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const refused: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (opts.refuse?.test(address.address)) {
        refused.push(address.address);
        callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      readAll(stream)
        .then((raw) => {
          if (!opts.headersOnly) return simpleParser(raw);
          const end = raw.indexOf('\r\n\r\n');
          return simpleParser(end >= 0 ? raw.subarray(0, end + 4) : raw);
        })
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve((server.server.address() as net.AddressInfo).port));
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
