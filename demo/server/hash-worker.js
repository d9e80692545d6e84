// @ts-check
// One password-hashing thread (see passwords.js). It lowers its own scheduling priority first,
// so that on a busy machine the event loop, the database and every other request go before
// password hashing: a sign-in by password then waits a little longer, the rest does not.
import { scryptSync } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Linux schedules threads one by one: /proc/thread-self names this one, and setpriority on its
 * id changes only its niceness (raising it needs no privilege). Elsewhere the call is skipped
 * and the thread keeps the process's priority; the pool's bound still holds.
 */
function lowerPriority() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Number(workerData?.niceness ?? 5));
  } catch {
    // Not Linux, or not allowed: run at the normal priority.
  }
}

lowerPriority();

// The synchronous form on purpose: it runs here, on this lowered thread that does nothing else,
// where the async one would go to libuv's pool, whose threads keep the normal priority.
parentPort?.on(
  'message',
  /** @param {{ id: number, password: string, salt: Uint8Array, keyLength: number, options: import('node:crypto').ScryptOptions }} job */
  (job) => {
    try {
      const key = scryptSync(job.password, job.salt, job.keyLength, job.options);
      parentPort?.postMessage({ id: job.id, key }, []);
    } catch (error) {
      parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }, []);
    }
  },
);
