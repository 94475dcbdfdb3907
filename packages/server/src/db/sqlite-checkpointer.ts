/**
 * SQLite WAL checkpoints off the request thread.
 *
 * In WAL mode SQLite copies the log back into the database file ("checkpoint") inside the commit
 * that leaves the log 1,000 pages long, on the connection that committed. The server's connection
 * is synchronous and shared by every request, so that commit — and every request queued behind it —
 * waited for the copy: the status-change benchmark's p99 on one connection was 32 ms against a
 * p50 of 7 ms. The server's connection therefore checkpoints nothing itself
 * (`wal_autocheckpoint = 0`); a worker thread with its own connection runs a PASSIVE checkpoint
 * every second. PASSIVE never waits for the writer or the readers — it copies what no reader still
 * needs and leaves the rest for the next round — and SQLite starts the log over at the next write
 * once it has all been copied.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated in the worker: no loader or build step is needed for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: String(e) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** How often the worker checkpoints. */
const EVERY_MS = 1000;

/**
 * Starts checkpointing `file` (a WAL-mode database) from a worker thread. A failed round is
 * reported as a process warning (stderr) and retried at the next one; a crashed worker leaves the
 * log to grow until restart, which the warning makes visible.
 */
export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs: EVERY_MS } });
  // Never keeps the process alive by itself.
  worker.unref();
  const warn = (message: string) => process.emitWarning(`SQLite checkpoint of ${file}: ${message}`);
  worker.on('message', (m: { error?: string }) => m.error && warn(m.error));
  worker.on('error', (e) => warn(String(e)));
  // Resolved however the worker ends (events.once would reject on 'error' with nobody awaiting).
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        // Referenced again while it winds down: awaiting an unreferenced worker would let the
        // process end silently in the middle of the caller's shutdown.
        worker.ref();
        worker.postMessage('stop');
        await exit;
      })();
      return stopped;
    },
  };
}
